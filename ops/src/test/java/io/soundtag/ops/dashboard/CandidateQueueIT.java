package io.soundtag.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.demo.LearningDemo;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import io.soundtag.trainer.release.ReleaseLog;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active learning over the live system with two real models: the tagger serves the starter model
 * (seven of the ten simulated classes), the full shipped model is on {@code audio.models} as a
 * refused release, and the dashboard's review queue fills with windows where the two name
 * different top labels, with both models' scores.
 */
class CandidateQueueIT {

  @TempDir
  Path dir;

  @Test
  void windowsWhereTheRefusedCandidateDisagreesWithTheServedModelAreQueued() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    try {
      ModelBundle served = LearningDemo.starter();
      ModelBundle candidate = DefaultModel.load(null);
      String servedId = ModelId.of(served.manifest()).toString();
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(2, (short) 1));
      KafkaConnection connection = KafkaConnection.to(kafka.bootstrapServers());
      String deployment = ModelId.of(served.manifest()).deployment();
      new ReleaseLog(connection).publish(candidate.toBytes(),
          ReleaseLineage.published(deployment, "candidate-it").withDecision(ReleaseDecision.REFUSED));
      PrometheusRegistry registry = new PrometheusRegistry();
      lifecycle.own(Tagger.start(TaggerSettings.of(new TaggerConfig("candidate", connection, dir.resolve("state"), 1, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null)), served)
          .withFollowReleases(false).withRegistry(registry)));
      Dashboard dashboard = lifecycle.own(Dashboard.start(DashboardConfig.defaults(connection).withBind("127.0.0.1", 0)
          .withTokenFile(dir.resolve("token")).withReadOnly(true).withCandidateScoring(5)));

      SimulatedFleet fleet = new SimulatedFleet(new FleetConfig("cand", 3, 5,
          SceneConfig.defaults(served.manifest().sampleRate()), 1, true));
      IngestPipeline pipeline = lifecycle.own(IngestPipeline.connect(PipelineConfig.defaults(),
          ProducerSettings.defaults(kafka.bootstrapServers()), registry, 3));
      Thread sensors = new Thread(() -> {
        try {
          fleet.run(pipeline, Duration.ofMinutes(3), null);
        } catch (Exception e) {
          Thread.currentThread().interrupt();
        }
      }, "candidate-it-sensors");
      sensors.start();
      lifecycle.own(() -> {
        fleet.stop();
        sensors.join(5_000);
      });

      HttpClient http = HttpClient.newHttpClient();
      ObjectMapper json = new ObjectMapper();
      AtomicReference<JsonNode> queue = new AtomicReference<>();
      await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "api/queue?limit=50")).build(),
            HttpResponse.BodyHandlers.ofString());
        queue.set(json.readTree(r.body()));
        return queue.get().path("disagreements").size() >= 3;
      });
      JsonNode q = queue.get();
      System.out.printf("candidate queue: %d windows scored by the candidate, %d disagreements listed%n",
          q.path("candidateScored").asLong(), q.path("disagreements").size());
      assertThat(q.path("candidateScoring").asBoolean()).isTrue();
      assertThat(q.path("candidateScored").asLong()).isGreaterThanOrEqualTo(q.path("disagreements").size());
      for (JsonNode d : q.path("disagreements")) {
        assertThat(d.path("servedModel").asText()).isEqualTo(servedId);
        assertThat(d.path("candidateModel").asText()).isEqualTo(deployment + ":1");
        assertThat(d.path("candidateDecision").asText()).isEqualTo("REFUSED");
        String servedTop = d.path("servedScores").get(0).path("label").asText();
        String candidateTop = d.path("candidateScores").get(0).path("label").asText();
        assertThat(candidateTop).as("the two top labels differ").isNotEqualTo(servedTop);
        assertThat(candidate.manifest().classes()).contains(candidateTop);
        assertThat(d.path("candidateScores").get(0).path("score").asDouble())
            .isGreaterThanOrEqualTo(d.path("candidateScores").get(1).path("score").asDouble());
        assertThat(d.path("endMicros").asLong() - d.path("startMicros").asLong())
            .isEqualTo(served.manifest().windowSamples() * 1_000_000L / served.manifest().sampleRate());
      }
    } finally {
      lifecycle.closeAll();
    }
  }
}
