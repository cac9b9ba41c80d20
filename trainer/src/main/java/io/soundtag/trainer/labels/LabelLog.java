package io.soundtag.trainer.labels;

import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the labels topic from given offsets up to the end offsets it had when opened, and tells
 * what each record means: a clip, a deletion, or a record that cannot be used (which also removes
 * whatever clip its key had, since on a compacted topic the last value of a key is the truth).
 */
final class LabelLog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LabelLog.class);
  private static final Duration STALL = Duration.ofSeconds(60);

  /** One record's meaning: {@code clip} is null for a deletion or an unusable record ({@code problem} set). */
  record Change(String clipId, int partition, long offset, LabelledClip clip, byte[] value, String problem) {}

  /** Receives each polled batch of changes and the offsets after it. */
  interface Batches {
    void accept(List<Change> changes, Map<Integer, Long> nextOffsets) throws IOException;
  }

  private final String topic;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<Integer, Long> begin = new TreeMap<>();
  private final Map<Integer, Long> end = new TreeMap<>();

  LabelLog(KafkaConnection kafka, String topic) {
    this.topic = topic;
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-label-reader-" + ProcessHandle.current().pid())),
        new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist on " + kafka.bootstrapServers()
            + "; create it compacted (`soundtag broker` creates it) or name another with --topic");
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.beginningOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, o) -> begin.put(tp.partition(), o));
      consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach((tp, o) -> end.put(tp.partition(), o));
    } catch (RuntimeException e) {
      consumer.close();
      if (e instanceof IllegalStateException) {
        throw e;
      }
      throw new IllegalStateException("cannot read " + topic + " on " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
    }
  }

  /** End offset of each partition when opened: what a read catches up to. */
  Map<Integer, Long> endOffsets() {
    return Map.copyOf(end);
  }

  /**
   * Reads every partition from {@code from} (its beginning when absent or before it) to its end
   * offset, handing each polled batch to {@code batches}.
   *
   * @return the end offsets reached
   */
  Map<Integer, Long> read(Map<Integer, Long> from, Batches batches) throws IOException {
    Map<Integer, Long> next = new HashMap<>();
    for (int p : end.keySet()) {
      long start = Math.max(begin.get(p), from.getOrDefault(p, 0L));
      next.put(p, start);
      consumer.seek(new TopicPartition(topic, p), start);
    }
    long lastProgress = System.nanoTime();
    while (behind(next)) {
      List<Change> changes = new ArrayList<>();
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        if (r.offset() < end.get(r.partition())) {
          changes.add(change(r));
        }
      }
      boolean moved = false;
      for (int p : end.keySet()) {
        long position = Math.min(end.get(p), consumer.position(new TopicPartition(topic, p)));
        moved |= position != next.put(p, position);
      }
      if (moved) {
        lastProgress = System.nanoTime();
        batches.accept(changes, Map.copyOf(next));
      } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
        throw new IllegalStateException("no progress reading " + topic + " for " + STALL.toSeconds() + " s at offsets " + next
            + " (ends " + end + "); check that the brokers are up");
      }
    }
    return Map.copyOf(next);
  }

  private boolean behind(Map<Integer, Long> next) {
    return end.entrySet().stream().anyMatch(e -> next.get(e.getKey()) < e.getValue());
  }

  private Change change(ConsumerRecord<String, byte[]> r) {
    String key = r.key();
    if (key == null) {
      return new Change(null, r.partition(), r.offset(), null, null, "a record without a key");
    }
    if (r.value() == null) {
      return new Change(key, r.partition(), r.offset(), null, null, null);
    }
    try {
      LabelledClip clip = Contracts.LABELLED_CLIP.decode(r.value());
      if (!key.equals(clip.getClipId())) {
        throw new IllegalArgumentException("key " + key + " differs from the clip id " + clip.getClipId());
      }
      LabelledClips.check(clip);
      return new Change(key, r.partition(), r.offset(), clip, r.value(), null);
    } catch (RuntimeException e) {
      LOG.warn("{}-{} offset {}: unusable label record, skipped: {}", topic, r.partition(), r.offset(), e.getMessage());
      return new Change(key, r.partition(), r.offset(), null, null, e.getMessage());
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
