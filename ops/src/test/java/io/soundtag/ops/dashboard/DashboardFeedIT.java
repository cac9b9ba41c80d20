package io.soundtag.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's consumers on a real broker: garbage on every topic is counted and skipped, good records after it still show. */
class DashboardFeedIT {

  @TempDir
  Path dir;

  @Test
  void badRecordsOnEveryTopicAreSkippedAndTheFeedGoesOn() throws Exception {
    try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(1, (short) 1));
      try (Dashboard dashboard = Dashboard.start(DashboardConfig.defaults(KafkaConnection.to(kafka.bootstrapServers()))
          .withBind("127.0.0.1", 0).withToken("feed-test-token-0123456789").withReadOnly(true));
          KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
        long now = System.currentTimeMillis() * 1000;
        byte[] garbage = {(byte) 0xC3, 0x01, 9, 9, 9, 9, 9, 9, 9, 9, 1, 2};
        List<String> topics = List.of(Topics.AUDIO_TAGS, Topics.AUDIO_EVENTS, Topics.AUDIO_CHUNKS_DLQ, Topics.AUDIO_CHUNKS,
            Topics.AUDIO_MODELS, Topics.AUDIO_STATUS);
        // Give the feed time to assign itself (it starts at the end of the chunk topic).
        await().atMost(Duration.ofSeconds(30)).until(() -> get(dashboard, "/api/snapshot").has("sensors"));
        Thread.sleep(2000);
        for (String topic : topics) {
          producer.send(new ProducerRecord<>(topic, "s1", garbage));
          producer.send(new ProducerRecord<>(topic, "s1", new byte[0]));
        }
        producer.send(new ProducerRecord<>(Topics.AUDIO_TAGS, "s1", Contracts.TAG_EVENT.encode(TagEvent.newBuilder()
            .setSensorId("s1").setWindowStartMicros(now).setWindowEndMicros(now + 1_000_000).setModelVersion("m:1")
            .setTags(List.of(new LabelScore("siren", 0.9f))).setTopK(List.of(new LabelScore("siren", 0.9f)))
            .setLaeqDb(-20.0).setProcessingMillis(1.0).build())));
        producer.send(new ProducerRecord<>(Topics.AUDIO_EVENTS, "s1", Contracts.SOUND_EVENT.encode(
            SoundEvent.newBuilder().setSensorId("s1").setLabel("siren").setOnsetMicros(now).setOffsetMicros(null).setPeakScore(0.9f).setModelVersion("m:1").build())));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
          JsonNode snap = get(dashboard, "/api/snapshot");
          for (String topic : topics) {
            assertThat(snap.path("skippedRecords").path(topic).asLong()).as(topic).isEqualTo(2);
          }
          assertThat(snap.path("sensors").get(0).path("latest").path("tags").get(0).path("label").asText()).isEqualTo("siren");
          assertThat(get(dashboard, "/api/events").path("events").get(0).path("label").asText()).isEqualTo("siren");
        });
      }
    }
  }

  private static JsonNode get(Dashboard d, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(d.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }
}
