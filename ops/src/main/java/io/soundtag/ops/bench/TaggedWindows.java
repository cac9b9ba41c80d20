package io.soundtag.ops.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a tagger's results from a topic (read_committed) on its own thread and keeps, per window,
 * the best label: a window is named {@code sensor@windowStartMicros}, so a result delivered twice
 * (at-least-once) counts once and two taggers' results can be compared window by window.
 */
final class TaggedWindows implements AutoCloseable {

  /** One result: which window and its best label. */
  record Result(String window, String label) {

    static Result of(String sensor, long windowStartMicros, String label) {
      return new Result(sensor + "@" + windowStartMicros, label);
    }
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Function<byte[], Result> decoder;
  private final Map<String, String> labels = new HashMap<>();
  private final Thread thread;
  private volatile RuntimeException failure;
  private volatile boolean closed;

  TaggedWindows(String bootstrapServers, String topic, Function<byte[], Result> decoder) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "soundtag-bench-results-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    this.decoder = decoder;
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    thread = new Thread(this::read, "soundtag-bench-results-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          Result result = decoder.apply(r.value());
          synchronized (this) {
            labels.put(result.window(), result.label());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close();
    }
  }

  /** Distinct windows tagged so far; throws what stopped the reading, if anything did. */
  synchronized int count() {
    if (failure != null) {
      throw new IllegalStateException("cannot read the tagger's results: " + failure.getMessage(), failure);
    }
    return labels.size();
  }

  /** The best label of every window tagged so far. */
  synchronized Map<String, String> labels() {
    return Map.copyOf(labels);
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
