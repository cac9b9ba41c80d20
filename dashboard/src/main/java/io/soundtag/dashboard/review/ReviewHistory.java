package io.soundtag.dashboard.review;

import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.labels.LabelledClips;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the labels topic from the beginning into a {@link ReviewTally} on its own thread until
 * closed, and keeps reading, so the tally holds every review on the topic: those made before the
 * dashboard started and those any dashboard makes while it runs.
 *
 * <p>A clip that carries the labels the model gave ({@code originPredicted}) is a review: its
 * labels are what the reviewer found, none when it is negative (a false positive). The topic is
 * compacted, so each record of a clip id replaces what its id had: a clip that is no review, a
 * deletion (null value), or a record that cannot be used removes the id's review. Only the labels
 * are kept, never the audio. It reads with {@code read_committed}; no record stops the thread.
 */
public final class ReviewHistory implements Runnable, AutoCloseable {

  /** Largest record decoded: a clip's largest audio and room for the rest. */
  public static final int MAX_RECORD_BYTES = LabelledClips.MAX_AUDIO_BYTES + 64 * 1024;
  /** Most predicted labels a review may carry. */
  public static final int MAX_LABELS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(ReviewHistory.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final ReviewTally tally;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private long skipped;
  private boolean warnedFull;

  /**
   * @param kafka the cluster
   * @param tally where the reviews go
   */
  public ReviewHistory(KafkaConnection kafka, ReviewTally tally) {
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-dashboard-reviews",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 8 * 1024 * 1024,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)),
        new StringDeserializer(), new ByteArrayDeserializer());
    this.tally = tally;
  }

  @Override
  public void run() {
    try {
      List<PartitionInfo> parts = consumer.partitionsFor(Topics.AUDIO_LABELS, Duration.ofSeconds(30));
      if (parts == null || parts.isEmpty()) {
        LOG.warn("dashboard: topic {} does not exist; precision and recall count only this dashboard's reviews"
            + " (create soundtag's topics)", Topics.AUDIO_LABELS);
        return;
      }
      List<TopicPartition> all = parts.stream().map(p -> new TopicPartition(Topics.AUDIO_LABELS, p.partition())).toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          apply(r.key(), r.value());
        }
      }
    } catch (WakeupException e) {
      if (running.get()) {
        LOG.error("dashboard review history stopped: {}", e.toString());
      }
    } catch (RuntimeException e) {
      LOG.error("dashboard review history stopped: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** What one record of clip {@code clipId} means for the tally (null value: a deletion). */
  void apply(String clipId, byte[] value) {
    if (clipId == null) {
      skip("a record without a key");
      return;
    }
    if (value == null) {
      tally.remove(clipId);
      return;
    }
    LabelledClip clip;
    try {
      if (value.length > MAX_RECORD_BYTES) {
        throw new IllegalArgumentException(value.length + " bytes, over the " + MAX_RECORD_BYTES + " the dashboard reads");
      }
      clip = Contracts.LABELLED_CLIP.decode(value);
      LabelledClips.check(clip);
      if (!clip.getClipId().equals(clipId)) {
        throw new IllegalArgumentException("key " + clipId + " is not the clip's id " + clip.getClipId());
      }
      List<String> predicted = clip.getOriginPredicted();
      if (predicted != null && (predicted.size() > MAX_LABELS
          || predicted.stream().anyMatch(l -> l.isBlank() || l.length() > Review.MAX_NAME))) {
        throw new IllegalArgumentException("its predicted labels are not " + MAX_LABELS + " or fewer names of at most "
            + Review.MAX_NAME + " characters");
      }
    } catch (RuntimeException e) {
      tally.remove(clipId);
      skip("clip " + clipId + ": " + e.getMessage());
      return;
    }
    if (clip.getOriginPredicted() == null) {
      tally.remove(clipId);
      return;
    }
    Set<String> present = clip.getNegative() ? Set.of() : Set.copyOf(clip.getLabels());
    if (!tally.put(clipId, clip.getOriginPredicted(), present) && !warnedFull) {
      warnedFull = true;
      LOG.warn("dashboard: over {} reviews on {}; precision and recall leave out the rest", ReviewTally.MAX_REVIEWS,
          Topics.AUDIO_LABELS);
    }
  }

  private void skip(String why) {
    if (++skipped <= 10) {
      // The first few say what is wrong; a topic full of bad records must not fill the log.
      LOG.warn("dashboard: review skipped on {}: {}", Topics.AUDIO_LABELS, why);
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
