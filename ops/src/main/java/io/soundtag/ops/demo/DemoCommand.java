package io.soundtag.ops.demo;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ingest.simulate.TruthWriter;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.dashboard.DashboardCommand;
import io.soundtag.ops.metrics.MetricsEndpoint;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.ops.tail.LiveTail;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soundtag demo}: the whole system in one process — an embedded broker, simulated sensors,
 * the tagger with the shipped model and a live tail — on a fresh data directory each run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run everything on an embedded broker: simulated sensors, the tagger and a live tail. Ctrl-C stops it.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--sensors", defaultValue = "8", description = "Simulated sensors (default: ${DEFAULT-VALUE}).")
  int sensors;

  @Option(names = "--port", defaultValue = "9092", description = "Broker port on 127.0.0.1, so other commands can attach (default: ${DEFAULT-VALUE}); 0 picks a free one.")
  int port;

  @Option(names = "--metrics-port", defaultValue = "9400", description = "Tagger /metrics port; 0 picks one (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--dashboard-port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
      description = "Dashboard port on 127.0.0.1 (default: ${DEFAULT-VALUE}); 0 picks a free one.")
  int dashboardPort;

  @Option(names = "--model", paramLabel = "FILE", description = {"Model bundle (default: the shipped model of the simulated city,"
      + " urban-sounds; real microphones need the real-audio model, real-sounds, which soundtag tag serves by default)."})
  Path model;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated scenes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--only-tagged", description = "Print only windows with a label above its threshold.")
  boolean onlyTagged;

  @Option(names = "--learn",
      description = {"Show the learning loop: start from a starter model that knows 7 of the 10 simulated classes (not gunshot,"
          + " dog_bark, music; unless --model is given), let a simulated operator label what the sensors heard every"
          + " --label-every, and run a sidecar that trains a candidate per " + LearningDemo.MIN_NEW_LABELS + " new labels;"
          + " the gate's decisions are printed and the tail shows the version the tagger serves.",
          "The first promoted release came 1.5 minutes after the start (1 min 28 s, 1 min 38 s and 1 min 31 s in three"
              + " runs on a 2-core machine), most of it the operator's labels."})
  boolean learn;

  @Option(names = "--label-every", defaultValue = "PT1S", paramLabel = "DURATION",
      description = "With --learn: time between the operator's labels (default: ${DEFAULT-VALUE}).")
  Duration labelEvery;

  @Option(names = "--truth", paramLabel = "FILE", description = "Write the simulated sensors' ground-truth events as JSON lines, to check the tags against.")
  Path truthFile;

  @Override
  public Integer call() throws Exception {
    long startNanos = System.nanoTime();
    ModelBundle bundle = learn && model == null ? LearningDemo.starter() : DefaultModel.load(model);
    System.err.println("serving " + DefaultModel.describe(bundle));
    if (model == null) {
      System.err.println("this model knows the simulated city only; real microphones need the real-audio model, real-sounds,"
          + " which soundtag tag serves by default (ops/src/main/resources/models/real-sounds.bundle in the source tree;"
          + " soundtag demo --model FILE serves any bundle)");
    }
    Path dir = Files.createTempDirectory("soundtag-demo-");
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own(() -> FileUtils.deleteQuietly(dir.toFile()));
    EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), port)).start();
    BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(4, (short) 1));
    System.err.println("broker on " + kafka.bootstrapServers() + " (attach with --bootstrap-servers " + kafka.bootstrapServers() + ")");

    PrometheusRegistry registry = new PrometheusRegistry();
    MetricsEndpoint metrics = lifecycle.own(MetricsEndpoint.start(registry, "127.0.0.1", metricsPort));
    System.err.println("tagger metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
    TaggerConfig config = new TaggerConfig("soundtag-demo", KafkaConnection.to(kafka.bootstrapServers()), dir.resolve("tagger"), 1,
        true, ReassemblyPolicy.defaults(), new BatchPolicy(32, 50), new TagPolicy(3, null));
    Tagger tagger = lifecycle.own(Tagger.start(TaggerSettings.of(config, bundle).withRegistry(registry)));

    LiveTail<?> tail = lifecycle.own(LiveTail.tags(KafkaConnection.to(kafka.bootstrapServers()), Topics.AUDIO_TAGS,
        true, onlyTagged, System.out));
    Thread tailThread = new Thread(tail, "demo-tail");
    tailThread.start();

    SimulatedFleet fleet = new SimulatedFleet(new FleetConfig("sensor", sensors, seed,
        SceneConfig.defaults(bundle.manifest().sampleRate()), 1, true));
    IngestPipeline pipeline = lifecycle.own(IngestPipeline.connect(PipelineConfig.defaults(),
        ProducerSettings.defaults(kafka.bootstrapServers()), registry, sensors));
    TruthWriter truth = truthFile == null ? null : lifecycle.own(new TruthWriter(truthFile));
    Thread sensorsThread = new Thread(() -> {
      try {
        fleet.run(pipeline, null, truth);
      } catch (IOException e) {
        System.err.println("soundtag demo: simulated sensors stopped: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "demo-sensors");
    sensorsThread.start();
    // Stop the sensors and let their last chunk go out before the pipeline and broker close.
    lifecycle.own(() -> {
      fleet.stop();
      sensorsThread.join(5_000);
    });
    if (learn) {
      // Closed before the sensors and the broker: the sidecar's run stops at its next step.
      lifecycle.own(LearningDemo.start(KafkaConnection.to(kafka.bootstrapServers()), dir.resolve("sidecar"), fleet, bundle,
          tagger::servedModel, labelEvery, startNanos, System.out));
    }
    Dashboard dashboard = lifecycle.own(Dashboard.start(DashboardConfig.defaults(
        KafkaConnection.to(kafka.bootstrapServers())).withBind("127.0.0.1", dashboardPort)));
    DashboardCommand.announce(dashboard, System.err);
    System.err.println(sensors + " simulated sensors streaming in real time; tags follow (Ctrl-C stops everything)");
    lifecycle.awaitShutdown();
    return 0;
  }
}
