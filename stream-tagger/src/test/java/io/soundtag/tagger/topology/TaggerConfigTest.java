package io.soundtag.tagger.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.schemas.topic.KafkaConnection;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TaggerConfigTest {

  private static TaggerConfig config(boolean exactlyOnce) {
    return new TaggerConfig("tagger", KafkaConnection.to("127.0.0.1:9092"), Path.of("state"), 2, exactlyOnce, ReassemblyPolicy.defaults(),
        new BatchPolicy(32, 50), new TagPolicy(3, null), EventPolicy.defaults());
  }

  @Test
  void exactlyOnceProducersLingerNoLongerThanACommitBecauseTheCommitFlushesThem() {
    Properties p = config(true).streamsProperties();
    assertThat(p.get("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(p.get("commit.interval.ms")).isEqualTo(TaggerConfig.COMMIT_INTERVAL_MS);
    assertThat(p.get("producer.linger.ms")).isEqualTo(TaggerConfig.COMMIT_INTERVAL_MS);
  }

  @Test
  void atLeastOnceRecordsAreVisibleWhenSentSoTheyDoNotLinger() {
    Properties p = config(false).streamsProperties();
    assertThat(p.get("processing.guarantee")).isEqualTo("at_least_once");
    assertThat((Integer) p.get("producer.linger.ms")).isLessThanOrEqualTo(5);
  }

  @Test
  void theChunkConsumerWaitsABoundedTimeForFullerFetches() {
    Properties p = config(true).streamsProperties();
    assertThat((Integer) p.get("main.consumer.fetch.max.wait.ms")).isLessThanOrEqualTo(20);
    assertThat((Integer) p.get("main.consumer.fetch.min.bytes")).isGreaterThan(1);
  }

  @Test
  void anApplicationIdWithSpacesIsRefusedWithWhatIsAllowed() {
    assertThatThrownBy(() -> new TaggerConfig("my tagger", KafkaConnection.to("b:9092"), Path.of("s"), 1, true, ReassemblyPolicy.defaults(),
        new BatchPolicy(32, 50), new TagPolicy(3, null), EventPolicy.defaults()))
        .hasMessageContaining("letters, digits");
  }

  @Test
  void theConnectionsClientPropertiesReachEveryClientButCannotChangeTheTaggersOwnSettings() {
    KafkaConnection tls = new KafkaConnection("k1:9093", java.util.Map.of("security.protocol", "SSL", "commit.interval.ms", "5000"));
    Properties p = new TaggerConfig("tagger", tls, Path.of("state"), 1, true, ReassemblyPolicy.defaults(),
        new BatchPolicy(32, 50), new TagPolicy(3, null), EventPolicy.defaults()).streamsProperties();

    assertThat(p.get("security.protocol")).isEqualTo("SSL");
    assertThat(p.get("bootstrap.servers")).isEqualTo("k1:9093");
    assertThat(p.get("commit.interval.ms")).isEqualTo(TaggerConfig.COMMIT_INTERVAL_MS);
  }
}
