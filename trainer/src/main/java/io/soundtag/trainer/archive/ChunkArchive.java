package io.soundtag.trainer.archive;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.chunk.BadChunkException;
import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a sensor's audio over a span of capture time back from {@code audio.chunks}.
 *
 * <p>Chunks are keyed by sensor id, so a sensor's chunks are on the partition Kafka's default
 * partitioner gives its id, in order. A record's timestamp is when it was sent, which follows
 * the capture time by about a chunk (more after an outage, when ingest sends what it buffered;
 * less when a file is sent faster than real time). The archive therefore starts at
 * {@code offsetsForTimes(from − skew)} and reads until a record was sent after {@code to + skew}
 * or the partition's end; chunks are placed by their own capture time. Spans are bounded by
 * {@link #MAX_SPAN}, output by {@link #MAX_SAMPLES}. {@link #read} reads one sensor's partition,
 * {@link #readAll} every partition. Reads are synchronized: one at a time per archive.
 */
public final class ChunkArchive implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkArchive.class);

  /** Longest span one read returns. */
  public static final Duration MAX_SPAN = Duration.ofMinutes(10);
  /** How far send times may differ from capture times by default. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(1);
  /** Largest output, samples: 10 minutes at 48 kHz. */
  public static final long MAX_SAMPLES = 10L * 60 * 48_000;
  /** Start offsets closer than this to the previous chunk's end are snapped to it (µs rounding between chunks). */
  private static final int SNAP_SAMPLES = 2;

  private final String topic;
  private final Duration skew;
  private final KafkaConsumer<String, byte[]> consumer;

  private ChunkArchive(KafkaConnection kafka, String topic, Duration skew) {
    if (skew.isNegative()) {
      throw new IllegalArgumentException("the send-time skew must not be negative, got " + skew);
    }
    this.topic = topic;
    this.skew = skew;
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-archive-" + ProcessHandle.current().pid())),
        new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** The archive of {@code audio.chunks}. */
  public static ChunkArchive open(KafkaConnection kafka) {
    return open(kafka, Topics.AUDIO_CHUNKS, DEFAULT_SKEW);
  }

  /** The archive of {@code topic}, allowing send times to differ from capture times by up to {@code skew}. */
  public static ChunkArchive open(KafkaConnection kafka, String topic, Duration skew) {
    return new ChunkArchive(kafka, topic, skew);
  }

  /**
   * The audio sensor {@code sensorId} captured over [from, to), or empty when it sent none.
   *
   * @throws IllegalArgumentException when the span is empty, reversed or longer than {@link #MAX_SPAN}
   * @throws IllegalStateException when the topic does not exist or the brokers do not answer
   */
  public synchronized Optional<ArchivedAudio> read(String sensorId, Instant from, Instant to) {
    if (sensorId == null || sensorId.isBlank()) {
      throw new IllegalArgumentException("a sensor id is required");
    }
    checkSpan(from, to);
    Map<String, Layout> heard = scan(List.of(partitionOf(sensorId)), sensorId, from, to, 1);
    return Optional.ofNullable(heard.get(sensorId)).map(l -> l.result(sensorId));
  }

  /**
   * The audio every sensor captured over [from, to), sorted by sensor id: what the sidecar's
   * shadow run scores. At most {@code maxSensors} sensors, the first met; the samples of all of
   * them together are bounded by {@link #MAX_SAMPLES}, and sensors beyond that are left out.
   *
   * @throws IllegalArgumentException when the span is empty, reversed or longer than {@link #MAX_SPAN}
   * @throws IllegalStateException when the topic does not exist or the brokers do not answer
   */
  public synchronized List<ArchivedAudio> readAll(Instant from, Instant to, int maxSensors) {
    checkSpan(from, to);
    List<TopicPartition> partitions = partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    Map<String, Layout> heard = scan(partitions, null, from, to, maxSensors);
    return heard.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> e.getValue().result(e.getKey())).toList();
  }

  private static void checkSpan(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the span must end after it starts, got " + from + " to " + to);
    }
    if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
      throw new IllegalArgumentException("the span " + from + " to " + to + " is longer than " + MAX_SPAN.toMinutes()
          + " minutes; read it in parts");
    }
  }

  /**
   * Reads the partitions from {@code offsetsForTimes(from − skew)} until a record sent after
   * {@code to + skew}, their end, or (for one sensor) that sensor's first chunk after the span.
   */
  private Map<String, Layout> scan(List<TopicPartition> partitions, String onlySensor, Instant from, Instant to,
      int maxSensors) {
    long fromMicros = micros(from);
    long toMicros = micros(to);
    long stopAfterMillis = to.plus(skew).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, Math.max(0, from.minus(skew).toEpochMilli())));
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    List<TopicPartition> open = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      if (starts.get(tp) != null && starts.get(tp).offset() < ends.get(tp)) {
        open.add(tp);
      }
    }
    Map<String, Layout> layouts = new HashMap<>();
    Map<String, Integer> rejected = new HashMap<>();
    long budget = MAX_SAMPLES;
    consumer.assign(open);
    open.forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
    while (!open.isEmpty()) {
      Set<TopicPartition> finished = new HashSet<>();
      for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (finished.contains(tp) || !open.contains(tp)) {
          continue;
        }
        if (r.offset() >= ends.get(tp) || r.timestamp() > stopAfterMillis) {
          finished.add(tp);
          continue;
        }
        String sensor = r.key();
        if (sensor == null || r.value() == null || (onlySensor != null && !onlySensor.equals(sensor))) {
          continue;
        }
        AudioChunk chunk;
        float[] mono;
        try {
          chunk = Contracts.AUDIO_CHUNK.decode(r.value());
          mono = ChunkPayload.decodeMono(chunk);
        } catch (BadChunkException | RuntimeException e) {
          rejected.merge(sensor, 1, Integer::sum);
          LOG.debug("{}-{} offset {}: chunk of {} not readable: {}", topic, r.partition(), r.offset(), sensor, e.getMessage());
          continue;
        }
        if (chunk.getCaptureStartMicros() >= toMicros) {
          // A sensor's chunks come in order: once one starts after the span, that sensor is complete.
          if (onlySensor != null) {
            finished.add(tp);
          }
          continue;
        }
        if (ChunkPayload.endMicros(chunk) <= fromMicros) {
          continue;
        }
        Layout layout = layouts.get(sensor);
        if (layout == null) {
          long samples = Layout.samplesOf(fromMicros, toMicros, chunk.getSampleRate());
          // One sensor's span beyond the bound is refused by the layout; for all sensors, those beyond it are left out.
          if (layouts.size() >= maxSensors || (onlySensor == null && samples > budget)) {
            continue;
          }
          budget -= samples;
          layout = new Layout(fromMicros, toMicros, chunk.getSampleRate());
          layouts.put(sensor, layout);
        }
        layout.place(chunk.getSequence(), chunk.getCaptureStartMicros(), new MonoAudio(mono, chunk.getSampleRate()));
      }
      for (TopicPartition tp : List.copyOf(open)) {
        if (finished.contains(tp) || consumer.position(tp, Duration.ofSeconds(30)) >= ends.get(tp)) {
          open.remove(tp);
        }
      }
      consumer.pause(finished);
    }
    consumer.assign(List.of());
    layouts.forEach((sensor, layout) -> layout.rejected = rejected.getOrDefault(sensor, 0));
    return layouts;
  }

  private List<PartitionInfo> partitions() {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " does not exist; start `soundtag broker` or name the chunk topic");
    }
    return partitions;
  }

  private TopicPartition partitionOf(String sensorId) {
    // The producer's default partitioner, which ingest uses: murmur2 of the key.
    int p = Utils.toPositive(Utils.murmur2(sensorId.getBytes(StandardCharsets.UTF_8))) % partitions().size();
    return new TopicPartition(topic, p);
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  /** The span's samples, filled chunk by chunk at their capture times. */
  private static final class Layout {
    final long fromMicros;
    final long toMicros;
    final int rate;
    final float[] samples;
    final BitSet covered;
    final Set<Long> seen = new HashSet<>();
    int chunks;
    int rejected;
    long lastSequence = Long.MIN_VALUE;
    long lastEnd = -1;

    static long samplesOf(long fromMicros, long toMicros, int rate) {
      return Math.floorDiv((toMicros - fromMicros) * rate, 1_000_000L);
    }

    Layout(long fromMicros, long toMicros, int rate) {
      long n = samplesOf(fromMicros, toMicros, rate);
      if (n > MAX_SAMPLES) {
        throw new IllegalArgumentException("the span holds " + n + " samples at " + rate + " Hz, more than " + MAX_SAMPLES
            + "; read a shorter span");
      }
      this.fromMicros = fromMicros;
      this.toMicros = toMicros;
      this.rate = rate;
      this.samples = new float[(int) n];
      this.covered = new BitSet(samples.length);
    }

    void place(long sequence, long startMicros, MonoAudio chunk) {
      if (!seen.add(sequence)) {
        return;
      }
      float[] values = chunk.resampledTo(rate).samples();
      long at = Math.round((startMicros - fromMicros) * (double) rate / 1e6);
      if (sequence == lastSequence + 1 && Math.abs(at - lastEnd) <= SNAP_SAMPLES) {
        at = lastEnd;
      }
      int first = (int) Math.max(0, -at);
      int last = (int) Math.min(values.length, samples.length - at);
      if (last <= first) {
        return;
      }
      System.arraycopy(values, first, samples, (int) (at + first), last - first);
      covered.set((int) (at + first), (int) (at + last));
      chunks++;
      lastSequence = sequence;
      lastEnd = at + values.length;
    }

    ArchivedAudio result(String sensorId) {
      return new ArchivedAudio(sensorId, fromMicros, toMicros, new MonoAudio(samples, rate), gaps(), chunks, rejected);
    }

    List<Gap> gaps() {
      List<Gap> gaps = new ArrayList<>();
      int i = covered.nextClearBit(0);
      while (i < samples.length) {
        int j = covered.nextSetBit(i);
        int stop = j < 0 ? samples.length : j;
        gaps.add(new Gap(fromMicros + Math.round(i * 1e6 / rate),
            stop == samples.length ? toMicros : fromMicros + Math.round(stop * 1e6 / rate)));
        i = j < 0 ? samples.length : covered.nextClearBit(j);
      }
      return gaps;
    }
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
