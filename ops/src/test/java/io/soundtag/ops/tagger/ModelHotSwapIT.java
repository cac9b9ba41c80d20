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
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.TagEvent;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.RejectionReason;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot-swap under load: while sensors stream, good releases (the shipped networks under new
 * versions) and bad ones (bytes damaged after hashing; a 16 kHz model) are published on
 * {@code audio.models}. Every window must be tagged exactly once; each TagEvent names a good
 * release (never a bad one); per sensor the versions only move forward in publication order, so
 * each batch was scored by one model; the counters and the model gauge say what happened.
 */
class ModelHotSwapIT {

  private static final int SENSORS = 8;
  private static final int CHUNKS = 80; // 40 s of audio per sensor
  private static final int GOOD_RELEASES = 5;

  @TempDir
  Path dir;

  @Test
  void releasesSwapUnderLoadWithoutLosingOrRepeatingAWindow() throws Exception {
    ModelBundle base = DefaultModel.load(null);
    BundleManifest manifest = base.manifest();
    SceneAudioPool pool = SceneAudioPool.render(4, 10, manifest.sampleRate(), 500, 11);
    Lifecycle lifecycle = new Lifecycle();
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(4, (short) 1));
      PrometheusRegistry registry = new PrometheusRegistry();
      TaggerConfig config = new TaggerConfig("swap-test", KafkaConnection.to(bootstrap), dir.resolve("state"), 1, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null), EventPolicy.defaults());
      TaggerMetrics metrics = lifecycle.own(Tagger.start(TaggerSettings.of(config, base).withRegistry(registry))).metrics();
      ReplayedSensors sensors = lifecycle.own(new ReplayedSensors(
          ProducerSettings.defaults(bootstrap).withCompression("lz4"), pool, "swap", SENSORS, 4));
      TagLedger ledger = lifecycle.own(TagLedger.readCommitted(bootstrap));
      ReleaseLog log = new ReleaseLog(KafkaConnection.to(bootstrap));
      RawReleases raw = lifecycle.own(new RawReleases(bootstrap));
      String deployment = manifest.modelName();

      long origin = System.currentTimeMillis() * 1000;
      Set<String> expected = TagLedger.expectedWindows(sensors.sensorIds(), CHUNKS, pool.chunkSamples(), origin, manifest);
      AtomicReference<Exception> producing = new AtomicReference<>();
      Thread feed = new Thread(() -> {
        try {
          sensors.run(CHUNKS, origin);
        } catch (Exception e) {
          producing.set(e);
        }
      }, "swap-feed");
      feed.start();

      List<String> order = new ArrayList<>(List.of(ModelId.of(manifest).toString()));
      for (int i = 1; i <= GOOD_RELEASES; i++) {
        int gate = i * expected.size() / (GOOD_RELEASES + 2);
        ledger.pollUntil(() -> ledger.events() >= gate, Duration.ofSeconds(60), Duration.ZERO);
        ModelRelease good = log.publish(BundleVariants.withVersion(base, "swap-" + i).toBytes(),
            ReleaseLineage.published(deployment, "test")).release();
        order.add(ReleaseEnvelope.id(good).toString());
        if (i == 2) {
          raw.write(BundleVariants.corruptedInTransit(BundleVariants.withVersion(base, "bad-bytes"), good.getRelease() + 1));
        }
        if (i == 4) {
          log.publish(BundleVariants.atAnotherRate(base, "bad-rate").toBytes(), ReleaseLineage.published(deployment, "test"));
        }
      }
      // The last release published was a good one: wait for it to serve before the stream ends.
      String last = order.get(order.size() - 1);
      await().atMost(Duration.ofSeconds(60)).until(() -> metrics.modelSwaps.get() >= GOOD_RELEASES);

      ledger.pollUntil(() -> ledger.byWindow().size() >= expected.size(), Duration.ofSeconds(150), Duration.ofSeconds(3));
      feed.join();
      assertThat(producing.get()).isNull();

      assertThat(ledger.duplicated()).as("windows tagged twice").isEmpty();
      assertThat(ledger.byWindow().keySet()).as("every window, no other").containsExactlyInAnyOrderElementsOf(expected);
      Set<String> versions = ledger.all().stream().map(TagEvent::getModelVersion).collect(Collectors.toSet());
      assertThat(order).as("every TagEvent names a good release").containsAll(versions);
      assertThat(versions).as("models that tagged windows").hasSizeGreaterThanOrEqualTo(3);
      assertVersionsOnlyMoveForward(ledger.byWindow(), order);

      assertThat(metrics.modelSwaps.get()).isEqualTo(GOOD_RELEASES);
      assertThat(metrics.rejectedReleases.labelValues(RejectionReason.SHA256_MISMATCH.name()).get()).isEqualTo(1.0);
      assertThat(metrics.rejectedReleases.labelValues(RejectionReason.UNSERVABLE_GEOMETRY.name()).get()).isEqualTo(1.0);
      assertThat(metrics.modelInfo.labelValues(deployment, ModelId.parse(last).version()).get()).isEqualTo(1.0);
      for (String v : order.subList(0, order.size() - 1)) {
        assertThat(metrics.modelInfo.labelValues(deployment, ModelId.parse(v).version()).get())
            .as("gauge of retired %s", v).isEqualTo(0.0);
      }
      System.out.printf("hot-swap: %d windows, each once; tagged by %s%n", expected.size(), versions);
    } finally {
      lifecycle.closeAll();
    }
  }

  /** Per sensor, in window order, the serving model is never an older release than before. */
  private static void assertVersionsOnlyMoveForward(Map<String, List<TagEvent>> byWindow, List<String> order) {
    Map<String, List<TagEvent>> bySensor = byWindow.values().stream().map(l -> l.get(0))
        .collect(Collectors.groupingBy(TagEvent::getSensorId));
    for (List<TagEvent> tags : bySensor.values()) {
      tags.sort(Comparator.comparingLong(TagEvent::getWindowStartMicros));
      int at = 0;
      for (TagEvent t : tags) {
        int index = order.indexOf(t.getModelVersion());
        assertThat(index).as("%s@%d by %s after release %s", t.getSensorId(), t.getWindowStartMicros(),
            t.getModelVersion(), order.get(at)).isGreaterThanOrEqualTo(at);
        at = index;
      }
    }
  }
}
