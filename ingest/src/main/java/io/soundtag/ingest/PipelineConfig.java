package io.soundtag.ingest;

import io.soundtag.ingest.buffer.OverflowPolicy;
import io.soundtag.schemas.SampleEncoding;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every ingest pipeline needs, validated.
 *
 * @param topic destination topic (normally {@code audio.chunks})
 * @param chunkMillis chunk length, ms of audio
 * @param encoding payload encoding
 * @param bufferSeconds audio kept while the broker is down or slow, per sensor
 * @param overflow what to do when the buffer is full
 * @param resyncMillis capture-time drift tolerated before a sensor's sample clock is re-anchored
 * @param drainTimeout how long to wait at the end for the broker to take what is buffered
 * @param spoolDir where chunks are kept on disk until the broker has them (across restarts), or
 *     null to keep them in memory only (bounded by {@code bufferSeconds})
 * @param spoolMaxBytes the bound of the spool directory, bytes
 */
public record PipelineConfig(
    String topic, int chunkMillis, SampleEncoding encoding, double bufferSeconds, OverflowPolicy overflow,
    int resyncMillis, Duration drainTimeout, Path spoolDir, long spoolMaxBytes) {

  /** The spool's bound unless told otherwise: 1 GiB, about 4.5 hours of one 32 kHz PCM16 sensor. */
  public static final long DEFAULT_SPOOL_MAX_BYTES = 1L << 30;


  public PipelineConfig {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    if (chunkMillis < 10 || chunkMillis > 60_000) {
      throw new IllegalArgumentException("--chunk-ms must be 10..60000, got " + chunkMillis);
    }
    if (!(bufferSeconds * 1000 >= 2 * chunkMillis)) {
      throw new IllegalArgumentException("--buffer-seconds must hold at least two chunks (" + 2 * chunkMillis / 1000.0
          + " s at --chunk-ms " + chunkMillis + "), got " + bufferSeconds);
    }
    if (spoolDir != null && spoolMaxBytes < 1024 * 1024) {
      throw new IllegalArgumentException("--spool-max-bytes must be at least 1 MiB (1048576), got " + spoolMaxBytes);
    }
    if (resyncMillis < 1) {
      throw new IllegalArgumentException("resync tolerance must be at least 1 ms, got " + resyncMillis);
    }
  }

  /** {@code audio.chunks}, 500 ms PCM16 chunks, 60 s drop-oldest buffer, 250 ms resync tolerance, 30 s drain. */
  public static PipelineConfig defaults() {
    return new PipelineConfig("audio.chunks", 500, SampleEncoding.PCM16LE, 60, OverflowPolicy.DROP_OLDEST, 250,
        Duration.ofSeconds(30), null, DEFAULT_SPOOL_MAX_BYTES);
  }

  public PipelineConfig withTopic(String t) {
    return new PipelineConfig(t, chunkMillis, encoding, bufferSeconds, overflow, resyncMillis, drainTimeout, spoolDir, spoolMaxBytes);
  }

  public PipelineConfig withChunkMillis(int ms) {
    return new PipelineConfig(topic, ms, encoding, bufferSeconds, overflow, resyncMillis, drainTimeout, spoolDir, spoolMaxBytes);
  }

  public PipelineConfig withBuffer(double seconds, OverflowPolicy policy) {
    return new PipelineConfig(topic, chunkMillis, encoding, seconds, policy, resyncMillis, drainTimeout, spoolDir, spoolMaxBytes);
  }

  public PipelineConfig withEncoding(SampleEncoding e) {
    return new PipelineConfig(topic, chunkMillis, e, bufferSeconds, overflow, resyncMillis, drainTimeout, spoolDir, spoolMaxBytes);
  }

  /** Chunks kept in {@code dir} until the broker has them, at most {@code maxBytes}; null for memory only. */
  public PipelineConfig withSpool(Path dir, long maxBytes) {
    return new PipelineConfig(topic, chunkMillis, encoding, bufferSeconds, overflow, resyncMillis, drainTimeout, dir, maxBytes);
  }

  public PipelineConfig withDrainTimeout(Duration d) {
    return new PipelineConfig(topic, chunkMillis, encoding, bufferSeconds, overflow, resyncMillis, d, spoolDir, spoolMaxBytes);
  }
}
