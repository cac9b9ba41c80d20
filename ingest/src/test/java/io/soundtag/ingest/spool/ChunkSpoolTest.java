package io.soundtag.ingest.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.ingest.IngestMetrics;
import io.soundtag.ingest.chunk.ResumePoint;
import io.soundtag.ingest.chunk.SensorHistory;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on its own: order, restart, torn writes, chunks the topic already has, and its bound. */
class ChunkSpoolTest {

  /** 250 ms of 16 kHz PCM16: 8000 bytes of payload. */
  private static AudioChunk chunk(String sensor, long sequence) {
    return AudioChunk.newBuilder().setSensorId(sensor).setSequence(sequence).setCaptureStartMicros(1_000_000L + sequence * 250_000)
        .setSampleRate(16_000).setChannels(1).setEncoding(SampleEncoding.PCM16LE)
        .setPayload(ByteBuffer.wrap(new byte[8000])).build();
  }

  private static IngestMetrics metrics() {
    return IngestMetrics.of(new PrometheusRegistry());
  }

  private static List<Long> takeAll(ChunkSpool spool) throws InterruptedException {
    List<Long> out = new ArrayList<>();
    AudioChunk c;
    while ((c = spool.take(50, TimeUnit.MILLISECONDS)) != null) {
      out.add(c.getSequence());
      spool.release(c);
    }
    return out;
  }

  @TempDir
  Path dir;

  @Test
  void chunksNotDeliveredBeforeARestartAreSentFirstAndTheSequenceContinues() throws Exception {
    ChunkSpool first = new ChunkSpool(dir, 1 << 20, metrics(), SensorHistory.NONE);
    for (long s = 0; s < 10; s++) {
      first.accept(chunk("a", s));
    }
    // Three go to the broker, one is in flight when ingest stops.
    for (int i = 0; i < 3; i++) {
      first.release(first.take(1, TimeUnit.SECONDS));
    }
    first.take(1, TimeUnit.SECONDS);
    first.close();

    // The topic has 0..3 (the in-flight chunk was delivered, its acknowledgement lost).
    SensorHistory topic = ids -> Map.of("a", new ResumePoint(4, 0));
    ChunkSpool second = new ChunkSpool(dir, 1 << 20, metrics(), topic);
    assertThat(second.resumePoint("a")).isEqualTo(new ResumePoint(10, 1_000_000L + 10 * 250_000));
    second.accept(chunk("a", 10));
    assertThat(takeAll(second)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(second.awaitEmpty(1, TimeUnit.SECONDS)).isTrue();
    assertThat(second.fillMicros()).isZero();
    second.close();
  }

  @Test
  void aTornLastRecordIsCutOffAtStartUp() throws Exception {
    ChunkSpool first = new ChunkSpool(dir, 1 << 20, metrics(), SensorHistory.NONE);
    for (long s = 0; s < 3; s++) {
      first.accept(chunk("a", s));
    }
    first.close();
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment = files.findFirst().orElseThrow();
    }
    // A crash in the middle of writing the last record.
    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      c.truncate(Files.size(segment) - 100);
    }
    ChunkSpool second = new ChunkSpool(dir, 1 << 20, metrics(), SensorHistory.NONE);
    assertThat(second.resumePoint("a").nextSequence()).isEqualTo(2);
    assertThat(takeAll(second)).containsExactly(0L, 1L);
    second.close();
  }

  @Test
  void aFullSpoolDropsItsOldestAudioCountedAndKeepsTheNewest() throws IOException, InterruptedException {
    IngestMetrics metrics = metrics();
    long bound = 1 << 20;
    ChunkSpool spool = new ChunkSpool(dir, bound, metrics, SensorHistory.NONE);
    // About 8 KB a chunk: 400 chunks are three times the bound, and nothing is delivered.
    for (long s = 0; s < 400; s++) {
      spool.accept(chunk("a", s));
      assertThat(spool.bytes()).isLessThanOrEqualTo(bound + 64 * 1024);
    }
    List<Long> kept = takeAll(spool);
    assertThat(spool.dropped()).isEqualTo(400 - kept.size()).isGreaterThan(200);
    assertThat(metrics.chunksDropped()).isEqualTo(spool.dropped());
    // What is kept is the newest audio, in order and without a gap.
    assertThat(kept.get(kept.size() - 1)).isEqualTo(399);
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.get(i)).isEqualTo(kept.get(i - 1) + 1);
    }
    spool.close();
  }
}
