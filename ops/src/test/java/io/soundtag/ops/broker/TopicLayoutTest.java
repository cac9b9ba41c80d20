package io.soundtag.ops.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.schemas.topic.Topics;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {

  @Test
  void labelsAndModelsAreCompactedAndModelsTakeABundle() {
    Map<String, NewTopic> topics = new TopicLayout(4, (short) 1).topics().stream()
        .collect(Collectors.toMap(NewTopic::name, t -> t));
    assertThat(topics).containsOnlyKeys(Topics.AUDIO_CHUNKS, Topics.AUDIO_CHUNKS_DLQ, Topics.AUDIO_TAGS,
        Topics.AUDIO_EVENTS, Topics.AUDIO_LABELS, Topics.AUDIO_MODELS, Topics.AUDIO_STATUS);
    assertThat(topics.get(Topics.AUDIO_LABELS).configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.get(Topics.AUDIO_MODELS).configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.get(Topics.AUDIO_STATUS).configs()).containsEntry("cleanup.policy", "compact");
    assertThat(Integer.parseInt(topics.get(Topics.AUDIO_MODELS).configs().get("max.message.bytes")))
        .isGreaterThanOrEqualTo(16 * 1024 * 1024);
    assertThat(topics.get(Topics.AUDIO_LABELS).configs())
        .containsEntry("max.message.bytes", String.valueOf(TopicLayout.MAX_LABELLED_CLIP_BYTES));
    assertThat(topics.get(Topics.AUDIO_CHUNKS).numPartitions()).isEqualTo(4);
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> new TopicLayout(0, (short) 1)).hasMessageContaining("partitions must be at least 1");
  }
}
