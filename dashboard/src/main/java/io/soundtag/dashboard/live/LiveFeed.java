package io.soundtag.dashboard.live;

import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the live topics into a {@link LiveBoard} on its own thread until closed.
 *
 * <p>Tags, events and dead letters start {@code history} back in time, so a dashboard opened now
 * shows the last minutes at once; chunks start at the end (only their liveness matters); releases
 * and tagger heartbeats from the beginning (both topics are compacted). Records are read as bytes and decoded here: one
 * that cannot be decoded, or is larger than {@link #MAX_RECORD_BYTES}, is counted on the board and
 * skipped, and no record can stop the thread. It reads with {@code read_committed}, so it sees
 * exactly what the exactly-once tagger committed.
 */
public final class LiveFeed implements Runnable, AutoCloseable {

  /** Largest record decoded: a model release may be this big. */
  public static final int MAX_RECORD_BYTES = ReleaseEnvelope.MAX_RECORD_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
  private static final List<String> TOPICS = List.of(
      Topics.AUDIO_TAGS, Topics.AUDIO_EVENTS, Topics.AUDIO_CHUNKS_DLQ, Topics.AUDIO_CHUNKS, Topics.AUDIO_MODELS,
      Topics.AUDIO_STATUS);
  private static final List<String> FROM_BEGINNING = List.of(Topics.AUDIO_MODELS, Topics.AUDIO_STATUS);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final LiveBoard board;
  private final Consumer<ModelRelease> releases;
  private final Duration history;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private long logged;

  /**
   * @param kafka the cluster
   * @param board where records go
   * @param history how far back tags, events and dead letters are read at start
   * @param releases also gets every release read (with its bundle), e.g. to find candidates
   */
  public LiveFeed(KafkaConnection kafka, LiveBoard board, Duration history, Consumer<ModelRelease> releases) {
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-dashboard-live",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000)),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.board = board;
    this.releases = releases;
    this.history = history;
  }

  @Override
  public void run() {
    try {
      assignAndSeek();
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          dispatch(r);
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        throw e;
      }
    } catch (RuntimeException e) {
      LOG.error("dashboard live feed stopped: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void assignAndSeek() {
    List<TopicPartition> all = new ArrayList<>();
    Map<TopicPartition, Long> since = new HashMap<>();
    long from = System.currentTimeMillis() - history.toMillis();
    for (String topic : TOPICS) {
      List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (parts == null || parts.isEmpty()) {
        LOG.warn("dashboard: topic {} does not exist; nothing from it will show (create soundtag's topics)", topic);
        continue;
      }
      for (PartitionInfo p : parts) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        all.add(tp);
        if (!topic.equals(Topics.AUDIO_CHUNKS) && !FROM_BEGINNING.contains(topic)) {
          since.put(tp, from);
        }
      }
    }
    consumer.assign(all);
    consumer.seekToEnd(all);
    consumer.seekToBeginning(all.stream().filter(tp -> FROM_BEGINNING.contains(tp.topic())).toList());
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(30));
    offsets.forEach((tp, ot) -> {
      if (ot != null) {
        consumer.seek(tp, ot.offset());
      }
    });
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> r) {
    byte[] v = r.value();
    if (v == null) {
      return; // a tombstone
    }
    try {
      if (v.length > MAX_RECORD_BYTES) {
        throw new IllegalArgumentException(v.length + " bytes, over the " + MAX_RECORD_BYTES + " the dashboard reads");
      }
      switch (r.topic()) {
        case Topics.AUDIO_TAGS -> board.onTag(Contracts.TAG_EVENT.decode(v));
        case Topics.AUDIO_EVENTS -> board.onEvent(Contracts.SOUND_EVENT.decode(v));
        case Topics.AUDIO_CHUNKS_DLQ -> board.onDeadLetter(Contracts.DEAD_LETTER.decode(v));
        case Topics.AUDIO_MODELS -> {
          ModelRelease release = ReleaseEnvelope.decode(v);
          board.onRelease(release);
          releases.accept(release);
        }
        case Topics.AUDIO_STATUS -> board.onStatus(Contracts.TAGGER_STATUS.decode(v));
        case Topics.AUDIO_CHUNKS -> onChunk(Contracts.AUDIO_CHUNK.decode(v));
        default -> throw new IllegalStateException("unexpected topic " + r.topic());
      }
    } catch (InvalidReleaseException | RuntimeException e) {
      board.onSkipped(r.topic());
      if (logged++ % 1000 == 0) {
        LOG.warn("dashboard skipped a record on {} partition {} offset {}: {} ({} skipped so far)",
            r.topic(), r.partition(), r.offset(), e.getMessage(), logged);
      }
    }
  }

  private void onChunk(AudioChunk c) {
    int bytesPerFrame = (c.getEncoding() == SampleEncoding.FLOAT32LE ? 4 : 2) * Math.max(1, c.getChannels());
    long frames = c.getPayload().remaining() / bytesPerFrame;
    long micros = c.getSampleRate() > 0 ? frames * 1_000_000L / c.getSampleRate() : 0;
    board.onChunk(c.getSensorId(), c.getSequence(), c.getCaptureStartMicros() + micros);
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
