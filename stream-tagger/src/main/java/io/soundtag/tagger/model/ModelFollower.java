package io.soundtag.tagger.model;

import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code audio.models} topic for one deployment and offers its releases to a
 * {@link HotSwap}, which applies release order. Every instance reads the whole topic itself (no
 * consumer group: each tagger must see every release). {@link #catchUp} reads what the topic holds
 * and offers the newest servable release of the deployment (falling back to the next older ones
 * when it is refused), so a restarted tagger serves it before it tags anything; {@link #start} then follows new releases on a thread of its own, so loading a
 * model never stalls a stream thread. No record, however large or malformed, stops the thread.
 */
public final class ModelFollower implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFollower.class);
  private static final Duration POLL = Duration.ofMillis(500);
  /** Releases kept while catching up: the newest and the ones to fall back to if it is refused. */
  private static final int FALLBACKS = 4;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final HotSwap hotSwap;
  private Thread thread;
  private volatile boolean closed;
  private boolean assigned;

  /**
   * @param kafka the cluster
   * @param topic the releases topic, normally {@link Topics#AUDIO_MODELS}
   * @param hotSwap where releases go; it names the deployment followed
   */
  public ModelFollower(KafkaConnection kafka, String topic, HotSwap hotSwap) {
    Map<String, Object> own = Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ReleaseEnvelope.MAX_RECORD_BYTES + 1024 * 1024,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, ReleaseEnvelope.MAX_RECORD_BYTES + 1024 * 1024,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16,
        ConsumerConfig.CLIENT_ID_CONFIG, "soundtag-model-follower-" + hotSwap.deployment());
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(own), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.hotSwap = hotSwap;
  }

  /**
   * Reads the topic up to its current end and offers the newest servable release of the deployment.
   *
   * @return true if the topic was read to its end within {@code timeout}
   */
  public synchronized boolean catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (!assign()) {
      LOG.info("no {} topic yet: serving the model given until a release appears", topic);
      return true;
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    List<ModelRelease> newest = new ArrayList<>();
    Map<String, Integer> others = new TreeMap<>();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        LOG.warn("could not read {} to its end within {}; following it from where it got", topic, timeout);
        break;
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        ModelRelease release = decode(r);
        if (release == null) {
          continue;
        }
        String d = ReleaseEnvelope.deployment(release);
        if (!d.equals(hotSwap.deployment())) {
          others.merge(d, 1, Integer::sum);
          hotSwap.skippedWhileCatchingUp();
        } else if (ReleaseEnvelope.servable(release)) {
          keepNewest(newest, release);
        }
      }
    }
    if (!others.isEmpty()) {
      LOG.warn("{} also holds releases of {} (releases per deployment); this tagger follows {} and ignores them"
          + " (`soundtag model publish FILE --as {}` serves a bundle here)", topic, others, hotSwap.deployment(), hotSwap.deployment());
    }
    if (!newest.isEmpty()) {
      // Older releases are the deployment's history, not news: nothing to report about them.
      offerNewestFirst(newest, false);
    } else {
      LOG.info("{} holds no servable release of {}: serving the model given", topic, hotSwap.deployment());
    }
    return reached(end);
  }

  /** Follows new releases on a daemon thread until {@link #close()}. */
  public synchronized ModelFollower start() {
    thread = new Thread(this::follow, "soundtag-model-follower");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void follow() {
    try {
      while (!closed) {
        if (!assigned && !assign()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        try {
          offer(consumer.poll(POLL));
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // A poll or an offer that fails must not stop the following: log, wait, go on.
          LOG.error("model follower: {}; going on", e.toString(), e);
          Thread.sleep(POLL.toMillis());
        }
      }
    } catch (WakeupException | InterruptedException e) {
      if (!closed) {
        LOG.error("model follower interrupted; model releases are no longer followed", e);
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Of a poll, the servable releases of the deployment are offered newest first until one serves
   * (so a bad newest release does not keep a good one behind it from serving); the others are
   * offered to be ignored.
   */
  private void offer(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    List<ModelRelease> candidates = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      ModelRelease release = decode(r);
      if (release == null) {
        continue;
      }
      if (ReleaseEnvelope.deployment(release).equals(hotSwap.deployment()) && ReleaseEnvelope.servable(release)) {
        candidates.add(release);
      } else {
        hotSwap.offer(release);
      }
    }
    if (!candidates.isEmpty()) {
      offerNewestFirst(candidates, true);
    }
  }

  /** Offers releases newest first until one serves; the older ones left are superseded by it (counted when {@code report}). */
  private void offerNewestFirst(List<ModelRelease> releases, boolean report) {
    List<ModelRelease> sorted = new ArrayList<>(releases);
    sorted.sort(Comparator.comparingLong(ModelRelease::getRelease).reversed());
    Long serving = null;
    for (ModelRelease r : sorted) {
      if (serving != null) {
        if (report) {
          hotSwap.superseded(r, serving);
        }
        continue;
      }
      HotSwap.Outcome outcome = hotSwap.offer(r);
      if (outcome == HotSwap.Outcome.SWAPPED || outcome == HotSwap.Outcome.ALREADY_SERVING) {
        serving = r.getRelease();
      }
    }
  }

  /** Keeps the {@link #FALLBACKS} newest of the releases seen while catching up, so that memory stays bounded by a few bundles. */
  private static void keepNewest(List<ModelRelease> newest, ModelRelease release) {
    newest.removeIf(r -> r.getRelease() == release.getRelease());
    newest.add(release);
    newest.sort(Comparator.comparingLong(ModelRelease::getRelease).reversed());
    while (newest.size() > FALLBACKS) {
      newest.remove(newest.size() - 1);
    }
  }

  /** The release in a record, or null for a tombstone or a record that is not one (refused through the hot-swap). */
  private ModelRelease decode(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return null;
    }
    try {
      return ReleaseEnvelope.decode(r.value());
    } catch (InvalidReleaseException e) {
      hotSwap.offer(r.value());
      return null;
    }
  }

  private boolean assign() {
    List<PartitionInfo> partitions;
    try {
      partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    } catch (TimeoutException e) {
      return false;
    }
    if (partitions == null || partitions.isEmpty()) {
      return false;
    }
    List<TopicPartition> tps = partitions.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
    consumer.assign(tps);
    consumer.seekToBeginning(tps);
    assigned = true;
    return true;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    consumer.wakeup();
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
