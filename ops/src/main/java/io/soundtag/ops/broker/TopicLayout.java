package io.soundtag.ops.broker;

import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.topic.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The topics soundtag needs and their configurations; {@link #ensure} creates whichever are missing.
 *
 * <p>Labels, models, status and sensors are compacted (the dataset; every release of every deployment,
 * keyed {@code deployment:release}; the latest heartbeat of every tagger; each sensor's calibration);
 * labels allow records big enough for a few minutes of audio, models for a model bundle.
 */
public record TopicLayout(int partitions, short replicationFactor) {

  /** Largest labelled clip record, bytes: about 4 minutes of 16 kHz or 87 s of 48 kHz mono PCM16. */
  public static final int MAX_LABELLED_CLIP_BYTES = 8 * 1024 * 1024;

  public TopicLayout {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
    }
  }

  /** The topics with their configs. */
  public List<NewTopic> topics() {
    Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    return List.of(
        new NewTopic(Topics.AUDIO_CHUNKS, partitions, replicationFactor)
            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(24L * 3600 * 1000))),
        new NewTopic(Topics.AUDIO_CHUNKS_DLQ, partitions, replicationFactor),
        new NewTopic(Topics.AUDIO_TAGS, partitions, replicationFactor),
        new NewTopic(Topics.AUDIO_EVENTS, partitions, replicationFactor),
        new NewTopic(Topics.AUDIO_LABELS, partitions, replicationFactor).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_LABELLED_CLIP_BYTES))),
        new NewTopic(Topics.AUDIO_LEVELS, partitions, replicationFactor),
        new NewTopic(Topics.AUDIO_SENSORS, 1, replicationFactor)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
        new NewTopic(Topics.AUDIO_MODELS, 1, replicationFactor).configs(Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(ReleaseEnvelope.MAX_RECORD_BYTES))),
        new NewTopic(Topics.AUDIO_STATUS, 1, replicationFactor).configs(compacted));
  }

  /**
   * Creates the topics that do not exist yet.
   *
   * @return the names created
   */
  public Set<String> ensure(Admin admin) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      Collection<NewTopic> missing = topics().stream()
          .filter(t -> !existing.contains(t.name()))
          .collect(Collectors.toList());
      Set<String> created = missing.stream().map(NewTopic::name).collect(Collectors.toSet());
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
        awaitVisible(admin, created);
      }
      return created;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create soundtag topics: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  /**
   * Waits until the brokers describe every topic in {@code names}: the controller has accepted them
   * when creation returns, but a broker's metadata can lag, and a client asking it at once would be
   * told they do not exist.
   */
  private static void awaitVisible(Admin admin, Set<String> names) throws ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        admin.describeTopics(names).allTopicNames().get();
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
