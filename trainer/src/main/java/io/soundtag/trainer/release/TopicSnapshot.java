package io.soundtag.trainer.release;

import io.soundtag.schemas.topic.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic, committed records only, from its beginning to the end it has when the read starts. */
final class TopicSnapshot {

  private TopicSnapshot() {}

  /**
   * Hands every record of {@code topic} to {@code each}, in offset order per partition.
   *
   * @param maxRecordBytes the largest record expected; fetches are sized for it
   * @return false if the topic does not exist
   */
  static boolean read(KafkaConnection kafka, String topic, int maxRecordBytes, Duration timeout,
      Consumer<ConsumerRecord<String, byte[]>> each) {
    Map<String, Object> own = Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxRecordBytes + 1024 * 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxRecordBytes + 1024 * 1024,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16,
        ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-read-" + topic);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.clientProperties(own),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions;
      try {
        partitions = consumer.partitionsFor(topic, timeout);
      } catch (TimeoutException e) {
        throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers() + " within " + timeout.toSeconds()
            + " s to read " + topic + " (is the broker running? --bootstrap-servers names it)", e);
      }
      if (partitions == null || partitions.isEmpty()) {
        return false;
      }
      List<TopicPartition> tps = new ArrayList<>();
      partitions.forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end within " + timeout
              + "; is the cluster at " + kafka.bootstrapServers() + " reachable?");
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          each.accept(r);
        }
      }
      return true;
    }
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
