package io.soundtag.ops.trainer;

import io.soundtag.core.release.SigningKey;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.cli.SignatureOptions;
import io.soundtag.ops.metrics.MetricsEndpoint;
import io.soundtag.ops.train.DeviceChoice;
import io.soundtag.trainer.gate.GateRules;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.sidecar.Rehearsal;
import io.soundtag.trainer.sidecar.Sidecar;
import io.soundtag.trainer.sidecar.SidecarConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soundtag trainer run}: the sidecar loop, until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Follow audio.labels; when enough clips changed (or the period passed) train a candidate by the recipe, "
        + "warm-started from the served release (keeping its classes and taxonomy when its bundle carries one); calibrate its "
        + "thresholds to --false-alarm-target on the gate's negative clips; score it and the served model on the gate clips "
        + "(split hint gate, or a stable hash share of the labels that training never sees), shadow-run both on recent live "
        + "audio, and record the decision (PROMOTED or REFUSED, with both models' figures and the lineage) on audio.models. "
        + "Killed and restarted on the same --cache-dir it resumes the run and never records a candidate twice.")
public final class TrainerRunCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Mixin
  SignatureOptions signatures;

  @Option(names = "--sign", paramLabel = "KEY",
      description = "Sign every release the sidecar writes with this private key (from `soundtag model keygen`).")
  Path signingKey;

  @Option(names = "--recipe", paramLabel = "FILE",
      description = "A JSON recipe (see trainer/README.md); default: the built-in one (log-Mel and gammatone CP-Mobile, distilled).")
  Path recipe;

  @Option(names = "--deployment", defaultValue = "urban-sounds",
      description = "The deployment to train for, the name taggers follow (default: ${DEFAULT-VALUE}).")
  String deployment;

  @Option(names = "--cache-dir", defaultValue = "sidecar", paramLabel = "DIR",
      description = "The sidecar's own directory: the label cache and the current run's checkpoints (default: ${DEFAULT-VALUE}).")
  Path cacheDir;

  @Option(names = "--min-new-labels", defaultValue = "20", paramLabel = "N",
      description = "Start a run once N clips were added, relabelled or deleted since the last run, when the labels have not "
          + "changed for one --poll-ms (so an import still being written is trained on whole) or after 5 polls at most "
          + "(default: ${DEFAULT-VALUE}).")
  int minNewLabels;

  @Option(names = "--every", defaultValue = "1h", paramLabel = "DURATION",
      description = "Also start a run when this long passed since the last one and any clip changed: 90s, 30m, 2h, PT1H, or off "
          + "(default: ${DEFAULT-VALUE}).")
  String every;

  @Option(names = "--min-gain", defaultValue = "0.01",
      description = "Promote only if the primary gate metric (accuracy, or micro-AUPRC for multi-label) rises by at least this "
          + "(default: ${DEFAULT-VALUE}).")
  double minGain;

  @Option(names = "--min-class-clips", defaultValue = "5",
      description = "Watch every class with at least this many gate clips for a drop (default: ${DEFAULT-VALUE}).")
  int minClassClips;

  @Option(names = "--max-class-drop", defaultValue = "0.10",
      description = "Refuse a candidate when a watched class loses more AP than this (default: ${DEFAULT-VALUE}).")
  double maxClassDrop;

  @Option(names = "--max-false-alarm-rise", defaultValue = "0.05", paramLabel = "SHARE",
      description = "Refuse a candidate whose share of negatives raising a tag (the negative gate clips and, for a served model"
          + " with a taxonomy, 100 windows of quiet ambience, at each model's thresholds; at least 20 of them) rises by more than"
          + " this over the served model's; 1 turns the rule off (default: ${DEFAULT-VALUE}).")
  double maxFalseAlarmRise;

  @Option(names = "--false-alarm-target", paramLabel = "SHARE",
      description = "Calibrate a candidate's thresholds so that at most this share of the gate's negative clips raise a tag, "
          + "once the gate has enough of them (2 / SHARE, at least 20: 40 at 0.05); with fewer the served model's thresholds "
          + "are kept, or the candidate's validation F1 ones when its classes changed (default: the target the served "
          + "bundle records, else 0.05).")
  Double falseAlarmTarget;

  @Option(names = "--replay", split = ",", paramLabel = "DIR",
      description = "Folder-per-class datasets every candidate of a taxonomy model also trains on (never gates on), their labels"
          + " placed on the served taxonomy: e.g. the real recordings the shipped model learnt from (scripts/build-real-clips.sh),"
          + " so that a few site labels do not teach it to tag everything.")
  List<Path> replay = List.of();

  @Option(names = "--quiet-windows", defaultValue = "150",
      description = "Windows of quiet ambience (−80 to −40 dBFS noise) every candidate of a taxonomy model also trains on as"
          + " negatives; 0 for none (default: ${DEFAULT-VALUE}).")
  int quietWindows;

  @Option(names = "--shadow-seconds", defaultValue = "60",
      description = "Seconds of recent live audio per sensor the shadow run scores; 0 turns it off (default: ${DEFAULT-VALUE}).")
  int shadowSeconds;

  @Option(names = "--shadow-sensors", defaultValue = "8", description = "Sensors in the shadow run (default: ${DEFAULT-VALUE}).")
  int shadowSensors;

  @Option(names = "--poll-ms", defaultValue = "5000", description = "How often the labels are checked (default: ${DEFAULT-VALUE} ms).")
  long pollMs;

  @Option(names = "--device", defaultValue = "cpu", description = "auto (GPU when present), cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--created-by", description = "Recorded in every release (default: sidecar@HOST).")
  String createdBy;

  @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "Address /metrics listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for a scraper on another host: "
          + "the metrics hold no secrets and accept no writes).")
  String metricsBind;

  @Option(names = "--metrics-port", defaultValue = "9401",
      description = "Port of /metrics; 0 picks one, -1 disables (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    SidecarConfig config = config();
    Lifecycle lifecycle = new Lifecycle();
    Sidecar sidecar = lifecycle.own(Sidecar.start(config));
    if (metricsPort >= 0) {
      MetricsEndpoint endpoint = lifecycle.own(MetricsEndpoint.start(sidecar.metrics().registry(), metricsBind, metricsPort));
      System.err.println("sidecar metrics on http://" + metricsBind + ":" + endpoint.port() + "/metrics");
    }
    System.err.printf(Locale.ROOT, "sidecar for %s: cache %s, a run per %d changed clips%s; Ctrl-C stops it%n", deployment,
        cacheDir.toAbsolutePath(), minNewLabels, config.every() == null ? "" : " or every " + every);
    lifecycle.awaitShutdown();
    return 0;
  }

  /** The sidecar configuration these options describe. */
  public SidecarConfig config() {
    return SidecarConfig.of(kafka.connection(), cacheDir)
        .withDeployment(deployment)
        .withRecipe(recipe == null ? TrainingRecipe.defaults() : TrainingRecipe.read(recipe))
        .withSchedule(minNewLabels, parseDuration(every))
        .withRules(new GateRules(minGain, minClassClips, maxClassDrop, maxFalseAlarmRise))
        .withFalseAlarmTarget(falseAlarmTarget)
        .withRehearsal(new Rehearsal(replay, quietWindows))
        .withShadow(Duration.ofSeconds(shadowSeconds), shadowSensors)
        .withPoll(Duration.ofMillis(pollMs))
        .withDevice(DeviceChoice.parse(device).device())
        .withCreatedBy(createdBy)
        .withSignatures(signingKey == null ? null : SigningKey.load(signingKey), signatures.policy());
  }

  /** {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, ISO-8601 ({@code PT1H}) or {@code off}. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("off") || t.equals("never")) {
      return null;
    }
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--every " + text + ": give a duration such as 90s, 30m, 2h, PT1H, or off");
    }
  }
}
