package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out: two tagger instances in one application id split the sensors' partitions (both
 * write TagEvents); when one leaves mid-stream the other takes its partitions over, and a
 * read_committed reader still sees every window exactly once.
 */
class ScaleOutIT {

  private static final int SENSORS = 12;
  private static final int CHUNKS = 80; // 40 s of audio per sensor
  private static final double SPEED = 2.5;

  @TempDir
  Path dir;

  @Test
  void twoInstancesShareTheWorkAndOneTakesOverWhenTheOtherLeaves() throws Exception {
    ModelBundle bundle = DefaultModel.load(null);
    BundleManifest manifest = bundle.manifest();
    SceneAudioPool pool = SceneAudioPool.render(4, 10, manifest.sampleRate(), 500, 5);
    Lifecycle shared = new Lifecycle();
    Lifecycle first = new Lifecycle();
    Lifecycle second = new Lifecycle();
    try {
      EmbeddedKafka kafka = shared.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(4, (short) 1));
      TaggerMetrics a = first.own(Tagger.start(TaggerSettings.of(config(bootstrap, "a"), bundle).withInstanceId("a"))).metrics();
      TaggerMetrics b = second.own(Tagger.start(TaggerSettings.of(config(bootstrap, "b"), bundle).withInstanceId("b"))).metrics();

      ReplayedSensors sensors = shared.own(new ReplayedSensors(
          ProducerSettings.defaults(bootstrap).withCompression("lz4"), pool, "scale", SENSORS, SPEED));
      TagLedger ledger = shared.own(TagLedger.readCommitted(bootstrap));
      long origin = System.currentTimeMillis() * 1000;
      Set<String> expected = TagLedger.expectedWindows(sensors.sensorIds(), CHUNKS, pool.chunkSamples(), origin, manifest);
      AtomicReference<Exception> producing = new AtomicReference<>();
      Thread feed = new Thread(() -> {
        try {
          sensors.run(CHUNKS, origin);
        } catch (Exception e) {
          producing.set(e);
        }
      }, "scale-feed");
      feed.start();

      ledger.pollUntil(() -> a.windowsOut.get() > 0 && b.windowsOut.get() > 0, Duration.ofSeconds(60), Duration.ZERO);
      assertThat(a.windowsOut.get()).as("instance a tags windows").isPositive();
      assertThat(b.windowsOut.get()).as("instance b tags windows").isPositive();
      assertThat(sensors.chunksPerSensor()).as("b leaves mid-stream").isLessThan(CHUNKS);

      second.closeAll();
      double byB = b.windowsOut.get();
      double byABefore = a.windowsOut.get();

      ledger.pollUntil(() -> ledger.byWindow().size() >= expected.size(), Duration.ofSeconds(150), Duration.ofSeconds(3));
      feed.join();
      assertThat(producing.get()).isNull();
      assertThat(ledger.duplicated()).as("windows tagged twice").isEmpty();
      assertThat(ledger.byWindow().keySet()).as("every window, no other").containsExactlyInAnyOrderElementsOf(expected);
      assertThat(a.windowsOut.get()).as("a took over").isGreaterThan(byABefore);
      assertThat(b.windowsOut.get()).as("b stopped when it left").isEqualTo(byB);
      System.out.printf("scale-out: %d windows; a tagged %.0f (%.0f before b left), b tagged %.0f%n",
          expected.size(), a.windowsOut.get(), byABefore, byB);
    } finally {
      second.closeAll();
      first.closeAll();
      shared.closeAll();
    }
  }

  private TaggerConfig config(String bootstrap, String instance) {
    return new TaggerConfig("scale-test", KafkaConnection.to(bootstrap), dir.resolve("state-" + instance), 1, true,
        ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null), EventPolicy.defaults());
  }
}
