package io.soundtag.ingest;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.ingest.buffer.ChunkBuffer;
import io.soundtag.schemas.AudioChunk;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Ingest's Prometheus metrics: chunks and bytes produced, buffer fill and capacity, drops,
 * capture overruns, timestamp resyncs, produce errors and produce latency (send → acknowledgement).
 * One set per registry, shared by every pipeline registered in it.
 */
public final class IngestMetrics {

  private static final Map<PrometheusRegistry, IngestMetrics> BY_REGISTRY = new WeakHashMap<>();

  private final Counter chunks;
  private final Counter bytes;
  private final Counter droppedChunks;
  private final Counter droppedSeconds;
  private final Counter overruns;
  private final Counter resyncs;
  private final Counter sendErrors;
  private final Gauge fill;
  private final Gauge capacity;
  private final Gauge spoolBytes;
  private final Histogram latency;

  private IngestMetrics(PrometheusRegistry registry) {
    chunks = Counter.builder().name("soundtag_ingest_chunks_produced_total")
        .help("Audio chunks acknowledged by the broker").register(registry);
    bytes = Counter.builder().name("soundtag_ingest_payload_bytes_produced_total")
        .help("Payload bytes of the acknowledged chunks").register(registry);
    droppedChunks = Counter.builder().name("soundtag_ingest_chunks_dropped_total")
        .help("Chunks dropped because the buffer was full (overflow policy drop-oldest)").register(registry);
    droppedSeconds = Counter.builder().name("soundtag_ingest_dropped_audio_seconds_total")
        .help("Seconds of audio in the dropped chunks").register(registry);
    overruns = Counter.builder().name("soundtag_ingest_capture_overruns_total")
        .help("Reads that found the capture device's buffer full (audio lost before ingest)").register(registry);
    resyncs = Counter.builder().name("soundtag_ingest_timestamp_resyncs_total")
        .help("Times a sensor's sample clock was re-anchored because capture time jumped").register(registry);
    sendErrors = Counter.builder().name("soundtag_ingest_produce_errors_total")
        .help("Chunks the producer failed to deliver").register(registry);
    fill = Gauge.builder().name("soundtag_ingest_buffer_fill_seconds")
        .help("Audio waiting for or in flight to the broker").register(registry);
    spoolBytes = Gauge.builder().name("soundtag_ingest_spool_bytes")
        .help("Bytes of audio kept in the spool directory (not yet acknowledged by the broker)").register(registry);
    capacity = Gauge.builder().name("soundtag_ingest_buffer_capacity_seconds")
        .help("Bound of the ingest buffer").register(registry);
    latency = Histogram.builder().name("soundtag_ingest_produce_latency_seconds")
        .help("Time from handing a chunk to the producer to the broker's acknowledgement")
        .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
        .register(registry);
  }

  /** The metrics registered in {@code registry} (registered on first use). */
  public static IngestMetrics of(PrometheusRegistry registry) {
    synchronized (BY_REGISTRY) {
      return BY_REGISTRY.computeIfAbsent(registry, IngestMetrics::new);
    }
  }

  void produced(AudioChunk chunk, double latencySeconds) {
    chunks.inc();
    bytes.inc(chunk.getPayload().remaining());
    latency.observe(latencySeconds);
  }

  void sendFailed() {
    sendErrors.inc();
  }

  /** Called by the buffer for each dropped chunk. */
  public void dropped(AudioChunk chunk) {
    droppedChunks.inc();
    droppedSeconds.inc(ChunkBuffer.durationMicros(chunk) / 1e6);
  }

  /** Called by the spool for the chunks of a segment dropped when it was full. */
  public void droppedFromSpool(long chunkCount, double seconds) {
    droppedChunks.inc(chunkCount);
    droppedSeconds.inc(seconds);
  }

  public void bufferFill(double seconds) {
    fill.set(seconds);
  }

  public void spoolBytes(long bytes) {
    spoolBytes.set(bytes);
  }

  public void bufferCapacity(double seconds) {
    capacity.set(seconds);
  }

  void overruns(long count) {
    if (count > 0) {
      overruns.inc(count);
    }
  }

  void resyncs(long count) {
    if (count > 0) {
      resyncs.inc(count);
    }
  }

  /** Chunks acknowledged so far (all pipelines on this registry). */
  public long chunksProduced() {
    return (long) chunks.get();
  }

  public long chunksDropped() {
    return (long) droppedChunks.get();
  }

  public long produceErrors() {
    return (long) sendErrors.get();
  }
}
