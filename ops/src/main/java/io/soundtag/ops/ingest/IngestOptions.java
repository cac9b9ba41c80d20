package io.soundtag.ops.ingest;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.buffer.OverflowPolicy;
import io.soundtag.ingest.chunk.SensorHistory;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.metrics.MetricsEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every {@code ingest} source shares: where to send, how to chunk, how to buffer. */
public final class IngestOptions {

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--topic", defaultValue = "audio.chunks", description = "Destination topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--chunk-ms", defaultValue = "500", description = "Chunk length in ms of audio (default: ${DEFAULT-VALUE}).")
  int chunkMillis;

  @Option(names = "--buffer-seconds", defaultValue = "60",
      description = "Audio kept per sensor while the broker is down or slow (default: ${DEFAULT-VALUE}).")
  double bufferSeconds;

  @Option(names = "--overflow", defaultValue = "drop-oldest", paramLabel = "drop-oldest|block",
      description = "When the buffer is full: drop the oldest chunk and count it, or make the source wait (default: ${DEFAULT-VALUE}).")
  String overflow;

  @Option(names = "--encoding", defaultValue = "PCM16LE", paramLabel = "PCM16LE|FLOAT32LE",
      description = "Payload encoding (default: ${DEFAULT-VALUE}).")
  SampleEncoding encoding;

  @Option(names = "--compression", defaultValue = ProducerSettings.DEFAULT_COMPRESSION,
      description = "Producer compression: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}, chosen by measurement).")
  String compression;

  @Option(names = "--connect-timeout-ms", defaultValue = "30000",
      description = "How long to wait for the brokers and the topic at start-up (default: ${DEFAULT-VALUE}).")
  int connectTimeoutMs;

  @Option(names = "--metrics-port", defaultValue = "-1", paramLabel = "PORT",
      description = "Serve this process's ingest metrics on http://127.0.0.1:PORT/metrics; 0 picks a port (default: off).")
  int metricsPort;

  @Option(names = "--spool", paramLabel = "DIR",
      description = "Keep every chunk on disk in DIR until the broker has it: outages longer than --buffer-seconds and"
          + " ingest restarts lose nothing (default: memory only).")
  Path spool;

  @Option(names = "--spool-max-bytes", paramLabel = "N", defaultValue = "" + PipelineConfig.DEFAULT_SPOOL_MAX_BYTES,
      description = "Bound of the spool; when full, its oldest audio is dropped, counted and logged (default: ${DEFAULT-VALUE},"
          + " about 4.5 h of one 32 kHz sensor).")
  long spoolMaxBytes;

  @Option(names = "--first-sequence", paramLabel = "N",
      description = "Sequence of the first chunk (default: after the sensor's last chunk in the topic, or 0).")
  Long firstSequence;

  PipelineConfig pipelineConfig() {
    return PipelineConfig.defaults().withTopic(topic).withChunkMillis(chunkMillis)
        .withBuffer(bufferSeconds, OverflowPolicy.parse(overflow)).withEncoding(encoding).withSpool(spool, spoolMaxBytes);
  }

  /** The metrics endpoint asked for with --metrics-port, or nothing to close. */
  AutoCloseable serveMetrics() {
    if (metricsPort < 0) {
      return () -> { };
    }
    MetricsEndpoint endpoint = MetricsEndpoint.start(PrometheusRegistry.defaultRegistry, "127.0.0.1", metricsPort);
    System.err.println("ingest metrics on http://127.0.0.1:" + endpoint.port() + "/metrics");
    return endpoint;
  }

  IngestPipeline connect(int sensors) throws IOException {
    ProducerSettings settings = ProducerSettings.defaults(kafka.connection()).withCompression(compression)
        .withMaxBlockMs(connectTimeoutMs);
    if (firstSequence != null) {
      return IngestPipeline.connect(pipelineConfig(), settings, PrometheusRegistry.defaultRegistry, sensors,
          SensorHistory.startingAt(firstSequence));
    }
    return IngestPipeline.connect(pipelineConfig(), settings, PrometheusRegistry.defaultRegistry, sensors);
  }
}
