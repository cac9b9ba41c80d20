package io.soundtag.ingest.publish;

import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.ingest.chunk.ResumePoint;
import io.soundtag.ingest.chunk.SensorHistory;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.ContractSerdes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Finds each sensor's last chunk in the topic, so that a restarted sensor continues after it.
 * A sensor's chunks all go to the partition its key hashes to (the producer's own key
 * partitioner), so only that partition is read, backwards from its end in windows that double
 * (1 000, 2 000, 4 000 … records), until every sensor asked about is found or the partition's
 * beginning is reached. A sensor the topic has never seen therefore costs one read of its
 * partition; {@code --first-sequence} skips the lookup.
 */
public final class TopicHistory implements SensorHistory {

  private static final int FIRST_WINDOW = 1000;

  private final String bootstrapServers;
  private final String topic;
  private final Duration timeout;

  /**
   * @param bootstrapServers brokers
   * @param topic the chunk topic
   * @param timeout how long the whole lookup may take
   */
  public TopicHistory(String bootstrapServers, String topic, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public Map<String, ResumePoint> resumePoints(Collection<String> sensorIds) throws IOException {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-ingest-history");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    try (Consumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      return resumePoints(consumer, topic, sensorIds, timeout);
    } catch (KafkaException e) {
      throw new IOException("cannot read the last chunks of topic " + topic + " (" + e.getMessage()
          + "); pass --first-sequence to start without reading them", e);
    }
  }

  /** The lookup on a given consumer (not subscribed to anything; it is assigned one partition at a time). */
  static Map<String, ResumePoint> resumePoints(Consumer<String, byte[]> consumer, String topic,
      Collection<String> sensorIds, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
    if (partitions == null || partitions.isEmpty()) {
      throw new IOException("topic " + topic + " does not exist");
    }
    Map<Integer, Set<String>> byPartition = new HashMap<>();
    for (String id : sensorIds) {
      // The function the producer itself uses for a keyed record.
      int partition = BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), partitions.size());
      byPartition.computeIfAbsent(partition, k -> new HashSet<>()).add(id);
    }
    Map<String, ResumePoint> found = new HashMap<>();
    for (Map.Entry<Integer, Set<String>> e : byPartition.entrySet()) {
      scan(consumer, new TopicPartition(topic, e.getKey()), e.getValue(), found, deadline);
    }
    Map<String, ResumePoint> points = new LinkedHashMap<>();
    for (String id : sensorIds) {
      points.put(id, found.getOrDefault(id, ResumePoint.FRESH));
    }
    return points;
  }

  private static void scan(Consumer<String, byte[]> consumer, TopicPartition tp, Set<String> wanted,
      Map<String, ResumePoint> found, long deadline) throws IOException {
    consumer.assign(List.of(tp));
    Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    long begin = consumer.beginningOffsets(List.of(tp), left).get(tp);
    long end = consumer.endOffsets(List.of(tp), left).get(tp);
    Deserializer<AudioChunk> chunks = ContractSerdes.audioChunk().deserializer();
    Set<String> missing = new HashSet<>(wanted);
    long window = FIRST_WINDOW;
    long hi = end;
    while (hi > begin && !missing.isEmpty()) {
      long lo = Math.max(begin, hi - window);
      consumer.seek(tp, lo);
      Map<String, ResumePoint> inWindow = new HashMap<>();
      while (consumer.position(tp) < hi) {
        if (System.nanoTime() > deadline) {
          throw new IOException("reading the last chunks of " + tp + " took too long; pass --first-sequence to start"
              + " without reading them");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.offset() < hi && r.key() != null && missing.contains(r.key()) && r.value() != null) {
            ResumePoint after = after(chunks, tp.topic(), r.value());
            if (after != null) {
              inWindow.merge(r.key(), after, (a, b) -> a.nextSequence() >= b.nextSequence() ? a : b);
            }
          }
        }
      }
      found.putAll(inWindow);
      missing.removeAll(inWindow.keySet());
      hi = lo;
      window *= 2;
    }
    consumer.assign(List.of());
  }

  /** The point after one chunk, or null if the record is not a chunk this version can read. */
  private static ResumePoint after(Deserializer<AudioChunk> chunks, String topic, byte[] value) {
    AudioChunk chunk;
    try {
      chunk = chunks.deserialize(topic, value);
    } catch (RuntimeException unreadable) {
      return null;
    }
    return new ResumePoint(chunk.getSequence() + 1, ChunkPayload.endMicros(chunk));
  }

  @Override
  public String toString() {
    return "the last chunks in " + topic;
  }
}
