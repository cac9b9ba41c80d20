package io.soundtag.ops.bench;

import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * When each sound event first became readable on {@code audio.events} (read_committed): a consumer
 * of its own, assigned every partition from their end and fetching with a 10 ms wait, so what it
 * sees is when the tagger's transaction made the event visible.
 */
final class EventSightings implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Long> first = new ConcurrentHashMap<>();
  private final Map<String, Long> onsets = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  EventSightings(KafkaConnection kafka) {
    consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10)), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = consumer.partitionsFor(Topics.AUDIO_EVENTS, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position); // fix the start now, before any event exists
    thread = new Thread(this::read, "soundtag-bench-events");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long now = System.currentTimeMillis() * 1000;
          SoundEvent e = Contracts.SOUND_EVENT.decode(r.value());
          String key = key(e.getSensorId(), e.getLabel(), e.getOnsetMicros());
          first.putIfAbsent(key, now);
          onsets.putIfAbsent(key, e.getOnsetMicros());
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** When the sound's first record was readable, µs since the epoch, or 0 if it was not seen. */
  long firstSeen(String sensor, String label, long onsetMicros) {
    return first.getOrDefault(key(sensor, label, onsetMicros), 0L);
  }

  /** Sounds seen with an onset in {@code [from, to)} µs. */
  long count(long from, long to) {
    return onsets.values().stream().filter(o -> o >= from && o < to).count();
  }

  private static String key(String sensor, String label, long onset) {
    return sensor + '\u0000' + label + '\u0000' + onset;
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    thread.join(5000);
  }
}
