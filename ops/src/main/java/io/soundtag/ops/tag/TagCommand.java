package io.soundtag.ops.tag;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.cli.SignatureOptions;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.metrics.MetricsEndpoint;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.levels.LevelPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soundtag tag}: the Kafka Streams tagger. */
@Command(name = "tag", mixinStandardHelpOptions = true,
    description = "Tag audio chunks from Kafka: reassemble per sensor, window, features, batched inference, TagEvents.")
public final class TagCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Mixin
  SignatureOptions signatures;

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle to serve (default: the shipped model for real microphones, real-sounds; the simulated"
      + " city's is ops/src/main/resources/models/urban-sounds.bundle).")
  Path model;

  @Option(names = "--ensemble", description = "Serve every branch of the bundle, averaged, instead of the distilled student.")
  boolean ensemble;

  @Option(names = "--application-id", defaultValue = "soundtag-tagger",
      description = "Kafka Streams application id; instances sharing it share the work (default: ${DEFAULT-VALUE}).")
  String applicationId;

  @Option(names = "--state-dir", defaultValue = "data/tagger-state", description = "Local state directory (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--threads", defaultValue = "1", description = "Stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--batch-size", defaultValue = "32", description = "Score a batch once this many windows wait (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--batch-wait-ms", defaultValue = "50", description = "…or once the oldest has waited this long (default: ${DEFAULT-VALUE} ms).")
  long batchWaitMs;

  @Option(names = "--max-reorder-ms", defaultValue = "1000",
      description = "How much later audio (capture time) a sensor's chunks may run ahead of a missing chunk before it is "
          + "given up on and its gap filled (default: ${DEFAULT-VALUE} ms; at most 8 chunks are held either way).")
  long maxReorderMs;

  @Option(names = "--top-k", defaultValue = "3", description = "Best labels listed in each TagEvent (default: ${DEFAULT-VALUE}).")
  int topK;

  @Option(names = "--level-gate-db", paramLabel = "DBFS", description = "Do not score windows quieter than this LAeq (dBFS); off by default.")
  Double levelGateDb;

  @Option(names = "--event-k", defaultValue = "2", description = "A sound starts once above its threshold in k of the last n windows (default: ${DEFAULT-VALUE}).")
  int eventK;

  @Option(names = "--event-n", defaultValue = "3", description = "…n windows (default: ${DEFAULT-VALUE}).")
  int eventN;

  @Option(names = "--event-release", defaultValue = "0.5",
      description = "A sound ends below this fraction of its class threshold (default: ${DEFAULT-VALUE}).")
  double eventRelease;

  @Option(names = "--level-interval", paramLabel = "SECONDS", defaultValue = "60",
      description = "Noise-level report interval on " + Topics.AUDIO_LEVELS + ", aligned to the clock: 1 to 3600 s in steps "
          + "of 0.1 s (default: ${DEFAULT-VALUE}: every minute on the minute).")
  double levelInterval;

  @Option(names = "--calibration-max-age-days", paramLabel = "DAYS", defaultValue = "30",
      description = "Flag level reports and events of a sensor whose calibration on " + Topics.AUDIO_SENSORS
          + " is older than this, 1 or more (default: ${DEFAULT-VALUE}).")
  int calibrationMaxAgeDays;

  @Option(names = "--at-least-once", description = "Use at-least-once processing instead of exactly-once (v2).")
  boolean atLeastOnce;

  @Option(names = "--follow-models", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Follow " + Topics.AUDIO_MODELS + " and hot-swap newer verified releases of the deployment (default: on; --no-follow-models turns it off).")
  boolean followModels;

  @Option(names = "--deployment", paramLabel = "NAME",
      description = "The deployment whose releases to follow (default: the model name of the bundle served).")
  String deployment;

  @Option(names = "--instance-id", paramLabel = "ID",
      description = "This instance's key on " + Topics.AUDIO_STATUS + " (default: APPLICATION-ID@HOST-PID).")
  String instanceId;

  @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address /metrics listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for a scraper on another host: "
          + "the metrics hold no secrets and accept no writes).")
  String metricsBind;

  @Option(names = "--metrics-port", defaultValue = "9400", description = "Port of /metrics; 0 picks one, -1 disables (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    PrometheusRegistry registry = new PrometheusRegistry();
    if (metricsPort >= 0) {
      MetricsEndpoint endpoint = lifecycle.own(MetricsEndpoint.start(registry, metricsBind, metricsPort));
      System.err.println("metrics on http://" + metricsBind + ":" + endpoint.port() + "/metrics");
    }
    TaggerSettings settings = settings(registry);
    Tagger tagger = lifecycle.own(Tagger.start(settings));
    System.err.println("tagger " + tagger.instanceId() + " serving " + tagger.servedModel()
        + (followModels ? ", following releases of " + settings.deployment() : ""));
    lifecycle.awaitShutdown();
    return 0;
  }

  /** The tagger these options describe, its metrics in {@code registry}. */
  public TaggerSettings settings(PrometheusRegistry registry) {
    TaggerSettings settings = TaggerSettings.of(config(), DefaultModel.loadForMicrophones(model))
        .withMode(ensemble ? ServingMode.ENSEMBLE : ServingMode.STUDENT)
        .withFollowReleases(followModels)
        .withSignatures(signatures.policy())
        .withRegistry(registry);
    if (deployment != null) {
      settings = settings.withDeployment(deployment);
    }
    if (instanceId != null) {
      settings = settings.withInstanceId(instanceId);
    }
    return settings;
  }

  /** The tagger configuration these options describe. */
  public TaggerConfig config() {
    return new TaggerConfig(applicationId, kafka.connection(), stateDir, threads, !atLeastOnce,
        ReassemblyPolicy.defaults().withMaxReorderMillis(maxReorderMs), new BatchPolicy(batchSize, batchWaitMs),
        new TagPolicy(topK, levelGateDb),
        new EventPolicy(eventK, eventN, eventRelease), levelPolicy());
  }

  private LevelPolicy levelPolicy() {
    if (calibrationMaxAgeDays < 1) {
      throw new IllegalArgumentException("--calibration-max-age-days must be 1 or more, got " + calibrationMaxAgeDays);
    }
    try {
      return new LevelPolicy(levelInterval, Duration.ofDays(calibrationMaxAgeDays));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--level-interval: " + e.getMessage(), e);
    }
  }
}
