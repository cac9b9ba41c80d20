package io.soundtag.dashboard.audio;

import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.archive.ArchivedAudio;
import io.soundtag.trainer.archive.ChunkArchive;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@link SensorAudio} read from {@code audio.chunks} through the trainer's {@link ChunkArchive}. */
public final class ArchiveAudio implements SensorAudio, AutoCloseable {

  private final ChunkArchive archive;

  private ArchiveAudio(ChunkArchive archive) {
    this.archive = archive;
  }

  /** Reads the chunks topic of {@code kafka}. */
  public static ArchiveAudio open(KafkaConnection kafka) {
    return new ArchiveAudio(ChunkArchive.open(kafka));
  }

  /**
   * Reads the chunks topic of {@code kafka}, looking only {@code skew} around a span for its
   * chunks: enough for audio captured moments ago, and much less to read than the default.
   */
  public static ArchiveAudio recent(KafkaConnection kafka, Duration skew) {
    return new ArchiveAudio(ChunkArchive.open(kafka, Topics.AUDIO_CHUNKS, skew));
  }

  @Override
  public Clip read(String sensorId, long fromMicros, long toMicros) throws IOException {
    Optional<ArchivedAudio> audio;
    try {
      audio = archive.read(sensorId, instant(fromMicros), instant(toMicros));
    } catch (IllegalStateException e) {
      throw new IOException("cannot read " + Topics.AUDIO_CHUNKS + ": " + e.getMessage(), e);
    }
    if (audio.isEmpty()) {
      throw new IOException("no audio of " + sensorId + " from " + instant(fromMicros) + " to " + instant(toMicros)
          + " is on " + Topics.AUDIO_CHUNKS + " (older audio is gone after the topic's retention)");
    }
    return new Clip(audio.get().audio(), audio.get().fromMicros());
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  @Override
  public void close() {
    archive.close();
  }
}
