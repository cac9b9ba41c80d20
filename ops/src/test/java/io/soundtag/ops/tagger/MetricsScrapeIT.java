package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ops.bench.ReplayedSensors;
import io.soundtag.ops.bench.SceneAudioPool;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.cli.SoundtagCommand;
import io.soundtag.ops.metrics.MetricsEndpoint;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes the tagger's {@code /metrics} over HTTP while it runs on scene audio, a record that is
 * not a chunk, one good release (published with {@code soundtag model publish}) and one damaged
 * one, and finds every series an operator needs.
 */
class MetricsScrapeIT {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

  @TempDir
  Path dir;

  @Test
  void everyOperatorSeriesIsOnTheEndpoint() throws Exception {
    ModelBundle base = DefaultModel.load(null);
    BundleManifest manifest = base.manifest();
    Lifecycle lifecycle = new Lifecycle();
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(2, (short) 1));
      PrometheusRegistry registry = new PrometheusRegistry();
      MetricsEndpoint endpoint = lifecycle.own(MetricsEndpoint.start(registry, "127.0.0.1", 0));
      lifecycle.own(Tagger.start(TaggerSettings.of(new TaggerConfig("metrics-test", KafkaConnection.to(bootstrap), dir.resolve("state"), 1,
          true, ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null), EventPolicy.defaults()), base)
          .withRegistry(registry)));

      SceneAudioPool pool = SceneAudioPool.render(4, 20, manifest.sampleRate(), 500, 3);
      try (ReplayedSensors sensors = new ReplayedSensors(ProducerSettings.defaults(bootstrap), pool, "metrics", 4, 0);
          KafkaProducer<byte[], byte[]> raw = rawProducer(bootstrap);
          RawReleases raw2 = new RawReleases(bootstrap)) {
        raw.send(new ProducerRecord<>(Topics.AUDIO_CHUNKS, "metrics-junk".getBytes(StandardCharsets.UTF_8),
            "not an audio chunk".getBytes(StandardCharsets.UTF_8))).get();
        sensors.run(40, System.currentTimeMillis() * 1000);
        Path good = dir.resolve("metrics-2.bundle");
        BundleVariants.withVersion(base, "metrics-2").write(good);
        assertThat(SoundtagCommand.commandLine().execute("model", "publish", good.toString(), "--bootstrap-servers", bootstrap))
            .as("soundtag model publish").isZero();
        raw2.write(BundleVariants.corruptedInTransit(BundleVariants.withVersion(base, "metrics-bad"), 2));
      }

      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics");
      String model = "model=\"" + manifest.modelName() + "\"";
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        Map<String, Double> m = scrape(http, uri);
        assertThat(m.get("soundtag_tagger_chunks_in_total")).isGreaterThanOrEqualTo(4 * 40 + 1);
        assertThat(m.get("soundtag_tagger_windows_out_total")).isEqualTo(4.0 * 39);
        assertThat(m.get("soundtag_tagger_dead_letters_total{reason=\"UNDECODABLE\"}")).isEqualTo(1.0);
        assertThat(m.get("soundtag_tagger_batch_size_count")).isPositive();
        assertThat(m.get("soundtag_tagger_batch_size_bucket{le=\"+Inf\"}")).isEqualTo(m.get("soundtag_tagger_batch_size_count"));
        assertThat(m.get("soundtag_tagger_inference_seconds_count")).isPositive();
        assertThat(m.get("soundtag_tagger_inference_seconds_sum")).isPositive();
        assertThat(m.get("soundtag_tagger_end_to_end_latency_seconds_count")).isEqualTo(4.0 * 39);
        assertThat(m.get("soundtag_tagger_model_info{" + model + ",version=\"1\"}")).as("release 1 serves").isEqualTo(1.0);
        assertThat(m.get("soundtag_tagger_model_info{" + model + ",version=\"" + manifest.version() + "\"}")).isEqualTo(0.0);
        assertThat(m.get("soundtag_tagger_model_swaps_total")).isEqualTo(1.0);
        assertThat(m.get("soundtag_tagger_model_releases_rejected_total{reason=\"SHA256_MISMATCH\"}")).isEqualTo(1.0);
        assertThat(m.entrySet()).filteredOn(e -> e.getKey().startsWith("soundtag_tagger_tags_total{label=") && e.getValue() > 0)
            .as("tags per label").isNotEmpty();
      });
    } finally {
      lifecycle.closeAll();
    }
  }

  private static Map<String, Double> scrape(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        samples.put(m.group(1), Double.parseDouble(m.group(2)));
      }
    }
    return samples;
  }

  private static KafkaProducer<byte[], byte[]> rawProducer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
