package io.soundtag.ops.train;

import io.soundtag.trainer.taxonomy.LeavePackagesOut;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.taxonomy.TaxonomyData;
import java.util.Arrays;
import java.util.Set;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.dataset.DatasetFormat;
import io.soundtag.trainer.dataset.HashSplit;
import io.soundtag.trainer.dataset.SplitRule;
import io.soundtag.trainer.job.TrainingData;
import io.soundtag.trainer.job.TrainingJob;
import io.soundtag.trainer.job.TrainingListener;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.job.TrainingResult;
import io.soundtag.trainer.recipe.Recipe;
import io.soundtag.trainer.report.ResultRow;
import io.soundtag.trainer.training.TrainingStopped;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag train}: trains a model (supervised, multi-representation distillation, or
 * ensemble distillation through a logit store) through {@link TrainingJob} and writes a bundle.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train a tagging model and write it as a model bundle, with a report.",
        "  supervised: each branch on the labels alone.",
        "  mrkd: multi-representation knowledge distillation over the --branches (Algorithm 1 of Gao, Xu, Wang, Peng,"
            + " \"Multi-Representation Knowledge Distillation for Audio Classification\"), with consistent teaching"
            + " (\"CED: Consistent ensemble distillation for audio tagging\"). Deviations from the paper: one cosine"
            + " learning-rate schedule over all steps (the paper steps it per cycle); soft labels recomputed for every"
            + " distillation epoch on its augmented views (the paper: once per cycle); --kd-form hinton (the default)"
            + " puts the teacher first in the KL and multiplies by T² (Hinton et al.), --kd-form paper is Eq. 4 as printed,"
            + " KL(P ‖ P̄) without T²; --lambda other than 1 and --teachers (frozen teachers inside the cycles) are not in"
            + " the paper.",
        "  ced: teachers (--teachers trained here, --teacher-bundles taken as they are) score --store-epochs augmented"
            + " views of every training window once into a logit store (seed, top-K float16 logits, int16 classes);"
            + " the --student then trains from the store with (1 − λ)·CE + λ·KD, λ = --lambda (1: label-free, as in CED)."
            + " Without teachers an existing --logit-store is reused and no teacher runs.",
        "  fusion: feature-fusion distillation (Sistla & Jain, \"Intermediate Feature Fusion Based Knowledge Distillation for"
            + " Urban Sound Tagging\"): every --branches network pre-trained alone for --pretrain-epochs, then all fine-tuned"
            + " together for --fusion-epochs with a fusion module over their pooled last feature maps, L = Σ CE + λ·Σ MSE(branch"
            + " logits, fusion logits), λ = --fusion-lambda with the paper's ramp-up e^(−5(1−i)²). Serving: --student picks the"
            + " branch the bundle serves, --keep-branches keeps every branch (ensemble serving averages them); the fusion"
            + " module itself is scored in the report (row 'fusion module') but is not put in the bundle. Deviations: MSE on"
            + " the logits with the fusion side held fixed, one Adam with a cosine schedule (the paper: AMSGrad, plateau decay).",
        "Augmentation, every step a pure function of the view's seed so that teachers score exactly the student's view:"
            + " --time-shift-ms, --gain-db, --band-limit, --reverb-rt60, --mixup/--mixup-domain or --fmix,"
            + " --freq-mixstyle, --time-masks, --freq-masks.",
        "  --recipe-file FILE reads every training setting from a JSON recipe; options given as well override it."})
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--recipe", defaultValue = "supervised", description = "supervised, mrkd, ced or fusion (default: ${DEFAULT-VALUE}).")
  String recipe;

  @Option(names = "--recipe-file", paramLabel = "FILE",
      description = "A JSON recipe (branches, student, audio, epochs, distillation, augmentation, schedule, crops, seed; "
          + "see trainer/README.md); fields it leaves out take the built-in recipe's values.")
  Path recipeFile;

  @Option(names = "--data", required = true, paramLabel = "DIR|simulated",
      description = "A dataset directory, or 'simulated' for windows from the procedural urban sound generator;"
          + " with --taxonomy, folder-per-class directories of real recordings, comma-separated (test clips come from the first).")
  String data;

  @Option(names = "--taxonomy", paramLabel = "FILE|builtin",
      description = "Train on a taxonomy (fine classes in coarse groups, the dataset and simulated labels of each, the"
          + " negatives): the --data folders and --simulated-scenes mapped onto it, multi-label, negatives as all-zero"
          + " targets, split by source package, thresholds calibrated to --false-alarm-target. 'builtin' is the shipped"
          + " real-audio model's (trainer/src/main/resources/io/soundtag/trainer/taxonomy/real-sounds.json).")
  Path taxonomy;

  @Option(names = "--folds", defaultValue = "5",
      description = "With --taxonomy: package folds of the leave-packages-out split (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--test-fold", defaultValue = "0",
      description = "With --taxonomy: the fold of source packages measured on, never trained on; 0 for none (default: ${DEFAULT-VALUE}).")
  int testFold;

  @Option(names = "--validation-fold", defaultValue = "0",
      description = "With --taxonomy: the fold the thresholds are calibrated on (default: the fold after --test-fold, or the last).")
  int validationFold;

  @Option(names = "--hold-out", split = ",", paramLabel = "LABEL,…",
      description = "With --taxonomy: negative labels never trained or calibrated on, to measure false alarms on sounds never heard.")
  List<String> holdOut;

  @Option(names = "--simulated-scenes", defaultValue = "0",
      description = "With --taxonomy: simulated scenes of --scene-seconds that train as well, their classes mapped by the taxonomy"
          + " (default: ${DEFAULT-VALUE}).")
  int simulatedScenes;

  @Option(names = "--quiet-windows", defaultValue = "0",
      description = "With --taxonomy: windows of near-silence and quiet ambience (−80 to −40 dBFS noise) that train as negatives"
          + " (default: ${DEFAULT-VALUE}).")
  int quietWindows;

  @Option(names = "--false-alarm-target", defaultValue = "0.05",
      description = "With --taxonomy: at most this share of the held-out negative clips may raise a tag at the calibrated"
          + " thresholds (default: ${DEFAULT-VALUE}).")
  double falseAlarmTarget;

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

  @Option(names = "--classes", split = ",", paramLabel = "CLASS,…",
      description = "With --data simulated: train on these simulated classes only (default: all ten); the windows keep every sound,"
          + " so the others are background, e.g. a starter model that labels then teach the rest.")
  List<String> classes;

  @Option(names = "--epochs", defaultValue = "12", description = "supervised: epochs per branch; ced: the student's epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--cycles", defaultValue = "6", description = "mrkd: cycles Q (default: ${DEFAULT-VALUE}).")
  int cycles;

  @Option(names = "--single-epochs", defaultValue = "1", description = "mrkd: single-branch epochs b per cycle (default: ${DEFAULT-VALUE}).")
  int singleEpochs;

  @Option(names = "--distill-epochs", defaultValue = "1", description = "mrkd: distillation epochs d per cycle (default: ${DEFAULT-VALUE}).")
  int distillEpochs;

  @Option(names = "--temperature", defaultValue = "2",
      description = "mrkd: soft-label temperature T, Eq. 2; ced: temperature of the stored teacher logits and the student (default: ${DEFAULT-VALUE}).")
  double temperature;

  @Option(names = "--lambda", defaultValue = "1",
      description = "mrkd: weight of the KL term, Eq. 5 (the paper's is 1); ced: λ in (1 − λ)·CE + λ·KD, 0..1, 1 label-free (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(names = "--coarse-weight", defaultValue = "0", paramLabel = "B",
      description = "supervised and mrkd with a taxonomy: train a coarse head (one logit per coarse group, from the pooled"
          + " embedding the fine classifier reads) beside the fine one, L = L_fine + B·L_coarse on coarse targets taken from"
          + " the fine ones (Bai et al., \"Hierarchical Acoustic Scene Classification with Knowledge Distillation and"
          + " Pre-trained Dynamic Networks\"); the bundle serves the fine head only. 0 trains none (default: ${DEFAULT-VALUE}).")
  double coarseWeight;

  @Option(names = "--kd-form", defaultValue = "hinton",
      description = "mrkd: hinton = CE + λ·T²·KL(P̄ ‖ P); paper = Eq. 4–5 as printed, CE + λ·KL(P ‖ P̄), no T² (default: ${DEFAULT-VALUE}).")
  String kdForm;

  @Option(names = "--pretrain-epochs", defaultValue = "8", description = "fusion: supervised epochs of each branch before fusion (default: ${DEFAULT-VALUE}).")
  int pretrainEpochs;

  @Option(names = "--fusion-epochs", defaultValue = "8", description = "fusion: joint fine-tuning epochs with the fusion module (default: ${DEFAULT-VALUE}).")
  int fusionEpochs;

  @Option(names = "--fusion-lambda", defaultValue = "0.01",
      description = "fusion: weight of the branch-to-fusion MSE after its ramp-up (the paper's 0.01) (default: ${DEFAULT-VALUE}).")
  double fusionLambda;

  @Option(names = "--teachers", paramLabel = "REP:ARCH,…",
      description = "Frozen teachers trained first on the labels (e.g. logmel:resnet,gammatone:vgg): ced distils them into its store, mrkd adds them to every cycle's average.")
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
      description = "ced: the logit store, written when there are teachers, else read and reused (default: REPORT/logits.bin).")
  Path logitStore;

  @Option(names = "--store-epochs", defaultValue = "8",
      description = "ced: augmented views stored per training window; a longer student run cycles through them (default: ${DEFAULT-VALUE}).")
  int storeEpochs;

  @Option(names = "--int8",
      description = "After training, fine-tune the served student with fake-quantised int8 weights (per output channel, after"
          + " batch-norm folding) and activations (per tensor) for --qat-epochs, and store it in int8; the results show it"
          + " next to its float32 self, and the bundle bytes of both.")
  boolean int8;

  @Option(names = "--qat-epochs", defaultValue = "2",
      description = "--int8: epochs of quantisation-aware fine-tuning (default: ${DEFAULT-VALUE}).")
  int qatEpochs;

  @Option(names = "--qat-lr", defaultValue = "0.0003",
      description = "--int8: peak Adam learning rate of the fine-tuning, cosine-decayed (default: ${DEFAULT-VALUE}).")
  double qatLearningRate;

  @Option(names = "--top-k", defaultValue = "0",
      description = "ced: logits kept per view, 1..classes; the others count as probability 0 (default: every class).")
  int topK;

  @Option(names = "--unlabelled", paramLabel = "DIR",
      description = "ced: a folder of WAV files (any rate) cut into label-free windows that only the teachers label.")
  Path unlabelled;

  @Option(names = "--mixup", description = "mixup Beta(α, α); 0 turns it off (default: 0 for supervised, 0.3 for mrkd and ced).")
  Double mixup;

  @Option(names = "--mixup-domain", defaultValue = "features",
      description = "Mix the standardised features of each representation, or the waveforms before them: features|waveform (default: ${DEFAULT-VALUE}).")
  String mixupDomain;

  @Option(names = "--fmix", defaultValue = "0", description = "FMix masks with Beta(α, α) shares on the features, instead of mixup; 0 off (default: ${DEFAULT-VALUE}).")
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
      description = "Reverberation by a synthetic room impulse response (decaying noise) of an RT60 drawn in LO..HI seconds.")
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
      description = "mrkd and ced: also train every branch (ced: the student) alone for the same epochs, for the independent vs. distilled table.")
  boolean compareIndependent;

  @Option(names = "--device", defaultValue = "auto", description = "auto (GPU when present), cpu or gpu (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--stop-after-epoch", hidden = true, defaultValue = "2147483647",
      description = "Stop after checkpointing this epoch (exit code 3); --resume continues.")
  int stopAfterEpoch;

  @Spec
  CommandSpec commandSpec;


  @Override
  public Integer call() throws Exception {
    if (report == null) {
      String name = out.getFileName().toString().replaceFirst("\\.bundle$", "");
      report = out.toAbsolutePath().resolveSibling(name + "-report");
    }
    TrainingRecipe chosen = recipe();
    PrintWriter err = commandSpec.commandLine().getErr();
    TrainingJob job = TrainingJob.builder()
        .setData(data())
        .optRecipe(chosen)
        .optModelName(modelName)
        .optWorkDir(report)
        .optResume(resume)
        .optDevice(DeviceChoice.parse(device).device())
        .optRepeats(repeats)
        .optCompareIndependent(compareIndependent)
        .optKeepBranches(keepBranches)
        .optStopAfterEpoch(stopAfterEpoch)
        .optUnlabelled(unlabelled)
        .optProvenance("command", "soundtag train --recipe " + chosen.method() + " --data " + data + " --branches "
            + String.join(",", chosen.branches()) + " --sample-rate " + chosen.audio().sampleRate() + " --fft-size "
            + chosen.audio().fftSize() + " --frame-hop-ms " + chosen.audio().frameHopMs()
            + (chosen.width() > 0 ? " --width " + chosen.width() : "") + (recipeFile != null ? " --recipe-file " + recipeFile : "")
            + (teachers != null ? " --teachers " + teachers : "")
            + (taxonomy != null ? " --taxonomy " + taxonomy + " --folds " + folds + " --test-fold " + testFold
                + (holdOut != null ? " --hold-out " + String.join(",", holdOut) : "") + " --simulated-scenes " + simulatedScenes
                + " --scene-seconds " + sceneSeconds + " --quiet-windows " + quietWindows + " --false-alarm-target " + falseAlarmTarget
                + " --epochs " + chosen.epochs() + " --crops " + chosen.crops() + " --seed " + chosen.seed() : ""))
        .build();
    TrainingResult result;
    try {
      result = job.run(TrainingListener.console(err));
    } catch (TrainingStopped stopped) {
      err.println(stopped.getMessage() + " (in " + report.resolve("checkpoints") + ")");
      return 3;
    }
    for (ResultRow r : result.outcome().results()) {
      err.printf(Locale.ROOT, "%-22s %-12s accuracy %.4f ± %.4f  mAP@3 %.4f ± %.4f  (%d seeds)%n", r.model(), r.training(),
          r.accuracyMean(), r.accuracySd(), r.mapAt3Mean(), r.mapAt3Sd(), r.accuracyPerSeed().size());
    }
    ModelBundle bundle = result.bundle();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    bundle.write(out);
    err.println("report: " + result.report());
    err.println("bundle bytes (first seed): " + result.outcome().bundleBytesSummary());
    err.flush();
    System.out.printf(Locale.ROOT, "wrote %s (%,d bytes%s): %s %s, %d classes, student %s, thresholds %s%n", out, Files.size(out),
        bundle.manifest().student().quantised() ? ", int8 student" : "", bundle.manifest().modelName(),
        bundle.manifest().version(), bundle.manifest().classes().size(), bundle.manifest().studentBranch(), bundle.manifest().thresholds());
    return 0;
  }

  /**
   * The recipe: the file's (or the built-in one's) with the options laid over it. Without a file every
   * option counts, defaults included, so {@code soundtag train} alone means what its options say;
   * with a file only the options given on the command line override it.
   */
  private TrainingRecipe recipe() {
    boolean fromFile = recipeFile != null;
    TrainingRecipe base = fromFile ? TrainingRecipe.read(recipeFile) : TrainingRecipe.defaults();
    CommandLine.ParseResult given = commandSpec.commandLine().getParseResult();
    Map<String, Object> values = new LinkedHashMap<>();
    BiConsumer<String, Object[]> put = (option, pathAndValue) -> {
      if (!fromFile || given.hasMatchedOption(option)) {
        values.put((String) pathAndValue[0], pathAndValue[1]);
      }
    };
    String method = Recipe.fromCliName(recipe).cliName();
    put.accept("--recipe", new Object[] {"method", method});
    put.accept("--width", new Object[] {"width", width});
    put.accept("--sample-rate", new Object[] {"audio.sampleRate", sampleRate});
    put.accept("--fft-size", new Object[] {"audio.fftSize", fftSize});
    put.accept("--frame-hop-ms", new Object[] {"audio.frameHopMs", frameHopMs});
    put.accept("--window-ms", new Object[] {"audio.windowMs", windowMs});
    put.accept("--hop-ms", new Object[] {"audio.hopMs", hopMs});
    put.accept("--epochs", new Object[] {"epochs", epochs});
    put.accept("--cycles", new Object[] {"distillation.cycles", cycles});
    put.accept("--single-epochs", new Object[] {"distillation.singleEpochs", singleEpochs});
    put.accept("--distill-epochs", new Object[] {"distillation.distillEpochs", distillEpochs});
    put.accept("--temperature", new Object[] {"distillation.temperature", temperature});
    put.accept("--lambda", new Object[] {"distillation.lambda", lambda});
    put.accept("--kd-form", new Object[] {"distillation.form", kdForm});
    put.accept("--coarse-weight", new Object[] {"coarseWeight", coarseWeight});
    put.accept("--mixup-domain", new Object[] {"augmentation.mixupDomain", mixupDomain});
    put.accept("--fmix", new Object[] {"augmentation.fmix", fmix});
    put.accept("--freq-mixstyle", new Object[] {"augmentation.freqMixStyle", freqMixStyle});
    put.accept("--time-shift-ms", new Object[] {"augmentation.timeShiftMs", timeShiftMs});
    put.accept("--gain-db", new Object[] {"augmentation.gainDb", gainDb});
    put.accept("--band-limit", new Object[] {"augmentation.bandLimitHz", pair("--band-limit", bandLimit, false)});
    put.accept("--reverb-rt60", new Object[] {"augmentation.reverbRt60", pair("--reverb-rt60", reverbRt60, false)});
    put.accept("--time-masks", new Object[] {"augmentation.timeMasks", pair("--time-masks", timeMasks, true)});
    put.accept("--freq-masks", new Object[] {"augmentation.freqMasks", pair("--freq-masks", freqMasks, true)});
    put.accept("--pretrain-epochs", new Object[] {"fusion.pretrainEpochs", pretrainEpochs});
    put.accept("--fusion-epochs", new Object[] {"fusion.epochs", fusionEpochs});
    put.accept("--fusion-lambda", new Object[] {"fusion.lambda", fusionLambda});
    put.accept("--teacher-epochs", new Object[] {"teachers.epochs", teacherEpochs});
    put.accept("--teacher-width", new Object[] {"teachers.width", teacherWidth});
    put.accept("--teachers", new Object[] {"teachers.branches", teachers == null ? List.of() : List.of(teachers.split(","))});
    put.accept("--teacher-bundles", new Object[] {"teachers.bundles",
        teacherBundles == null ? List.of() : teacherBundles.stream().map(Path::toString).toList()});
    put.accept("--logit-store", new Object[] {"store.file", logitStore == null ? null : logitStore.toString()});
    put.accept("--store-epochs", new Object[] {"store.epochs", storeEpochs});
    put.accept("--top-k", new Object[] {"store.topK", topK});
    put.accept("--int8", new Object[] {"quantise.bits", int8 ? 8 : 0});
    put.accept("--qat-epochs", new Object[] {"quantise.epochs", qatEpochs});
    put.accept("--qat-lr", new Object[] {"quantise.learningRate", qatLearningRate});
    put.accept("--batch-size", new Object[] {"schedule.batchSize", batchSize});
    put.accept("--lr", new Object[] {"schedule.learningRate", learningRate});
    put.accept("--crops", new Object[] {"crops", crops});
    put.accept("--seed", new Object[] {"seed", seed});
    if (!fromFile || mixup != null) {
      values.put("augmentation.mixup", mixup != null ? mixup : method.equals("supervised") || fmix > 0 ? 0.0 : 0.3);
    }
    if (method.equals("ced") && branches != null) {
      throw new IllegalArgumentException("ced trains one --student from its --teachers; --branches is for supervised and mrkd");
    }
    if (branches != null || !fromFile) {
      String text = branches != null ? branches : method.equals("supervised") ? "logmel:" + architecture
          : method.equals("ced") ? (student != null ? student : "logmel:" + architecture)
          : method.equals("fusion") ? "logmel:cpmobile,gammatone:cpmobile" : "logmel:cpmobile,mfcc:cpmobile";
      values.put("branches", List.of(text.split(",")));
      values.put("student", null);
    }
    if (student != null) {
      values.put("student", student);
    }
    return base.with(values);
  }

  /** {@code A:B} as a two-element list for the recipe (integers when asked), or null when not given. */
  private static List<? extends Number> pair(String option, String text, boolean integers) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(":");
    try {
      if (parts.length == 2) {
        return integers ? List.of(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()))
            : List.of(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
      }
    } catch (NumberFormatException e) {
      // the message below says what to give
    }
    throw new IllegalArgumentException(option + " " + text + ": give two " + (integers ? "whole numbers" : "numbers") + " as A:B, e.g. "
        + option + " " + (option.equals("--band-limit") ? "2000:7000" : option.equals("--reverb-rt60") ? "0.2:0.8" : "2:20"));
  }

  private TrainingData data() {
    if (taxonomy != null) {
      List<Path> dirs = Arrays.stream(data.split(",")).map(String::trim).filter(d -> !d.isEmpty()).map(Path::of).toList();
      LeavePackagesOut split = validationFold > 0 ? new LeavePackagesOut(folds, testFold, validationFold)
          : LeavePackagesOut.of(folds, testFold);
      return TrainingData.taxonomy(new TaxonomyData(Taxonomy.read(taxonomy), dirs, policy(), split,
          holdOut == null ? Set.of() : Set.copyOf(holdOut), simulatedScenes, sceneSeconds, quietWindows), falseAlarmTarget);
    }
    if (holdOut != null || simulatedScenes > 0 || quietWindows > 0 || testFold > 0) {
      throw new IllegalArgumentException("--hold-out, --simulated-scenes, --quiet-windows and --test-fold need --taxonomy");
    }
    if (data.equals("simulated")) {
      return classes == null ? TrainingData.simulated(scenes, sceneSeconds) : TrainingData.simulated(scenes, sceneSeconds, classes);
    }
    if (classes != null) {
      throw new IllegalArgumentException("--classes chooses among the simulated classes; use it with --data simulated");
    }
    BadRowPolicy policy = policy();
    SplitRule split = validationPercent >= 0 || testPercent >= 0
        ? new HashSplit(Math.max(0, validationPercent), Math.max(0, testPercent)) : null;
    return TrainingData.dataset(Path.of(data), DatasetFormat.fromCliName(format), policy, split);
  }

  private BadRowPolicy policy() {
    return switch (badRows.trim().toLowerCase(Locale.ROOT)) {
      case "skip" -> BadRowPolicy.SKIP;
      case "fail" -> BadRowPolicy.FAIL;
      default -> throw new IllegalArgumentException("--bad-rows " + badRows + ": use skip or fail");
    };
  }
}
