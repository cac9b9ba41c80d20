package io.soundtag.ops.demo;

import io.soundtag.core.bundle.InvalidBundleException;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.gate.GateRules;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.sidecar.Sidecar;
import io.soundtag.trainer.sidecar.SidecarConfig;
import io.soundtag.trainer.sidecar.SidecarStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * The learning loop of {@code soundtag demo --learn}, beside a running demo: the served model is
 * published as the deployment's first release, a {@link SimulatedOperator} labels what the sensors
 * heard, a {@link Sidecar} trains a candidate per {@link #MIN_NEW_LABELS} new labels and lets the
 * gate decide, and every decision is printed with the time since the start. The tagger follows the
 * deployment, so a promoted candidate is what it serves next.
 *
 * <p>The demo starts from {@link #starter()}, a model that knows seven of the ten simulated classes
 * (not gunshot, dog_bark or music): the operator's labels name all ten, so a candidate learns new
 * classes and the gate can see it do better. The shipped default model knows every class at
 * 99.5 %; a candidate from a hundred clips could not beat it by the gate's margin.
 */
public final class LearningDemo implements AutoCloseable {

  /** Classpath location of the starter model. */
  public static final String STARTER_RESOURCE = "/models/urban-sounds-starter.bundle";

  /** A run per this many new labels. */
  public static final int MIN_NEW_LABELS = 60;

  /**
   * The sidecar's recipe: the starter's student (CP-Mobile width 24 on 16 kHz log-Mel, 512-point
   * frames every 20 ms, 1 s windows), supervised for a few epochs, so it warm-starts from the
   * served model and trains in well under a minute on ~100 two-second clips.
   */
  public static final String RECIPE = """
      {"method": "supervised", "branches": ["logmel:cpmobile"], "width": 24, "epochs": 15,
       "audio": {"sampleRate": 16000, "fftSize": 512, "frameHopMs": 20, "windowMs": 1000, "hopMs": 500},
       "augmentation": {"mixup": 0.0}, "schedule": {"batchSize": 16, "learningRate": 0.003}, "crops": 3, "seed": 1}
      """;

  private final Sidecar sidecar;
  private final SimulatedOperator operator;
  private final ChunkArchive archive;
  private final LabelWriter writer;
  private final Thread operatorThread;
  private final Thread watchThread;
  private final ReleaseLog log;
  private final String deployment;
  private final long startNanos;
  private final PrintStream out;
  private volatile boolean closing;
  private volatile ModelRelease firstPromoted;
  private volatile Duration firstPromotedAfter;

  private LearningDemo(KafkaConnection kafka, Path dir, SimulatedFleet fleet, ModelBundle served, Supplier<ModelId> servedId,
      Duration labelEvery, long startNanos, PrintStream out) {
    this.startNanos = startNanos;
    this.out = out;
    this.deployment = ModelId.deploymentOf(served.manifest().modelName());
    this.log = new ReleaseLog(kafka);
    ModelRelease first = log.publish(served.toBytes(),
        ReleaseLineage.published(deployment, "soundtag demo --learn")).release();
    out.println("learn: " + ReleaseEnvelope.id(first) + " is the served model (" + served.manifest().classes().size()
        + " classes: " + String.join(",", served.manifest().classes()) + ")");
    this.archive = ChunkArchive.open(kafka, Topics.AUDIO_CHUNKS, Duration.ofSeconds(10));
    this.writer = LabelWriter.open(kafka);
    this.operator = new SimulatedOperator(fleet, archive, writer, () -> servedId.get().toString(), labelEvery,
        Duration.ofSeconds(2), Duration.ofSeconds(3), 7, out);
    this.sidecar = Sidecar.start(SidecarConfig.of(kafka, dir)
        .withDeployment(deployment)
        .withRecipe(TrainingRecipe.parse(RECIPE))
        .withSchedule(MIN_NEW_LABELS, null)
        .withRules(GateRules.defaults())
        .withShadow(Duration.ofSeconds(20), 4)
        .withPoll(Duration.ofSeconds(1))
        .withCreatedBy("sidecar@demo"));
    this.operatorThread = new Thread(operator, "demo-operator");
    this.watchThread = new Thread(this::watch, "demo-decisions");
    operatorThread.setDaemon(true);
    watchThread.setDaemon(true);
    operatorThread.start();
    watchThread.start();
  }

  /**
   * Starts the loop for a demo whose tagger serves {@code served} and follows its deployment.
   *
   * @param dir the sidecar's directory
   * @param servedId what the tagger serves now, recorded in each label
   * @param labelEvery time between the operator's labels
   * @param startNanos {@link System#nanoTime()} when the demo started, for the times printed
   * @param out where the operator's and the decisions' lines go
   */
  public static LearningDemo start(KafkaConnection kafka, Path dir, SimulatedFleet fleet, ModelBundle served,
      Supplier<ModelId> servedId, Duration labelEvery, long startNanos, PrintStream out) {
    return new LearningDemo(kafka, dir, fleet, served, servedId, labelEvery, startNanos, out);
  }

  /** The starter model shipped with soundtag: seven of the ten simulated classes. */
  public static ModelBundle starter() {
    try (InputStream in = LearningDemo.class.getResourceAsStream(STARTER_RESOURCE)) {
      if (in == null) {
        throw new InvalidBundleException("this build ships no starter model (" + STARTER_RESOURCE + "); pass --model FILE");
      }
      return ModelBundle.fromBytes(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped starter model", e);
    }
  }

  public Sidecar sidecar() {
    return sidecar;
  }

  public SimulatedOperator operator() {
    return operator;
  }

  /** The first release the gate promoted, or null before there is one. */
  public ModelRelease firstPromoted() {
    return firstPromoted;
  }

  /** Time from the demo's start to the first promoted release, or null before there is one. */
  public Duration firstPromotedAfter() {
    return firstPromotedAfter;
  }

  /** Prints the sidecar's state changes and each decision, with the time since the start. */
  private void watch() {
    SidecarStatus.State state = null;
    String decision = "";
    while (!closing) {
      SidecarStatus s = sidecar.status();
      if (s.state() != state) {
        state = s.state();
        if (state == SidecarStatus.State.TRAINING) {
          out.println("learn: " + since() + " the sidecar trains a candidate on " + (s.labels() == null ? "the" : s.labels().clips())
              + " labels");
        } else if (state == SidecarStatus.State.GATING) {
          out.println("learn: " + since() + " the gate scores the candidate and the served model");
        }
      }
      if (!s.lastDecision().equals(decision)) {
        decision = s.lastDecision();
        ModelRelease release = log.history(deployment).stream()
            .filter(r -> ReleaseEnvelope.id(r).toString().equals(s.lastRelease())).findFirst().orElse(null);
        out.println("learn: " + since() + " release " + decision + (release == null ? "" : "; classes " + classChanges(release)));
        if (firstPromoted == null && release != null && release.getDecision() == ReleaseDecision.PROMOTED) {
          firstPromotedAfter = Duration.ofNanos(System.nanoTime() - startNanos);
          firstPromoted = release;
          out.println("learn: first promoted release after " + since() + " from the start; the tagger swaps it in and the tail"
              + " shows its version");
        }
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The release's classes against its parent's, e.g. {@code +gunshot +music -rain}, or "unchanged". */
  private String classChanges(ModelRelease release) {
    List<String> now = release.getClasses().stream().map(CharSequence::toString).toList();
    List<String> before = log.history(deployment).stream().filter(r -> release.getParentRelease() != null
            && r.getRelease() == release.getParentRelease())
        .findFirst().map(r -> r.getClasses().stream().map(CharSequence::toString).toList()).orElse(List.of());
    String added = now.stream().filter(c -> !before.contains(c)).map(c -> "+" + c).collect(Collectors.joining(" "));
    String dropped = before.stream().filter(c -> !now.contains(c)).map(c -> "-" + c).collect(Collectors.joining(" "));
    String changes = (added + " " + dropped).trim();
    return changes.isEmpty() ? "unchanged" : changes;
  }

  private String since() {
    long s = (System.nanoTime() - startNanos) / 1_000_000_000L;
    return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    operator.stop();
    operatorThread.join(5_000);
    watchThread.interrupt();
    watchThread.join(5_000);
    sidecar.close();
    writer.close();
    archive.close();
  }
}
