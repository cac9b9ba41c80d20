package io.soundtag.ops.train;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.trainer.clips.ClipLoader;
import io.soundtag.trainer.augment.BandLimit;
import io.soundtag.trainer.augment.FMix;
import io.soundtag.trainer.augment.FreqMixStyle;
import io.soundtag.trainer.augment.FrequencyMask;
import io.soundtag.trainer.augment.Gain;
import io.soundtag.trainer.augment.Reverb;
import io.soundtag.trainer.augment.TimeMask;
import io.soundtag.trainer.augment.TimeShift;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.UnlabelledAudio;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.DatasetReaders;
import io.soundtag.trainer.dataset.HashSplit;
import io.soundtag.trainer.dataset.SplitRule;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.recipe.LogitStoreSettings;
import io.soundtag.trainer.recipe.Recipe;
import io.soundtag.trainer.recipe.RunData;
import io.soundtag.trainer.recipe.RunOutcome;
import io.soundtag.trainer.recipe.RunSpec;
import io.soundtag.trainer.recipe.Teachers;
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

/**
 * {@code soundtag train}: trains a model (supervised, multi-representation distillation, or
 * ensemble distillation through a logit store) and writes a bundle.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a tagging model and write it as a model bundle, with a report.",
        "  supervised: one branch on the labels (Gao et al., Eq. 1).",
        "  mrkd: multi-representation knowledge distillation (Gao, Xu, Wang & Peng, Algorithm 1) over the --branches,"
            + " with consistent teaching (CED). Deviations from the paper: one cosine learning-rate schedule over all"
            + " steps (the paper steps it per cycle); soft labels recomputed for every distillation epoch on its augmented"
            + " views (the paper: once per cycle); --kd-form hinton (the default) puts the teacher first in the KL and"
            + " multiplies by T² (Hinton et al.), --kd-form paper is Eq. 4 as printed, KL(P ‖ P̄), no T²; --lambda other"
            + " than 1 and --teachers (frozen teachers inside the cycles) are not in the paper.",
        "  ced: teachers (--teachers trained here, --teacher-bundles taken as they are) score --store-epochs augmented"
            + " views of every training window once into a logit store (seed, top-K float16 logits, int16 classes);"
            + " the --student then trains from the store, (1 − λ)·CE + λ·KD, λ = --lambda (1: label-free, as CED)."
            + " Without teachers an existing --logit-store is reused and no teacher runs.",
        "Augmentation (every step a pure function of the view's seed, so teachers score exactly the student's view):"
            + " --time-shift-ms, --gain-db, --band-limit, --reverb-rt60, --mixup/--mixup-domain or --fmix,"
            + " --freq-mixstyle, --time-masks, --freq-masks."})
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--recipe", defaultValue = "supervised", description = "supervised, mrkd or ced (default: ${DEFAULT-VALUE}).")
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

  @Option(names = "--epochs", defaultValue = "12", description = "supervised and ced: training epochs (of the student) (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--cycles", defaultValue = "6", description = "mrkd: cycles Q (default: ${DEFAULT-VALUE}).")
  int cycles;

  @Option(names = "--single-epochs", defaultValue = "1", description = "mrkd: single-branch epochs b per cycle (default: ${DEFAULT-VALUE}).")
  int singleEpochs;

  @Option(names = "--distill-epochs", defaultValue = "1", description = "mrkd: distillation epochs d per cycle (default: ${DEFAULT-VALUE}).")
  int distillEpochs;

  @Option(names = "--temperature", defaultValue = "2",
      description = "mrkd: soft-label temperature T, Eq. 2; ced: the temperature of the stored teacher logits and the student (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--lambda",
      description = "mrkd: weight of the KL term, Eq. 5 (default 1, the paper's); ced: KD weight λ in (1 − λ)·CE + λ·KD (default 1: label-free).")
  Double lambda;

  @Option(names = "--kd-form", defaultValue = "hinton",
      description = "mrkd: hinton = CE + λ·T²·KL(P̄ ‖ P); paper = Eq. 4–5 as printed, CE + λ·KL(P ‖ P̄), no T² (default: ${DEFAULT-VALUE}).")
  String kdForm;

  @Option(names = "--teachers", paramLabel = "REP:ARCH,…",
      description = "Frozen teachers trained first on the labels (e.g. logmel:resnet,gammatone:vgg): ced distils them into the store; mrkd adds them to every cycle's average.")
  String teachers;

  @Option(names = "--teacher-epochs", defaultValue = "12", description = "Epochs of each --teachers network (default: ${DEFAULT-VALUE}).")
  int teacherEpochs;

  @Option(names = "--teacher-width", defaultValue = "0",
      description = "Base channels of every --teachers network (larger than the student's); 0 keeps each architecture's default.")
  int teacherWidth;

  @Option(names = "--teacher-bundles", split = ",", paramLabel = "FILE",
      description = "Bundles whose every branch is a frozen teacher as it is (same classes, rate and window).")
  List<Path> teacherBundles;

  @Option(names = "--logit-store", paramLabel = "FILE",
      description = "ced: the logit store, written when there are teachers, else read (default: REPORT/logits.bin).")
  Path logitStore;

  @Option(names = "--store-epochs", defaultValue = "8",
      description = "ced: augmented views stored per training window; a longer student run cycles through them (default: ${DEFAULT-VALUE}).")
  int storeEpochs;

  @Option(names = "--top-k", defaultValue = "0",
      description = "ced: logits kept per view, 1..classes; the rest count as probability 0 (default: every class).")
  int topK;

  @Option(names = "--unlabelled", paramLabel = "DIR",
      description = "ced: a folder of WAV files (any rate) cut into label-free windows that only the teachers label.")
  Path unlabelled;

  @Option(names = "--mixup", description = "mixup Beta(α, α); 0 turns it off (default: 0 for supervised, 0.3 for mrkd and ced).")
  Double mixup;

  @Option(names = "--mixup-domain", defaultValue = "features",
      description = "Mix the standardised features of each representation or the waveforms before them: features|waveform (default: ${DEFAULT-VALUE}).")
  String mixupDomain;

  @Option(names = "--fmix", defaultValue = "0", description = "FMix Beta(α, α) masks on the features instead of mixup; 0 off (default: ${DEFAULT-VALUE}).")
  double fmix;

  @Option(names = "--freq-mixstyle", defaultValue = "0",
      description = "Freq-MixStyle probability per view (α = 0.3), styled after its mixing partner; 0 off (default: ${DEFAULT-VALUE}).")
  double freqMixStyle;

  @Option(names = "--time-shift-ms", defaultValue = "0", description = "Waveform shift up to ± this, rolled around the window; 0 off (default: ${DEFAULT-VALUE}).")
  double timeShiftMs;

  @Option(names = "--gain-db", defaultValue = "0", description = "Waveform gain drawn in ± this many dB; 0 off (default: ${DEFAULT-VALUE}).")
  double gainDb;

  @Option(names = "--band-limit", paramLabel = "LO:HI", description = "Low-pass at a cut-off drawn in LO..HI Hz (101-tap windowed sinc).")
  String bandLimit;

  @Option(names = "--reverb-rt60", paramLabel = "LO:HI",
      description = "Reverberation by a synthetic room impulse response (decaying noise) of RT60 drawn in LO..HI seconds.")
  String reverbRt60;

  @Option(names = "--time-masks", paramLabel = "N:WIDTH", description = "SpecAugment: N time masks of up to WIDTH frames each.")
  String timeMasks;

  @Option(names = "--freq-masks", paramLabel = "N:WIDTH", description = "SpecAugment: N frequency masks of up to WIDTH bins each.")
  String freqMasks;

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
      description = "mrkd and ced: also train every branch (the student) alone for the same epochs, for the independent vs. distilled table.")
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
    if (chosen == Recipe.CED && branches != null) {
      throw new IllegalArgumentException("ced trains one --student from its --teachers; --branches is for supervised and mrkd");
    }
    String branchText = chosen == Recipe.CED ? (student != null ? student : "logmel:" + architecture)
        : branches != null ? branches
        : chosen == Recipe.SUPERVISED ? "logmel:" + architecture : "logmel:cpmobile,mfcc:cpmobile";
    Framing framing = Framing.of(sampleRate, fftSize, frameHopMs);
    List<BranchSpec> specs = BranchSpec.parseList(branchText, sampleRate, width, framing);
    String studentName = student == null ? specs.get(0).name() : BranchSpec.parse(student, sampleRate, width, framing).name();

    Prepared prepared = data.equals("simulated") ? simulated(window, hop) : dataset(window);
    if (unlabelled != null) {
      List<float[]> extra = UnlabelledAudio.windows(unlabelled, sampleRate, window, crops, seed, line -> err().println("skipped " + line));
      err().printf(Locale.ROOT, "%d label-free windows from %s%n", extra.size(), unlabelled);
      prepared = prepared.withUnlabelled(extra);
    }
    ViewAugmentation augmentation = augmentation(chosen);
    double weight = lambda != null ? lambda : 1;
    DistillationPlan plan = switch (chosen) {
      case MRKD -> new DistillationPlan(cycles, singleEpochs, distillEpochs, temperature, weight, DistillationForm.fromCliName(kdForm),
          augmentation, batchSize, learningRate, seed);
      case CED -> new DistillationPlan(epochs, 1, 0, temperature, weight, DistillationForm.HINTON, augmentation, batchSize,
          learningRate, seed);
      case SUPERVISED -> DistillationPlan.supervised(epochs, augmentation, batchSize, learningRate, seed);
    };
    Teachers teacherSet = new Teachers(teachers == null ? List.of() : BranchSpec.parseList(teachers, sampleRate, teacherWidth, framing),
        teacherEpochs, readBundles());
    LogitStoreSettings store = chosen == Recipe.CED
        ? new LogitStoreSettings(logitStore != null ? logitStore : report.resolve("logits.bin"), storeEpochs,
            topK > 0 ? topK : prepared.classes().size())
        : null;
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("data", prepared.description());
    provenance.put("command", "soundtag train --recipe " + chosen.cliName() + " --data " + data + " --branches " + branchText
        + " --sample-rate " + sampleRate + " --fft-size " + fftSize + " --frame-hop-ms " + frameHopMs
        + (width > 0 ? " --width " + width : "") + (teachers != null ? " --teachers " + teachers : ""));
    provenance.put("augmentation", augmentation.toString());
    RunSpec spec = new RunSpec(chosen, modelName != null ? modelName : prepared.name(), prepared.task(), prepared.classes(),
        sampleRate, window, hop, specs, studentName, plan, repeats, compareIndependent, keepBranches, provenance, teacherSet, store);

    Path checkpoints = report.resolve("checkpoints");
    if (!resume) {
      deleteTree(checkpoints);
    }
    err().printf(Locale.ROOT, "%s on %d training windows, %d validation and %d test clips; branches %s; device %s%n",
        chosen.cliName(), prepared.data().train().size(), prepared.data().validation().clips(), prepared.data().test().clips(),
        specs.stream().map(BranchSpec::name).toList(), DeviceChoice.parse(device).device());
    if (store != null) {
      err().println(teacherSet.isEmpty() ? "reusing the logit store " + store.file() + "; no teacher runs"
          : "writing the logit store " + store.file() + ": " + storeEpochs + " views per window, K = " + store.topK());
    }
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
    settings.put("augmentation", plan.augmentation().toString());
    if (teachers != null || teacherBundles != null) {
      settings.put("teachers", (teachers != null ? teachers + " (" + teacherEpochs + " epochs)" : "")
          + (teacherBundles != null ? " bundles " + teacherBundles : ""));
    }
    settings.put("seeds", seed + (repeats > 1 ? ".." + (seed + repeats - 1) : ""));
    settings.put("window", windowMs + " ms at " + sampleRate + " Hz, " + fftSize + "-point frames every " + frameHopMs
        + " ms; training crops per clip " + crops);
    settings.put("clip score", "window scores " + (prepared.task() == TaskType.SINGLE_LABEL ? "averaged" : "max-pooled") + " per clip");
    settings.put("bundle", out + " (" + (keepBranches ? "all branches" : "student only") + ")");
    Path index = new RunReport("soundtag train — " + chosen.cliName() + ", " + prepared.description(), outcome.history(),
        outcome.evaluation(), outcome.results(), outcome.complexity(), settings).writeTo(report);
    return index;
  }

  private record Prepared(String name, String description, TaskType task, List<String> classes, RunData data) {

    Prepared withUnlabelled(List<float[]> windows) {
      return new Prepared(name, description + " + " + windows.size() + " label-free windows", task, classes,
          data.withUnlabelled(windows));
    }
  }

  /** Every augmentation option in one value; the message of a bad one says which option to fix. */
  private ViewAugmentation augmentation(Recipe chosen) {
    double alpha = mixup != null ? mixup : chosen == Recipe.SUPERVISED || fmix > 0 ? 0.0 : 0.3;
    ViewAugmentation.MixupDomain domain = switch (mixupDomain.trim().toLowerCase(Locale.ROOT)) {
      case "features" -> ViewAugmentation.MixupDomain.FEATURES;
      case "waveform" -> ViewAugmentation.MixupDomain.WAVEFORM;
      default -> throw new IllegalArgumentException("--mixup-domain " + mixupDomain + ": use features or waveform");
    };
    if (timeShiftMs < 0 || gainDb < 0 || fmix < 0) {
      throw new IllegalArgumentException("--time-shift-ms, --gain-db and --fmix must be >= 0 (0 turns each off)");
    }
    double[] band = bandLimit == null ? null : pair("--band-limit", bandLimit);
    double[] rt60 = reverbRt60 == null ? null : pair("--reverb-rt60", reverbRt60);
    double[] time = timeMasks == null ? null : pair("--time-masks", timeMasks);
    double[] frequency = freqMasks == null ? null : pair("--freq-masks", freqMasks);
    return new ViewAugmentation(
        timeShiftMs > 0 ? new TimeShift((int) Math.round(sampleRate * timeShiftMs / 1000), true) : null,
        gainDb > 0 ? new Gain(-gainDb, gainDb) : null,
        band != null ? new BandLimit(sampleRate, band[0], band[1], 101) : null,
        rt60 != null ? new Reverb(sampleRate, rt60[0], rt60[1]) : null,
        alpha, domain,
        fmix > 0 ? new FMix(fmix, 3, 8) : null,
        freqMixStyle > 0 ? new FreqMixStyle(freqMixStyle, 0.3, 1e-6) : null,
        time != null ? new TimeMask((int) time[0], (int) time[1], 0f) : null,
        frequency != null ? new FrequencyMask((int) frequency[0], (int) frequency[1], 0f) : null);
  }

  private static double[] pair(String option, String text) {
    String[] parts = text.split(":");
    try {
      if (parts.length == 2) {
        return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // the message below says what to give
    }
    throw new IllegalArgumentException(option + " " + text + ": give two numbers as A:B, e.g. " + option + " "
        + (option.equals("--band-limit") ? "2000:7000" : option.equals("--reverb-rt60") ? "0.2:0.8" : "2:20"));
  }

  private List<ModelBundle> readBundles() throws IOException {
    List<ModelBundle> out = new ArrayList<>();
    for (Path p : teacherBundles == null ? List.<Path>of() : teacherBundles) {
      out.add(ModelBundle.read(p));
    }
    return out;
  }

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
