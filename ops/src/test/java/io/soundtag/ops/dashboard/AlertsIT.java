package io.soundtag.ops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.dashboard.alerts.AlertRule;
import io.soundtag.dashboard.alerts.Alerts;
import io.soundtag.dashboard.alerts.AlertsConfig;
import io.soundtag.dashboard.alerts.RetryPolicy;
import io.soundtag.dashboard.alerts.Tier;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts over the live system: simulated sensors → tagger → sound events → a webhook, with each
 * alert's audio link played back by the dashboard. Reports how long after a sound's start (its
 * capture time) the webhook heard of it: window length, the tagger's k-of-n onset rule and the
 * pipeline together.
 */
class AlertsIT {

  @TempDir
  Path dir;

  record Received(JsonNode alert, long atMicros) {}

  @Test
  void soundEventsReachTheWebhookWithAPlayableLinkSecondsAfterTheyStart() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ObjectMapper json = new ObjectMapper();
    hook.createContext("/hook", ex -> {
      long at = System.currentTimeMillis() * 1000;
      received.add(new Received(json.readTree(ex.getRequestBody()), at));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.start();
    Lifecycle lifecycle = new Lifecycle();
    try {
      ModelBundle bundle = DefaultModel.load(null);
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(2, (short) 1));
      KafkaConnection connection = KafkaConnection.to(kafka.bootstrapServers());
      PrometheusRegistry registry = new PrometheusRegistry();
      lifecycle.own(Tagger.start(TaggerSettings.of(new TaggerConfig("alerts", connection, dir.resolve("state"), 1, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null)), bundle).withRegistry(registry)));
      Dashboard dashboard = lifecycle.own(Dashboard.start(DashboardConfig.defaults(connection).withBind("127.0.0.1", 0)
          .withToken("alerts-test-token-0123456789").withReadOnly(true)));
      Alerts alerts = lifecycle.own(Alerts.start(new AlertsConfig(List.of(new AlertRule("*", Tier.ALERT, 0)), List.of(),
          ZoneOffset.UTC, URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"), null, "soundtag/alerts", null,
          RetryPolicy.defaults(), dir.resolve("dead.jsonl")), connection, dashboard.url()));

      SimulatedFleet fleet = new SimulatedFleet(new FleetConfig("alert", 3, 11,
          SceneConfig.defaults(bundle.manifest().sampleRate()), 1, true));
      try (IngestPipeline pipeline = IngestPipeline.connect(PipelineConfig.defaults(),
          ProducerSettings.defaults(kafka.bootstrapServers()), registry, 3)) {
        fleet.run(pipeline, Duration.ofSeconds(25), null);
        pipeline.finish();
      }
      Thread.sleep(3000); // the last windows' events and their webhooks

      assertThat(received).as("alerts at the webhook").hasSizeGreaterThanOrEqualTo(3);
      assertThat(alerts.raised()).isGreaterThanOrEqualTo(received.size());
      List<Double> seconds = new ArrayList<>();
      for (Received r : received) {
        assertThat(r.alert().path("tier").asText()).isEqualTo("ALERT");
        assertThat(r.alert().path("modelVersion").asText()).startsWith(bundle.manifest().modelName() + ":");
        seconds.add((r.atMicros() - r.alert().path("onsetMicros").asLong()) / 1e6);
      }
      Collections.sort(seconds);
      double p50 = seconds.get((int) Math.ceil(0.5 * seconds.size()) - 1);
      double p99 = seconds.get((int) Math.ceil(0.99 * seconds.size()) - 1);
      System.out.printf("alerts: %d at the webhook; sound start (capture) to webhook p50 %.2f s, p99 %.2f s, max %.2f s%n",
          seconds.size(), p50, p99, seconds.get(seconds.size() - 1));
      assertThat(p99).as("an alarm reaches the webhook within seconds of the sound's start").isLessThan(10);

      String link = received.get(0).alert().path("audioUrl").asText();
      HttpResponse<byte[]> wav = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(wav.statusCode()).as(link).isEqualTo(200);
      assertThat(new String(wav.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    } finally {
      lifecycle.closeAll();
      hook.stop(0);
    }
  }
}
