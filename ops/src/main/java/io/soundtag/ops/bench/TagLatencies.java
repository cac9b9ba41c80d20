package io.soundtag.ops.bench;

import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code audio.tags} (read_committed, as a downstream consumer sees them), or another
 * tagger's results, on its own thread and records, for each window ending inside the measured
 * span, its end-to-end latency: the time the result was read minus the capture time of the
 * window's last sample.
 */
final class TagLatencies implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ToLongFunction<byte[]> windowEndMicros;
  private final Thread thread;
  private volatile long fromMicros = Long.MAX_VALUE;
  private volatile long toMicros = Long.MAX_VALUE;
  private long[] latencies = new long[1 << 14];
  private int count;
  private volatile boolean closed;

  /** Latencies of soundtag's TagEvents. */
  TagLatencies(String bootstrapServers) {
    this(bootstrapServers, Topics.AUDIO_TAGS, bytes -> ContractSerdes.tagEvent().codec().decode(bytes).getWindowEndMicros());
  }

  /** Latencies of the results on {@code topic}, each result's window end read by {@code windowEndMicros}. */
  TagLatencies(String bootstrapServers, String topic, ToLongFunction<byte[]> windowEndMicros) {
    this.windowEndMicros = windowEndMicros;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "soundtag-bench-latency-" + topic);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    thread = new Thread(this::read, "soundtag-bench-tags");
    thread.setDaemon(true);
    thread.start();
  }

  /** Records windows whose end capture time is in {@code [from, to)} µs. */
  void measure(long from, long to) {
    fromMicros = from;
    toMicros = to;
  }

  private void read() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          long now = System.currentTimeMillis() * 1000;
          long end = windowEndMicros.applyAsLong(r.value());
          if (end >= fromMicros && end < toMicros) {
            record(now - end);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private synchronized void record(long micros) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = micros;
  }

  /** Windows recorded so far. */
  synchronized int count() {
    return count;
  }

  /**
   * The windows recorded since the last call, with their p50, p99 and max latency in ms (NaN when
   * none), and forgets them: a long run keeps only one interval's latencies.
   */
  synchronized Interval takeInterval() {
    Interval i = new Interval(count, percentileMillis(0.50), percentileMillis(0.99), percentileMillis(1.0));
    count = 0;
    return i;
  }

  /** One interval's windows and latencies, ms. */
  record Interval(int windows, double p50, double p99, double max) {}

  /** The latency percentile {@code q} in [0, 1], ms (nearest rank); NaN when nothing was recorded. */
  synchronized double percentileMillis(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, rank))] / 1000.0;
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
