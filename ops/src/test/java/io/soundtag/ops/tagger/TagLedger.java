package io.soundtag.ops.tagger;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code audio.tags} with read_committed, as a downstream consumer would, and keeps every
 * TagEvent by window ({@code sensor@startMicros}), so that a test can see lost and duplicated windows.
 *
 * <p>A record is kept once per partition and offset: when the broker restarts, this reader's group
 * can rejoin and go back to its last auto-committed offset, and reading a record again is not the
 * tagger writing it twice. A window written twice has two offsets and is still counted twice.
 */
final class TagLedger implements AutoCloseable {

  private final KafkaConsumer<String, TagEvent> consumer;
  private final Map<String, List<TagEvent>> byWindow = new HashMap<>();
  private final List<TagEvent> all = new ArrayList<>();
  private final Set<String> offsetsRead = new HashSet<>();
  private int rereads;

  TagLedger(String bootstrapServers, String isolation) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "ledger-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), ContractSerdes.tagEvent().deserializer());
    consumer.subscribe(List.of(Topics.AUDIO_TAGS));
  }

  static TagLedger readCommitted(String bootstrapServers) {
    return new TagLedger(bootstrapServers, "read_committed");
  }

  /** Polls once; returns the TagEvents read. */
  synchronized int poll(Duration timeout) {
    int n = 0;
    for (ConsumerRecord<String, TagEvent> r : consumer.poll(timeout)) {
      if (!offsetsRead.add(r.partition() + ":" + r.offset())) {
        rereads++;
        continue;
      }
      TagEvent t = r.value();
      byWindow.computeIfAbsent(key(t), k -> new ArrayList<>()).add(t);
      all.add(t);
      n++;
    }
    return n;
  }

  /** Polls until {@code done} or the timeout; then polls {@code settle} more to catch any extra (duplicate) events. */
  void pollUntil(BooleanSupplier done, Duration timeout, Duration settle) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      poll(Duration.ofMillis(200));
    }
    long end = System.nanoTime() + settle.toNanos();
    while (System.nanoTime() < end) {
      poll(Duration.ofMillis(200));
    }
  }

  /** Records this reader was handed again at an offset it had already read (its group went back after a restart). */
  synchronized int rereads() {
    return rereads;
  }

  synchronized int events() {
    return all.size();
  }

  synchronized List<TagEvent> all() {
    return List.copyOf(all);
  }

  synchronized Map<String, List<TagEvent>> byWindow() {
    return Map.copyOf(byWindow);
  }

  /** Windows that were tagged more than once. */
  synchronized Set<String> duplicated() {
    Set<String> out = new LinkedHashSet<>();
    byWindow.forEach((k, v) -> {
      if (v.size() > 1) {
        out.add(k);
      }
    });
    return out;
  }

  static String key(TagEvent t) {
    return t.getSensorId() + "@" + t.getWindowStartMicros();
  }

  /**
   * The windows the tagger must cut from {@code chunks} consecutive chunks of {@code chunkSamples}
   * per sensor, all starting at {@code originMicros}.
   */
  static Set<String> expectedWindows(List<String> sensors, long chunks, int chunkSamples, long originMicros, BundleManifest m) {
    long samples = chunks * chunkSamples;
    Set<String> out = new LinkedHashSet<>();
    for (String s : sensors) {
      for (long start = 0; start + m.windowSamples() <= samples; start += m.hopSamples()) {
        out.add(s + "@" + (originMicros + start * 1_000_000L / m.sampleRate()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
