package io.soundtag.ops.tag;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.metrics.MetricsEndpoint;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.HotSwap;
import io.soundtag.tagger.model.ModelFollower;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.model.ReleaseVerifier;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerApp;
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

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle to serve (default: the model shipped with soundtag).")
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

  @Option(names = "--at-least-once", description = "Use at-least-once processing instead of exactly-once (v2).")
  boolean atLeastOnce;

  @Option(names = "--follow-models", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Follow " + Topics.AUDIO_MODELS + " and hot-swap verified releases of the served model (default: on; --no-follow-models turns it off).")
  boolean followModels;

  @Option(names = "--allow-class-change", description = "Accept model releases whose classes differ from the served model's.")
  boolean allowClassChange;

  @Option(names = "--metrics-port", defaultValue = "9400", description = "Port of /metrics on 127.0.0.1; 0 picks one, -1 disables (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    PrometheusRegistry registry = new PrometheusRegistry();
    if (metricsPort >= 0) {
      MetricsEndpoint endpoint = lifecycle.own(MetricsEndpoint.start(registry, "127.0.0.1", metricsPort));
      System.err.println("metrics on http://127.0.0.1:" + endpoint.port() + "/metrics");
    }
    start(config(), DefaultModel.load(model), ensemble ? ServingMode.ENSEMBLE : ServingMode.STUDENT, registry, lifecycle,
        new ReleaseFollowing(followModels, allowClassChange));
    lifecycle.awaitShutdown();
    return 0;
  }

  /** The tagger configuration these options describe. */
  public TaggerConfig config() {
    return new TaggerConfig(applicationId, kafka.bootstrapServers(), stateDir, threads, !atLeastOnce,
        ReassemblyPolicy.defaults().withMaxReorderMillis(maxReorderMs), new BatchPolicy(batchSize, batchWaitMs),
        new TagPolicy(topK, levelGateDb),
        new EventPolicy(eventK, eventN, eventRelease));
  }

  /**
   * Whether a tagger follows the releases of its model.
   *
   * @param enabled follow {@code audio.models}
   * @param allowClassChange accept releases whose classes differ from the served model's
   */
  public record ReleaseFollowing(boolean enabled, boolean allowClassChange) {
    /** Follow releases; refuse a change of classes. */
    public static final ReleaseFollowing DEFAULT = new ReleaseFollowing(true, false);
  }

  /** Loads the model and starts a tagger that follows its model's releases; everything is closed by {@code lifecycle}. */
  public static TaggerApp start(TaggerConfig config, ModelBundle bundle, ServingMode mode, PrometheusRegistry registry, Lifecycle lifecycle) {
    return start(config, bundle, mode, registry, lifecycle, ReleaseFollowing.DEFAULT);
  }

  /**
   * Loads the model and starts a tagger; everything is closed by {@code lifecycle}. When releases
   * are followed, the newest release already on the topic is verified and swapped in before the
   * first chunk is read.
   */
  public static TaggerApp start(TaggerConfig config, ModelBundle bundle, ServingMode mode, PrometheusRegistry registry,
      Lifecycle lifecycle, ReleaseFollowing following) {
    return start(config, bundle, mode, new TaggerMetrics(registry), lifecycle, following);
  }

  /** As {@link #start(TaggerConfig, ModelBundle, ServingMode, PrometheusRegistry, Lifecycle, ReleaseFollowing)}, on metrics already registered. */
  public static TaggerApp start(TaggerConfig config, ModelBundle bundle, ServingMode mode, TaggerMetrics metrics,
      Lifecycle lifecycle, ReleaseFollowing following) {
    ServingModel serving = ServingModel.load(bundle, mode);
    ModelSlot slot = lifecycle.own(new ModelSlot(serving));
    metrics.modelInfo.labelValues(serving.manifest().modelName(), serving.manifest().version()).set(1);
    ModelFollower follower = null;
    if (following.enabled()) {
      HotSwap hotSwap = new HotSwap(slot, new ReleaseVerifier(mode, following.allowClassChange()), metrics);
      follower = new ModelFollower(config.bootstrapServers(), Topics.AUDIO_MODELS, serving.manifest().modelName(), hotSwap);
      follower.catchUp(Duration.ofSeconds(30));
    }
    TaggerApp app = lifecycle.own(new TaggerApp(config, slot, metrics)).start();
    if (follower != null) {
      lifecycle.own(follower.start());
    }
    return app;
  }
}
