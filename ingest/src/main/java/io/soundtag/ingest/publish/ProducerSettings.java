package io.soundtag.ingest.publish;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.KafkaConnection;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How ingest's producer is configured: idempotent with {@code acks=all}, one request in flight
 * per broker, retried without a delivery deadline (the {@link io.soundtag.ingest.buffer.ChunkQueue}
 * bounds how long audio waits, not the producer), and compressed with {@link #DEFAULT_COMPRESSION}.
 *
 * <p>Compression was chosen by measurement (the {@code CompressionSurvey}, on simulated city
 * PCM16 at 32 kHz in producer-sized batches): see the ingest README for the figures.
 *
 * @param kafka the brokers and the operator's client properties (security, …)
 * @param compression none, gzip, snappy, lz4 or zstd
 * @param lingerMs how long the producer waits to fill a batch
 * @param maxBlockMs how long a send may wait for metadata or buffer space ({@code IngestPipeline.connect} checks the topic with
 *     this, then sends with a producer that waits as long as the broker is away)
 * @param clientId the producer's client id
 */
public record ProducerSettings(KafkaConnection kafka, String compression, int lingerMs, int maxBlockMs, String clientId) {

  /** The codec ingest uses unless told otherwise. */
  public static final String DEFAULT_COMPRESSION = "zstd";

  private static final Set<String> CODECS = Set.of("none", "gzip", "snappy", "lz4", "zstd");

  public ProducerSettings {
    if (kafka == null) {
      throw new IllegalArgumentException("a Kafka connection must be given, e.g. KafkaConnection.to(\"127.0.0.1:9092\")");
    }
    compression = compression.toLowerCase(Locale.ROOT);
    if (!CODECS.contains(compression)) {
      throw new IllegalArgumentException("compression must be one of " + CODECS + ", got '" + compression + "'");
    }
    if (lingerMs < 0 || maxBlockMs < 1) {
      throw new IllegalArgumentException("need lingerMs >= 0 and maxBlockMs >= 1");
    }
  }

  /** Defaults for the given connection: default compression, 5 ms linger, 60 s metadata wait. */
  public static ProducerSettings defaults(KafkaConnection kafka) {
    return new ProducerSettings(kafka, DEFAULT_COMPRESSION, 5, 60_000, "soundtag-ingest");
  }

  /** Defaults for a plaintext connection to {@code bootstrapServers}. */
  public static ProducerSettings defaults(String bootstrapServers) {
    return defaults(KafkaConnection.to(bootstrapServers));
  }

  public ProducerSettings withCompression(String codec) {
    return new ProducerSettings(kafka, codec, lingerMs, maxBlockMs, clientId);
  }

  public ProducerSettings withMaxBlockMs(int ms) {
    return new ProducerSettings(kafka, compression, lingerMs, ms, clientId);
  }

  public Properties properties() {
    Properties p = kafka.clientProperties();
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // One request in flight per broker. With more, a partition's first request can fail with
    // NOT_LEADER_OR_FOLLOWER while the broker is still applying the topic's creation, the next one
    // is appended, and every retry of the first then fails with OUT_OF_ORDER_SEQUENCE_NUMBER: with
    // no delivery deadline the producer loops for ever (KAFKA-15591). Chunks are batched, so one
    // request at a time still carries many sensors' chunks.
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Integer.MAX_VALUE));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
    p.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
    p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 * 1024 * 1024));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(maxBlockMs));
    return p;
  }

  /** A producer with these settings, keyed by sensor id. */
  public Producer<String, AudioChunk> createProducer() {
    return new KafkaProducer<>(properties(), new StringSerializer(), ContractSerdes.audioChunk().serializer());
  }
}
