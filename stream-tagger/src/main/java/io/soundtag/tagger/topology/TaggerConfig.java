package io.soundtag.tagger.topology;

import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.levels.LevelPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything a tagger instance is configured with; validated on construction.
 *
 * @param applicationId Kafka Streams application id: instances sharing it share the work
 * @param kafka the cluster: brokers and client properties (TLS, SASL)
 * @param stateDir where local state stores live
 * @param streamThreads stream threads of this instance
 * @param exactlyOnce {@code exactly_once_v2} (default) or at-least-once
 * @param reassembly reorder and gap bounds
 * @param batch micro-batch size and wait
 * @param tags top-k and level gate
 * @param events onset and offset hysteresis of sound events
 * @param levels noise-level report interval and calibration age
 */
public record TaggerConfig(
    String applicationId, KafkaConnection kafka, Path stateDir, int streamThreads, boolean exactlyOnce,
    ReassemblyPolicy reassembly, BatchPolicy batch, TagPolicy tags, EventPolicy events, LevelPolicy levels) {

  public TaggerConfig {
    if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("application id must be letters, digits, '.', '_' or '-', got " + applicationId);
    }
    if (kafka == null) {
      throw new IllegalArgumentException("a Kafka connection is required, e.g. KafkaConnection.to(\"127.0.0.1:9092\")");
    }
    if (reassembly == null || batch == null || tags == null || events == null || levels == null) {
      throw new IllegalArgumentException("reassembly, batch, tag, event and level policies are required");
    }
    if (streamThreads < 1 || streamThreads > 64) {
      throw new IllegalArgumentException("stream threads must be in 1..64, got " + streamThreads);
    }
  }

  /** The same, with the default level reports. */
  public TaggerConfig(String applicationId, KafkaConnection kafka, Path stateDir, int streamThreads, boolean exactlyOnce,
      ReassemblyPolicy reassembly, BatchPolicy batch, TagPolicy tags, EventPolicy events) {
    this(applicationId, kafka, stateDir, streamThreads, exactlyOnce, reassembly, batch, tags, events,
        LevelPolicy.defaults());
  }

  /** The same, with the default event hysteresis and level reports. */
  public TaggerConfig(String applicationId, KafkaConnection kafka, Path stateDir, int streamThreads, boolean exactlyOnce,
      ReassemblyPolicy reassembly, BatchPolicy batch, TagPolicy tags) {
    this(applicationId, kafka, stateDir, streamThreads, exactlyOnce, reassembly, batch, tags, EventPolicy.defaults());
  }

  /** Kafka Streams properties: the connection's client properties, then the tagger's own settings. */
  public Properties streamsProperties() {
    Properties p = kafka.clientProperties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    // Under exactly-once nothing is visible before its commit, and a commit flushes the producer:
    // lingering up to one commit interval costs no latency and lets a pending window's or a
    // sensor's state (kilobytes of samples each) share one request with the others instead of
    // making a request each. Measured with `soundtag bench tagger`: about a quarter less CPU.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), exactlyOnce ? COMMIT_INTERVAL_MS : 5);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 512 * 1024);
    // Chunks are kilobytes each: wait up to 20 ms for a few of them rather than fetch them one by one.
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), 64 * 1024);
    p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 20);
    // Only the pending-window store is cached (see TaggerTopology): room for a few commit intervals of windows.
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
    // Opt in now to what Kafka 5.0 makes the default (and silence its start-up warning).
    p.put("processing.exception.handler.global.enabled", true);
    p.put(StreamsConfig.producerPrefix("max.request.size"), 4 * 1024 * 1024);
    // One request in flight per broker: with more, a changelog partition's first request can fail
    // with NOT_LEADER_OR_FOLLOWER while the broker still applies the topic's creation, the next is
    // appended, and the first is retried with OUT_OF_ORDER_SEQUENCE_NUMBER until the transaction
    // times out (KAFKA-15591; seen on fresh changelog topics). A request carries every partition's batch.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    p.put(StreamsConfig.consumerPrefix("max.poll.records"), 500);
    // A crashed instance's sensors move to the others after 10 s instead of the default 45 s.
    p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 2_000);
    return p;
  }

  /** How often a stream thread commits (a transaction, under exactly-once): it bounds how late a tag becomes visible. */
  public static final int COMMIT_INTERVAL_MS = 100;

  /** Topic names this tagger reads and writes. */
  public static final String INPUT = Topics.AUDIO_CHUNKS;
}
