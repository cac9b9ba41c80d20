package io.soundtag.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.dashboard.review.LabelTopicSink;
import io.soundtag.dashboard.review.Review;
import io.soundtag.dashboard.review.ReviewKind;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precision and recall survive a restart and count the reviews of other dashboards: reviews are
 * written to the labels topic through the dashboard's review sink, a dashboard is restarted and
 * shows the same per-class counts, and a re-review and a deletion written while it runs replace
 * and remove, not add.
 */
class ReviewTallyRestartIT {

  @TempDir
  Path dir;

  @Test
  void theTallyIsRebuiltFromTheLabelsTopicAndFollowsIt() throws Exception {
    try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(1, (short) 1));
      KafkaConnection connection = KafkaConnection.to(kafka.bootstrapServers());
      MonoAudio a = audio(0.1f);
      MonoAudio b = audio(0.2f);
      MonoAudio c = audio(0.3f);
      try (LabelTopicSink sink = new LabelTopicSink(LabelWriter.open(connection))) {
        String idA = sink.write(review(ReviewKind.CONFIRM, List.of("siren"), List.of()), a);            // siren tp
        String idB = sink.write(review(ReviewKind.FALSE_POSITIVE, List.of("siren"), List.of("siren")), b);          // siren fp
        sink.write(review(ReviewKind.CORRECT, List.of("dog_bark"), List.of("dog_bark", "siren")), c); // dog tp, siren fn
        try (LabelWriter imports = LabelWriter.open(connection)) {
          // A clip that is no review does not count.
          imports.write(LabelledClips.build(audio(0.4f), ClipLabels.of(List.of("siren"), "importer", SplitHint.ANY),
              ClipOrigin.file("x.wav"), 1));
        }

        String before;
        try (Dashboard first = start(connection)) {
          before = awaitReviews(first, 3).path("classes").toString();
        }
        assertThat(before).contains("\"label\":\"siren\",\"truePositives\":1,\"falsePositives\":1,\"falseNegatives\":1");

        try (Dashboard restarted = start(connection)) {
          assertThat(awaitReviews(restarted, 3).path("classes").toString()).isEqualTo(before);

          // Another dashboard re-reviews clip a (the same audio) and the false positive's clip is deleted.
          assertThat(sink.write(review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn")), a)).isEqualTo(idA);
          try (LabelWriter writer = LabelWriter.open(connection)) {
            writer.delete(idB);
          }
          await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonNode scores = get(restarted, "/api/reviews/scores");
            assertThat(scores.path("reviews").asLong()).isEqualTo(2);
            assertThat(scores.path("classes").toString())
                .contains("\"label\":\"siren\",\"truePositives\":0,\"falsePositives\":1,\"falseNegatives\":1")
                .contains("\"label\":\"car_horn\",\"truePositives\":0,\"falsePositives\":0,\"falseNegatives\":1")
                .contains("\"label\":\"dog_bark\",\"truePositives\":1,\"falsePositives\":0,\"falseNegatives\":0");
          });
        }
      }
    }
  }

  private static Dashboard start(KafkaConnection connection) {
    return Dashboard.start(DashboardConfig.defaults(connection)
        .withBind("127.0.0.1", 0).withToken("tally-test-token-0123456789").withReadOnly(true));
  }

  private static JsonNode awaitReviews(Dashboard d, long n) {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> get(d, "/api/reviews/scores").path("reviews").asLong() == n);
    try {
      return get(d, "/api/reviews/scores");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Review review(ReviewKind kind, List<String> predicted, List<String> labels) {
    return new Review(kind, "s1", 1_000_000, 2_000_000, predicted, labels, "urban:1", "ana");
  }

  private static MonoAudio audio(float first) {
    return new MonoAudio(new float[] {first, -0.2f, 0.3f, 0f}, 16_000);
  }

  private static JsonNode get(Dashboard d, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(d.url() + path.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(r.body());
  }
}
