package io.soundtag.trainer.labels;

import io.soundtag.schemas.topic.KafkaConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The settings of the labels topic that its clients must obey: the largest record it takes and
 * how long it keeps tombstones.
 *
 * @param topicId the topic's id: a topic deleted and created again under the same name has another
 * @param maxMessageBytes the topic's {@code max.message.bytes}
 * @param deleteRetentionMillis the topic's {@code delete.retention.ms}: a reader away for longer may miss deletions
 */
record TopicSettings(String topicId, int maxMessageBytes, long deleteRetentionMillis) {

  private static final long TIMEOUT_SECONDS = 30;

  /**
   * Reads the settings of {@code topic}.
   *
   * @throws IllegalStateException when the topic does not exist or the cluster does not answer, saying what to do
   */
  static TopicSettings of(KafkaConnection kafka, String topic) {
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS))))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      String topicId = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(topic).topicId().toString();
      Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
      return new TopicSettings(topicId,
          Integer.parseInt(value(config, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588")),
          Long.parseLong(value(config, TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000")));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new IllegalStateException("topic " + topic + " does not exist on " + kafka.bootstrapServers()
            + "; create it compacted (`soundtag broker` creates it) or name another with --topic", e.getCause());
      }
      if (e.getCause() instanceof TopicAuthorizationException) {
        throw new IllegalStateException("not allowed to read the settings of " + topic + " on " + kafka.bootstrapServers()
            + ": this principal needs Describe and DescribeConfigs on it (README, Least privilege)", e.getCause());
      }
      throw new IllegalStateException("cannot read the settings of " + topic + " on " + kafka.bootstrapServers() + ": "
          + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from Kafka at " + kafka.bootstrapServers() + " within " + TIMEOUT_SECONDS
          + " s; check --bootstrap-servers and that the brokers are up", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the settings of " + topic, e);
    }
  }

  private static String value(Config config, String name, String fallback) {
    ConfigEntry entry = config == null ? null : config.get(name);
    return entry == null || entry.value() == null ? fallback : entry.value();
  }
}
