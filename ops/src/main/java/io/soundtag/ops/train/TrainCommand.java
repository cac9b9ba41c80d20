package io.soundtag.ops.train;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.HashSplit;
import io.soundtag.trainer.dataset.SplitRule;
import io.soundtag.trainer.recipe.Recipe;
import io.soundtag.trainer.recipe.RunData;
import io.soundtag.trainer.recipe.RunOutcome;
import io.soundtag.trainer.recipe.RunSpec;
import io.soundtag.trainer.recipe.TrainingRun;
import io.soundtag.trainer.report.ResultRow;
import io.soundtag.trainer.report.RunReport;
import io.soundtag.trainer.report.TrainingProgress;
import io.soundtag.trainer.simulated.SimulatedWindows;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.DistillationPlan;
import io.soundtag.trainer.training.Framing;
import io.soundtag.trainer.training.LabelledWindow;
import io.soundtag.trainer.training.TrainingStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundtag train}: trains a model (supervised, or seed 000's multi-representation distillation) and writes a bundle. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a tagging model and write it as a model bundle, with a report.",
        "  supervised: one branch on the labels (seed 000 Eq. 1).",
        "  mrkd: seed 000's multi-representation knowledge distillation (Algorithm 1) over the --branches,"
            + " with consistent teaching (seed 002)."})
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--recipe", defaultValue = "supervised", description = "supervised or mrkd (default: ${DEFAULT-VALUE}).")
  String recipe;

  @Option(names = "--data", required = true, paramLabel = "DIR|simulated",
      description = "A dataset directory, or 'simulated' for windows from the procedural urban sound generator.")
  String data;

  @Option(names = "--format", defaultValue = "folder",
      description = "Dataset layout: folder|urbansound8k|esc50|fsdkaggle2018|sonyc-ust|dcase-asc (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--bad-rows", defaultValue = "skip",
      description = "A metadata row with a missing or undecodable file or an unknown class: skip (reported with file and line) or fail (default: ${DEFAULT-VALUE}).")
  String badRows;

  @Option(names = "--branches", paramLabel = "REP:ARCH,…",
      description = "Branches as representation:architecture pairs; representations logmel|mfcc|cqt|gammatone|stft "
          + "(mfcc has Δ and ΔΔ as 3 channels), architectures cpmobile|resnet|vgg|mobilenetv2|smallcnn. "
          + "Default: logmel:ARCHITECTURE for supervised, logmel:cpmobile,mfcc:cpmobile for mrkd.")
  String branches;

  @Option(names = "--student", paramLabel = "REP:ARCH", description = "The branch the bundle serves (default: the first branch).")
  String student;

  @Option(names = "--architecture", defaultValue = "cpmobile", description = "Network of the default supervised branch (default: ${DEFAULT-VALUE}).")
  String architecture;

  @Option(names = "--width", defaultValue = "0", description = "Base channels of every network; 0 keeps each architecture's default.")
  int width;

  @Option(names = "--out", required = true, description = "Where to write the model bundle.")
  Path out;

  @Option(names = {"--keep-branches", "--ensemble-bundle"},
      description = "Put every branch in the bundle (served averaged with ServingMode.ENSEMBLE); default: the student only.")
  boolean keepBranches;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write the run report (index.html, plots) and per-epoch checkpoints here (default: OUT's name + '-report', next to it).")
  Path report;

  @Option(names = "--resume", description = "Continue from the last checkpoint in the --report directory.")
  boolean resume;

  @Option(names = "--model-name", description = "Name of the model (default: urban-sounds for simulated data, else the dataset's name).")
  String modelName;

  @Option(names = "--sample-rate", defaultValue = "32000", description = "Analysis sample rate, Hz (default: ${DEFAULT-VALUE}).")
  int sampleRate;

  @Option(names = "--fft-size", defaultValue = "1024",
      description = "FFT and analysis-window length of every representation, samples (default: ${DEFAULT-VALUE}).")
  int fftSize;

  @Option(names = "--frame-hop-ms", defaultValue = "10",
      description = "Hop between feature frames (default: ${DEFAULT-VALUE} ms); a longer hop gives the network fewer frames per window.")
  double frameHopMs;

  @Option(names = "--window-ms", defaultValue = "1000", description = "Model input length (default: ${DEFAULT-VALUE} ms).")
  int windowMs;

  @Option(names = "--hop-ms", defaultValue = "500", description = "Hop between windows when tagging (default: ${DEFAULT-VALUE} ms).")
  int hopMs;

  @Option(names = "--crops", defaultValue = "3", description = "Training crops per clip longer than a window (default: ${DEFAULT-VALUE}).")
  int crops;

  @Option(names = "--validation-percent", defaultValue = "-1",
      description = "With --test-percent: a stable hash split of the clips instead of the dataset's own split.")
  int validationPercent;

  @Option(names = "--test-percent", defaultValue = "-1", description = "See --validation-percent.")
  int testPercent;

  @Option(names = "--scenes", defaultValue = "12", description = "Simulated scenes (training; a third as many for validation) (default: ${DEFAULT-VALUE}).")
  int scenes;

  @Option(names = "--scene-seconds", defaultValue = "120", description = "Length of each simulated scene (default: ${DEFAULT-VALUE} s).")
  double sceneSeconds;

  @Option(names = "--epochs", defaultValue = "12", description = "Supervised: training epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--cycles", defaultValue = "6", description = "mrkd: cycles Q (default: ${DEFAULT-VALUE}).")
  int cycles;

  @Option(names = "--single-epochs", defaultValue = "1", description = "mrkd: single-branch epochs b per cycle (default: ${DEFAULT-VALUE}).")
  int singleEpochs;

  @Option(names = "--distill-epochs", defaultValue = "1", description = "mrkd: distillation epochs d per cycle (default: ${DEFAULT-VALUE}).")
  int distillEpochs;

  @Option(names = "--temperature", defaultValue = "2", description = "mrkd: soft-label temperature T, Eq. 2 (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--lambda", defaultValue = "1", description = "mrkd: weight of the KL term, Eq. 5 (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(names = "--mixup", description = "mixup Beta(α, α); 0 turns it off (default: 0 for supervised, 0.3 for mrkd).")
  Double mixup;

  @Option(names = "--batch-size", defaultValue = "32", description = "Windows per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.003", description = "Peak learning rate, cosine-decayed over the run (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed: data, initialisation, order, augmentation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--repeats", defaultValue = "1",
      description = "Run seeds SEED..SEED+N-1 and report mean ± sd; the bundle is SEED's (default: ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--compare-independent",
      description = "mrkd: also train every branch alone for the same epochs (seed 000's independent vs. distilled table).")
  boolean compareIndependent;

  @Option(names = "--device", defaultValue = "auto", description = "auto (GPU when present), cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--stop-after-epoch", hidden = true, defaultValue = "2147483647",
      description = "Stop after checkpointing this epoch (exit code 3); --resume continues.")
  int stopAfterEpoch;

  @Spec
  CommandSpec commandSpec;

  private java.io.PrintWriter err() {
    java.io.PrintWriter w = commandSpec.commandLine().getErr();
    w.flush();
    return w;
  }

  @Override
  public Integer call() throws Exception {
    Recipe chosen = Recipe.fromCliName(recipe);
    if (report == null) {
      String name = out.getFileName().toString().replaceFirst("\\.bundle$", "");
      report = out.toAbsolutePath().resolveSibling(name + "-report");
    }
    int window = sampleRate * windowMs / 1000;
    int hop = sampleRate * hopMs / 1000;
    String branchText = branches != null ? branches
        : chosen == Recipe.SUPERVISED ? "logmel:" + architecture : "logmel:cpmobile,mfcc:cpmobile";
    Framing framing = Framing.of(sampleRate, fftSize, frameHopMs);
    List<BranchSpec> specs = BranchSpec.parseList(branchText, sampleRate, width, framing);
    String studentName = student == null ? specs.get(0).name() : BranchSpec.parse(student, sampleRate, width, framing).name();

    Prepared prepared = data.equals("simulated") ? simulated(window, hop) : dataset(window);
    double alpha = mixup != null ? mixup : chosen == Recipe.MRKD ? 0.3 : 0.0;
    DistillationPlan plan = chosen == Recipe.MRKD
        ? new DistillationPlan(cycles, singleEpochs, distillEpochs, temperature, lambda, alpha, batchSize, learningRate, seed)
        : DistillationPlan.supervised(epochs, alpha, batchSize, learningRate, seed);
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("data", prepared.description());
    provenance.put("command", "soundtag train --recipe " + chosen.cliName() + " --data " + data + " --branches " + branchText
        + " --sample-rate " + sampleRate + " --fft-size " + fftSize + " --frame-hop-ms " + frameHopMs
        + (width > 0 ? " --width " + width : ""));
    RunSpec spec = new RunSpec(chosen, modelName != null ? modelName : prepared.name(), prepared.task(), prepared.classes(),
        sampleRate, window, hop, specs, studentName, plan, repeats, compareIndependent, keepBranches, provenance);

    Path checkpoints = report.resolve("checkpoints");
    if (!resume) {
      deleteTree(checkpoints);
    }
    err().printf(Locale.ROOT, "%s on %d training windows, %d validation and %d test clips; branches %s; device %s%n",
        chosen.cliName(), prepared.data().train().size(), prepared.data().validation().clips(), prepared.data().test().clips(),
        specs.stream().map(BranchSpec::name).toList(), DeviceChoice.parse(device).device());
    RunOutcome outcome;
    try (TrainingProgress progress = TrainingProgress.start("train " + chosen.cliName(), TrainingRun.totalSteps(spec, prepared.data()))) {
      outcome = new TrainingRun(DeviceChoice.parse(device).device(), stopAfterEpoch).run(spec, prepared.data(), checkpoints, progress::step);
    } catch (TrainingStopped stopped) {
      err().println(stopped.getMessage() + " (in " + checkpoints + ")");
      return 3;
    }
    for (ResultRow r : outcome.results()) {
      err().printf(Locale.ROOT, "%-22s %-12s accuracy %.4f ± %.4f  mAP@3 %.4f ± %.4f  (%d seeds)%n", r.model(), r.training(),
          r.accuracyMean(), r.accuracySd(), r.mapAt3Mean(), r.mapAt3Sd(), r.accuracyPerSeed().size());
    }
    ModelBundle bundle = outcome.bundle();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    bundle.write(out);
    err().println("report: " + writeReport(chosen, prepared, branchText, studentName, plan, outcome));
    System.out.printf(Locale.ROOT, "wrote %s: %s %s, %d classes, student %s, thresholds %s%n", out, bundle.manifest().modelName(),
        bundle.manifest().version(), bundle.manifest().classes().size(), bundle.manifest().studentBranch(), bundle.manifest().thresholds());
    return 0;
  }

  private Path writeReport(Recipe chosen, Prepared prepared, String branchText, String studentName, DistillationPlan plan,
      RunOutcome outcome) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("recipe", chosen.cliName());
    settings.put("data", prepared.description());
    settings.put("branches", branchText);
    settings.put("student", studentName);
    settings.put("plan", plan.toString());
    settings.put("seeds", seed + (repeats > 1 ? ".." + (seed + repeats - 1) : ""));
    settings.put("window", windowMs + " ms at " + sampleRate + " Hz, " + fftSize + "-point frames every " + frameHopMs
        + " ms; training crops per clip " + crops);
    settings.put("clip score", "window scores " + (prepared.task() == TaskType.SINGLE_LABEL ? "averaged" : "max-pooled") + " per clip");
    settings.put("bundle", out + " (" + (keepBranches ? "all branches" : "student only") + ")");
    Path index = new RunReport("soundtag train — " + chosen.cliName() + ", " + prepared.description(), outcome.history(),
        outcome.evaluation(), outcome.results(), outcome.complexity(), settings).writeTo(report);
    return index;
  }

  private record Prepared(String name, String description, TaskType task, List<String> classes, RunData data) {}

  private Prepared simulated(int window, int hop) {
    SimulatedWindows simulated = new SimulatedWindows(SceneConfig.defaults(sampleRate), window, hop, 0.3);
    err().printf(Locale.ROOT, "rendering %d training and %d validation scenes of %.0f s…%n", scenes, Math.max(1, scenes / 3), sceneSeconds);
    ClipWindows train = asClips(simulated.generate("train", scenes, sceneSeconds, seed));
    ClipWindows validation = asClips(simulated.generate("validation", Math.max(1, scenes / 3), sceneSeconds, seed + 1_000_003));
    return new Prepared("urban-sounds", "simulated:scenes=" + scenes + ",seconds=" + sceneSeconds, TaskType.MULTI_LABEL,
        SimulatedWindows.classes(), new RunData(train, validation, validation));
  }

  private static ClipWindows asClips(List<LabelledWindow> windows) {
    List<float[]> samples = new ArrayList<>();
    List<float[]> targets = new ArrayList<>();
    windows.forEach(w -> {
      samples.add(w.samples());
      targets.add(w.target());
    });
    return ClipWindows.ofWindows(samples, targets);
  }

  private Prepared dataset(int window) {
    BadRowPolicy policy = switch (badRows.trim().toLowerCase(Locale.ROOT)) {
      case "skip" -> BadRowPolicy.SKIP;
      case "fail" -> BadRowPolicy.FAIL;
      default -> throw new IllegalArgumentException("--bad-rows " + badRows + ": use skip or fail");
    };
    ClipCatalog catalog = DatasetReaders.read(DatasetFormat.fromCliName(format), Path.of(data), policy, ClipLoader.decodableWav());
    catalog.skipped().forEach(row -> err().println("skipped " + row));
    SplitRule split = catalog.defaultSplit();
    if (validationPercent >= 0 || testPercent >= 0) {
      split = new HashSplit(Math.max(0, validationPercent), Math.max(0, testPercent));
    }
    RunData runData = RunData.fromCatalog(catalog, split, sampleRate, window, crops, seed);
    String name = catalog.name().replaceAll("[^A-Za-z0-9._-]", "-");
    return new Prepared(name, catalog.name() + " (" + catalog.size() + " clips, " + catalog.classes().size() + " classes)",
        catalog.task(), catalog.classes(), runData);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
