package io.soundtag.tagger;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.simd.Simd;
import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.HotSwap;
import io.soundtag.tagger.model.ModelFollower;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.model.ReleaseVerifier;
import io.soundtag.tagger.status.StatusReporter;
import io.soundtag.tagger.topology.TaggerApp;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running tagger instance: the front door of the stream-tagger module.
 *
 * <pre>{@code
 * try (Tagger tagger = Tagger.start(TaggerSettings.of(config, bundle))) {
 *   System.out.println("serving " + tagger.servedModel());
 * }
 * }</pre>
 *
 * <p>{@link #start} loads the bundle, reads {@code audio.models} and swaps in the newest servable
 * release of the deployment before the first chunk is read (when releases are followed), starts
 * the Kafka Streams application, follows newer releases, and writes the instance's status to
 * {@code audio.status} periodically and on every swap or refusal. {@link #close} stops all of it.
 */
public final class Tagger implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Tagger.class);
  private static final Duration CATCH_UP = Duration.ofSeconds(30);

  private final TaggerSettings settings;
  private final TaggerMetrics metrics;
  private final ModelSlot slot;
  private final HotSwap hotSwap;
  private final long startedAt = System.currentTimeMillis();
  private StatusReporter status;
  private ModelFollower follower;
  private TaggerApp app;

  private Tagger(TaggerSettings settings) {
    this.settings = settings;
    this.metrics = new TaggerMetrics(settings.registry());
    ServingModel serving = ServingModel.load(settings.bundle(), settings.mode());
    this.slot = new ModelSlot(serving);
    metrics.modelInfo.labelValues(serving.id().deployment(), serving.id().version()).set(1);
    this.hotSwap = new HotSwap(slot, new ReleaseVerifier(settings.mode()), settings.signatures(), metrics, settings.deployment(),
        this::statusChanged);
  }

  /** Starts a tagger; on failure everything started is closed again. */
  public static Tagger start(TaggerSettings settings) {
    Tagger t = new Tagger(settings);
    try {
      t.startParts();
      return t;
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }

  private void startParts() {
    status = new StatusReporter(settings.config().kafka(), Topics.AUDIO_STATUS, settings.instanceId(), settings.heartbeat(),
        this::status);
    if (settings.followReleases()) {
      follower = new ModelFollower(settings.config().kafka(), Topics.AUDIO_MODELS, hotSwap);
      follower.catchUp(CATCH_UP);
    }
    app = new TaggerApp(settings.config(), slot, metrics).start();
    if (follower != null) {
      follower.start();
    }
    status.start();
    LOG.info("tagger {} serving {}{}", settings.instanceId(), slot.currentId(),
        settings.followReleases() ? ", following releases of " + settings.deployment() : ", not following releases");
    if (!Simd.available()) {
      LOG.warn("noise levels and spectra run scalar, at about 1.6 and 2 times the CPU: start the JVM with --add-modules jdk.incubator.vector"
          + " (the soundtag launcher and the deployment files do) on a machine with 256-bit vectors (AVX2)");
    }
  }

  private void statusChanged() {
    if (status != null) {
      status.report();
    }
  }

  /** The model served now. */
  public ModelId servedModel() {
    return slot.currentId();
  }

  /** Models loaded and not yet closed: 1 in a steady state; more only while a swapped-out model is still in use. */
  public int openModels() {
    return slot.openModels();
  }

  /** The swaps and refusals so far. */
  public HotSwap.History releases() {
    return hotSwap.history();
  }

  /** This tagger's metrics, on the settings' registry. */
  public TaggerMetrics metrics() {
    return metrics;
  }

  /** The Kafka Streams state. */
  public KafkaStreams.State state() {
    return app.state();
  }

  /** This instance's key on {@code audio.status}. */
  public String instanceId() {
    return settings.instanceId();
  }

  /** The status this instance reports now. */
  public TaggerStatus status() {
    BundleManifest m = slot.manifest();
    HotSwap.History h = hotSwap.history();
    TaggerApp running = app;
    return TaggerStatus.newBuilder()
        .setInstanceId(settings.instanceId())
        .setApplicationId(settings.config().applicationId())
        .setDeployment(settings.deployment())
        .setServedModelId(slot.currentId().toString())
        .setServedRelease(h.servedRelease())
        .setSampleRate(m.sampleRate())
        .setWindowSamples(m.windowSamples())
        .setHopSamples(m.hopSamples())
        .setClasses(List.copyOf(m.classes()))
        .setStreamState(running == null ? "STARTING" : running.state().name())
        .setTasks(running == null ? List.of() : running.activeTasks())
        .setHeartbeatMillis(System.currentTimeMillis())
        .setStartedAtMillis(startedAt)
        .setSwaps(h.swaps())
        .setRefusals(h.refusals())
        .setLastSwap(h.lastSwap())
        .setLastRefusal(h.lastRefusal())
        .build();
  }

  /** Stops following, leaves the group (handing this instance's work to the others), removes its status, frees the model. */
  @Override
  public void close() {
    // No swap while the streams close, and the model is freed only once no stream thread can use it.
    quietly(follower);
    quietly(app);
    quietly(status);
    quietly(slot);
  }

  private static void quietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.warn("error while stopping {}: {}", c, e.toString());
    }
  }
}
