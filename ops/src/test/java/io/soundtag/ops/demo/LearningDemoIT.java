package io.soundtag.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soundtag demo --learn} on an embedded broker with real sensors, tagger, operator and
 * sidecar: starting from the starter model (seven classes), the operator's labels make a release
 * the gate promotes, whose classes include a left-out class, and the tagger then serves it.
 */
class LearningDemoIT {

  private static final int SENSORS = 6;

  @TempDir
  Path dir;

  @Test
  void theOperatorsLabelsTeachTheTaggerALeftOutClass() throws Exception {
    ModelBundle starter = LearningDemo.starter();
    assertThat(starter.manifest().classes()).hasSize(7).doesNotContain("gunshot", "dog_bark", "music");
    Lifecycle lifecycle = new Lifecycle();
    try {
      long start = System.nanoTime();
      EmbeddedKafka broker = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      BrokerCommand.createTopics(broker.bootstrapServers(), new TopicLayout(2, (short) 1));
      KafkaConnection kafka = KafkaConnection.to(broker.bootstrapServers());
      PrometheusRegistry registry = new PrometheusRegistry();
      TaggerConfig config = new TaggerConfig("learn-it", kafka, dir.resolve("tagger"), 1, true, ReassemblyPolicy.defaults(),
          new BatchPolicy(32, 50), new TagPolicy(3, null));
      Tagger tagger = lifecycle.own(Tagger.start(TaggerSettings.of(config, starter).withRegistry(registry)
          .withHeartbeat(Duration.ofSeconds(1))));

      SimulatedFleet fleet = new SimulatedFleet(new FleetConfig("learn", SENSORS, 42,
          SceneConfig.defaults(starter.manifest().sampleRate()), 1, true));
      IngestPipeline pipeline = lifecycle.own(IngestPipeline.connect(PipelineConfig.defaults(),
          ProducerSettings.defaults(broker.bootstrapServers()), registry, SENSORS));
      Thread sensors = new Thread(() -> {
        try {
          fleet.run(pipeline, null, null);
        } catch (Exception e) {
          Thread.currentThread().interrupt();
        }
      }, "learn-it-sensors");
      sensors.start();
      lifecycle.own(() -> {
        fleet.stop();
        sensors.join(5_000);
      });
      LearningDemo learn = lifecycle.own(LearningDemo.start(kafka, dir.resolve("sidecar"), fleet, starter, tagger::servedModel,
          Duration.ofMillis(250), start, System.out));

      await(() -> learn.firstPromoted() != null, Duration.ofSeconds(150),
          () -> learn.sidecar().status() + "; labels written " + learn.operator().written());
      ModelRelease promoted = learn.firstPromoted();
      assertThat(promoted.getDecision()).isEqualTo(ReleaseDecision.PROMOTED);
      assertThat(promoted.getClassesChanged()).isTrue();
      assertThat(promoted.getParentRelease()).isEqualTo(1L);
      List<String> classes = promoted.getClasses().stream().map(CharSequence::toString).toList();
      // A class nobody labelled before the run is not among the candidate's: the labels name the classes.
      assertThat(classes).containsAnyOf("gunshot", "dog_bark", "music");

      await(() -> tagger.status().getServedRelease() == promoted.getRelease(), Duration.ofSeconds(30), () -> tagger.status().toString());
      assertThat(tagger.servedModel()).isEqualTo(ReleaseEnvelope.id(promoted));
      System.out.println("learning demo: first promoted release after " + learn.firstPromotedAfter().toSeconds() + " s, classes "
          + classes);
    } finally {
      lifecycle.closeAll();
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout, Supplier<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s; %s", timeout, state.get()).isLessThan(deadline);
      Thread.sleep(300);
    }
  }
}
