package io.soundtag.trainer.recipe;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.nn.Complexity;
import io.soundtag.trainer.clips.ScorePooling;
import io.soundtag.trainer.evaluation.ClipEvaluation;
import io.soundtag.trainer.evaluation.EvaluationReport;
import io.soundtag.trainer.evaluation.Metrics;
import io.soundtag.trainer.logits.LogitStore;
import io.soundtag.trainer.report.ModelComplexity;
import io.soundtag.trainer.report.ResultRow;
import io.soundtag.trainer.report.TrainingHistory;
import io.soundtag.trainer.training.BranchSpec;
import io.soundtag.trainer.training.CheckpointStore;
import io.soundtag.trainer.training.CoarseHead;
import io.soundtag.trainer.training.CyclicDistillation;
import io.soundtag.trainer.training.DistillationPlan;
import io.soundtag.trainer.training.FeatureCache;
import io.soundtag.trainer.training.FeatureFusion;
import io.soundtag.trainer.training.QuantisationAwareTraining;
import io.soundtag.trainer.training.StoreDistillation;
import io.soundtag.trainer.training.ThresholdCalibration;
import io.soundtag.trainer.training.WarmStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a recipe over one or more seeds and measures what Gao et al.'s tables measure: each branch
 * trained independently (CE only, the same number of epochs) and distilled, and the ensemble of
 * the branches (scores averaged, as {@link ServingMode#ENSEMBLE} serves them), on the test clips.
 * Features are computed once per representation and shared by every seed and run. Every test
 * score goes through {@link ClipEvaluation}, the tagger's own inference code.
 */
public final class TrainingRun {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
  private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final Device device;
  private final int stopAfterEpoch;
  private final List<WarmStart> warmStarts;
  private final CoarseHead coarse;

  public TrainingRun(Device device) {
    this(device, Integer.MAX_VALUE, List.of());
  }

  /**
   * @param stopAfterEpoch stop each run after checkpointing this epoch (see {@link CyclicDistillation})
   * @param warmStarts branches of the recipe's run that start from given parameters; the
   *     independent baseline of {@code compareIndependent} always starts from scratch
   */
  public TrainingRun(Device device, int stopAfterEpoch, List<WarmStart> warmStarts) {
    this(device, stopAfterEpoch, warmStarts, null);
  }

  /**
   * As above, the recipe's branches training a coarse head beside their fine classifier (Bai et
   * al.); null for none. Only supervised and mrkd runs take one: teachers, the independent
   * baseline and the int8 fine-tuning train without it; {@link #run} refuses a coarse head with
   * another method.
   */
  public TrainingRun(Device device, int stopAfterEpoch, List<WarmStart> warmStarts, CoarseHead coarse) {
    this.device = device;
    this.stopAfterEpoch = stopAfterEpoch;
    this.warmStarts = List.copyOf(warmStarts);
    this.coarse = coarse;
  }

  /** Optimiser steps the whole run takes, for a progress bar (writing a logit store takes none). */
  public static long totalSteps(RunSpec spec, RunData data) {
    long labelledSteps = CyclicDistillation.stepsPerEpoch(data.train().size(), spec.plan().batchSize());
    long int8Steps = spec.quantisation() == null ? 0 : (long) spec.repeats() * spec.quantisation().epochs() * labelledSteps;
    return int8Steps + trainingSteps(spec, data, labelledSteps);
  }

  private static long trainingSteps(RunSpec spec, RunData data, long labelledSteps) {
    long teacherSteps = (long) spec.teachers().train().size() * spec.teachers().epochs() * labelledSteps;
    int runs = spec.recipe() != Recipe.SUPERVISED && spec.compareIndependent() ? 2 : 1;
    if (spec.recipe() == Recipe.CED) {
      long storeSteps = CyclicDistillation.stepsPerEpoch(data.train().size() + data.unlabelled().size(), spec.plan().batchSize());
      long independent = spec.compareIndependent() ? labelledSteps : 0;
      return teacherSteps + (long) spec.repeats() * spec.plan().totalEpochs() * (storeSteps + independent);
    }
    if (spec.recipe() == Recipe.FUSION) {
      long independent = spec.compareIndependent() ? (long) spec.branches().size() * spec.plan().totalEpochs() * labelledSteps : 0;
      return teacherSteps + (long) spec.repeats() * ((long) spec.branches().size() * spec.plan().singleEpochs() * labelledSteps
          + (long) spec.plan().distillEpochs() * labelledSteps + independent);
    }
    return teacherSteps + (long) spec.repeats() * runs * spec.branches().size() * spec.plan().totalEpochs() * labelledSteps;
  }

  /**
   * @param checkpoints directory for per-epoch checkpoints (one sub-directory per seed and run),
   *     or null; an existing checkpoint there is resumed
   * @param onStep called after every optimiser step with its loss
   */
  public RunOutcome run(RunSpec spec, RunData data, Path checkpoints, DoubleConsumer onStep) {
    if (!data.unlabelled().isEmpty() && spec.recipe() != Recipe.CED) {
      throw new IllegalArgumentException("unlabelled audio is taught by the teachers of --recipe ced only");
    }
    if (coarse != null && !spec.recipe().takesCoarseHead()) {
      throw new IllegalArgumentException(spec.recipe().coarseHeadRefusal());
    }
    List<float[]> trainWindows = new ArrayList<>(data.train().windows());
    trainWindows.addAll(data.unlabelled());
    FeatureCache cache = new FeatureCache(trainWindows, data.validation().windows());
    CyclicDistillation.Data plain = new CyclicDistillation.Data(spec.task(), spec.classes().size(), cache,
        data.train().targets(), data.validation());
    TrainingHistory history = new TrainingHistory();
    Map<String, List<double[]>> table = new LinkedHashMap<>();
    List<CyclicDistillation.TrainedBranch> teachers = teachers(spec, plain, history, checkpoints, onStep);
    if (!teachers.isEmpty()) {
      ModelBundle ensemble = bundle(spec, new CyclicDistillation.Trained(teachers), null, data, spec.plan().seed(), "teacher");
      score(spec, ensemble, data, "teacher", table);
    }
    CyclicDistillation.Data trainingData = spec.recipe() == Recipe.MRKD
        ? new CyclicDistillation.Data(spec.task(), spec.classes().size(), cache, data.train().targets(), data.validation(), teachers)
        : plain;
    LogitStore logits = spec.recipe() == Recipe.CED ? logitStore(spec, teachers, plain) : null;
    ModelBundle firstBundle = null;
    EvaluationReport firstEvaluation = null;
    EvaluationReport firstFloat32 = null;
    Map<String, Double> coarseHeadAccuracy = Map.of();
    Map<String, Long> bundleBytes = new LinkedHashMap<>();
    for (int r = 0; r < spec.repeats(); r++) {
      long seed = spec.plan().seed() + r;
      DistillationPlan plan = spec.plan().withSeed(seed);
      if (spec.recipe() != Recipe.SUPERVISED && spec.compareIndependent()) {
        DistillationPlan alone = DistillationPlan.supervised(plan.totalEpochs(), plan.augmentation(), plan.batchSize(),
            plan.learningRate(), seed);
        CyclicDistillation.Trained independent = new CyclicDistillation(device, stopAfterEpoch).run("seed " + seed + " independent", alone,
            spec.branches(), plain, history, store(checkpoints, seed, "independent"), onStep);
        ModelBundle b = bundle(spec, independent, null, data, seed, "independent");
        score(spec, b, data, "independent", table);
      }
      String label = switch (spec.recipe()) {
        case SUPERVISED -> "independent";
        case MRKD -> "distilled";
        case CED -> "from store";
        case FUSION -> "fused";
      };
      CyclicDistillation.Trained trained;
      if (spec.recipe() == Recipe.CED) {
        trained = new CyclicDistillation.Trained(List.of(new StoreDistillation(device, warmStarts).train("seed " + seed + " " + label,
            plan, spec.branches().get(0), plain, logits, history, onStep)));
      } else if (spec.recipe() == Recipe.FUSION) {
        trained = fused(spec, plan, seed, plain, data, history, checkpoints, table, onStep);
      } else {
        trained = new CyclicDistillation(device, stopAfterEpoch, warmStarts, coarse).run("seed " + seed + " " + label, plan,
            spec.branches(), trainingData, history, store(checkpoints, seed, spec.recipe().cliName()), onStep);
      }
      ModelBundle b = bundle(spec, trained, null, data, seed, label);
      EvaluationReport float32 = score(spec, b, data, label, table);
      EvaluationReport student = float32;
      ModelBundle served = b;
      if (spec.quantisation() != null) {
        String int8Label = label + ", int8";
        CyclicDistillation.TrainedBranch floatStudent = trained.branches().stream()
            .filter(t -> t.spec().name().equals(b.manifest().studentBranch())).findFirst().orElseThrow();
        QuantisationAwareTraining.Int8Branch int8 = new QuantisationAwareTraining(device).train("seed " + seed + " " + int8Label,
            floatStudent, plain, plan, spec.quantisation(), history, onStep);
        served = bundle(spec, trained, int8, data, seed, int8Label);
        EvaluationReport quantised = score(spec, studentOnly(served), data, int8Label, table);
        LOG.info("seed {} {}: float32 accuracy {} mAP@3 {}, int8 accuracy {} mAP@3 {}; student bundle {} → {} bytes", seed,
            b.manifest().studentBranch(), fmt(student.accuracy()), fmt(student.mapAt3()), fmt(quantised.accuracy()),
            fmt(quantised.mapAt3()), studentOnly(b).toBytes().length, studentOnly(served).toBytes().length);
        if (r == 0) {
          bundleBytes.put("float32 student", (long) studentOnly(b).toBytes().length);
          bundleBytes.put("int8 student", (long) studentOnly(served).toBytes().length);
        }
        student = quantised;
      }
      if (r == 0) {
        firstBundle = spec.keepBranches() ? served : studentOnly(served);
        firstEvaluation = student;
        firstFloat32 = float32;
        coarseHeadAccuracy = trained.coarseHeadAccuracy();
      }
    }
    bundleBytes.put("bundle", (long) firstBundle.toBytes().length);
    List<ResultRow> rows = new ArrayList<>();
    table.forEach((key, values) -> {
      String[] parts = key.split("\\|");
      rows.add(new ResultRow(parts[0], parts[1], values.stream().map(v -> v[0]).toList(), values.stream().map(v -> v[1]).toList()));
    });
    List<BranchSpec> measured = new ArrayList<>(spec.branches());
    teachers.forEach(t -> measured.add(t.spec()));
    return new RunOutcome(firstBundle, firstEvaluation, firstFloat32, rows, history, complexity(spec, measured), bundleBytes,
        coarseHeadAccuracy);
  }

  /**
   * Feature fusion: the branches pre-trained alone for the plan's b epochs, then fine-tuned with
   * the fusion module for its d epochs; the fusion module's test scores join the table as {@code
   * fusion module}.
   */
  private CyclicDistillation.Trained fused(RunSpec spec, DistillationPlan plan, long seed, CyclicDistillation.Data plain, RunData data,
      TrainingHistory history, Path checkpoints, Map<String, List<double[]>> table, DoubleConsumer onStep) {
    DistillationPlan pretraining = DistillationPlan.supervised(plan.singleEpochs(), plan.augmentation(), plan.batchSize(),
        plan.learningRate(), seed);
    CyclicDistillation.Trained pretrained = new CyclicDistillation(device, stopAfterEpoch, warmStarts).run("seed " + seed
        + " pre-trained", pretraining, spec.branches(), plain, history, store(checkpoints, seed, "fusion-pretraining"), onStep);
    FeatureFusion.Fused fused = new FeatureFusion(device).train("seed " + seed + " fused", plan, plan.distillEpochs(), plan.lambda(),
        pretrained, plain, history, data.test().windows(), onStep);
    float[][] clip = data.test().clipScores(fused.fusionWindowScores(), ScorePooling.forTask(spec.task()));
    add(table, "fusion module", "fused", Metrics.evaluate(spec.classes(), clip, data.test().clipTargetMatrix()));
    return fused.branches();
  }

  /** Teachers trained here (supervised, the run's augmentation, the first seed) and from bundles. */
  private List<CyclicDistillation.TrainedBranch> teachers(RunSpec spec, CyclicDistillation.Data data, TrainingHistory history,
      Path checkpoints, DoubleConsumer onStep) {
    List<CyclicDistillation.TrainedBranch> out = new ArrayList<>();
    Teachers t = spec.teachers();
    if (!t.train().isEmpty()) {
      DistillationPlan plan = DistillationPlan.supervised(t.epochs(), spec.plan().augmentation(), spec.plan().batchSize(),
          spec.plan().learningRate(), spec.plan().seed());
      out.addAll(new CyclicDistillation(device, stopAfterEpoch).run("teachers", plan, t.train(), data, history,
          store(checkpoints, spec.plan().seed(), "teachers"), onStep).branches());
    }
    out.addAll(t.fromBundles(spec.classes(), spec.sampleRate(), spec.windowSamples()));
    // two bundles may both hold, say, logmel-cpmobile: number the later ones so every teacher has its own name
    List<CyclicDistillation.TrainedBranch> named = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (CyclicDistillation.TrainedBranch b : out) {
      String name = b.spec().name();
      for (int k = 2; !taken.add(name); k++) {
        name = b.spec().name() + "-" + k;
      }
      named.add(name.equals(b.spec().name()) ? b : new CyclicDistillation.TrainedBranch(
          new BranchSpec(name, b.spec().features(), b.spec().network()), b.normalisation(), b.parameters()));
    }
    return named;
  }

  /** The store: written from the teachers when there are any, else read from its file. */
  private LogitStore logitStore(RunSpec spec, List<CyclicDistillation.TrainedBranch> teachers, CyclicDistillation.Data data) {
    LogitStoreSettings s = spec.store();
    try {
      if (teachers.isEmpty()) {
        if (!Files.exists(s.file())) {
          throw new IllegalArgumentException("no teachers and no logit store at " + s.file()
              + ": give teachers (--teachers or --teacher-bundles) to write one, or the file of an earlier run");
        }
        LOG.info("reusing the logit store {} (teachers {}), no teacher runs", s.file(), LogitStore.read(s.file()).header().teachers());
        return LogitStore.read(s.file());
      }
      return new StoreDistillation(device).writeStore(s.file(), teachers, data, spec.plan().augmentation(), spec.plan().seed(),
          s.epochs(), s.topK(), () -> { });
    } catch (IOException e) {
      throw new UncheckedIOException("logit store " + s.file() + ": " + e.getMessage(), e);
    }
  }

  private CheckpointStore store(Path root, long seed, String run) {
    return root == null ? null : new CheckpointStore(root.resolve("seed-" + seed + "-" + run));
  }

  /**
   * Scores every branch and the ensemble on the test clips, adds them to the table and returns the
   * student's report.
   */
  private EvaluationReport score(RunSpec spec, ModelBundle bundle, RunData data, String training, Map<String, List<double[]>> table) {
    float[][] targets = data.test().clipTargetMatrix();
    ScorePooling pooling = ScorePooling.forTask(spec.task());
    float[][] ensemble = null;
    EvaluationReport student = null;
    List<BranchManifest> branches = bundle.manifest().branches();
    for (BranchManifest branch : branches) {
      ModelBundle alone = withStudent(bundle, branch.name());
      float[][] windowScores = ClipEvaluation.windowScores(alone, ServingMode.STUDENT, data.test().windows(), device);
      float[][] clip = data.test().clipScores(windowScores, pooling);
      EvaluationReport report = Metrics.evaluate(spec.classes(), clip, targets);
      add(table, branch.name(), training, report);
      if (branch.name().equals(spec.studentBranch())) {
        student = report;
      }
      // ServingMode.ENSEMBLE averages the branches' window scores; the same here, from the scores at hand
      if (ensemble == null) {
        ensemble = new float[windowScores.length][];
        for (int w = 0; w < windowScores.length; w++) {
          ensemble[w] = new float[windowScores[w].length];
        }
      }
      for (int w = 0; w < windowScores.length; w++) {
        for (int c = 0; c < windowScores[w].length; c++) {
          ensemble[w][c] += windowScores[w][c] / branches.size();
        }
      }
    }
    if (branches.size() > 1) {
      add(table, "ensemble", training, Metrics.evaluate(spec.classes(), data.test().clipScores(ensemble, pooling), targets));
    }
    LOG.info("{} {}: {}", training, spec.studentBranch(), student == null ? "" : student.summary().lines().findFirst().orElse(""));
    return student;
  }

  private static void add(Map<String, List<double[]>> table, String model, String training, EvaluationReport report) {
    table.computeIfAbsent(model + "|" + training, k -> new ArrayList<>()).add(new double[] {report.accuracy(), report.mapAt3()});
  }

  /**
   * A bundle of every trained branch, thresholds calibrated for the student on the validation
   * windows; {@code int8}, when given, replaces the float branch of its name.
   */
  private ModelBundle bundle(RunSpec spec, CyclicDistillation.Trained trained, QuantisationAwareTraining.Int8Branch int8,
      RunData data, long seed, String training) {
    String student = trained.branches().stream().anyMatch(t -> t.spec().name().equals(spec.studentBranch()))
        ? spec.studentBranch() : trained.branches().get(0).spec().name();
    List<BranchManifest> manifests = new ArrayList<>();
    Map<String, byte[]> parameters = new LinkedHashMap<>();
    String studentEntry = null;
    for (CyclicDistillation.TrainedBranch t : trained.branches()) {
      BranchManifest m;
      if (int8 != null && int8.spec().name().equals(t.spec().name())) {
        m = new BranchManifest(t.spec().name(), t.spec().features(), t.spec().network(), int8.normalisation(),
            "branches/" + t.spec().name() + ".int8", int8.quantisation());
        parameters.put(m.parametersEntry(), int8.entry());
      } else {
        m = new BranchManifest(t.spec().name(), t.spec().features(), t.spec().network(), t.normalisation(),
            "branches/" + t.spec().name() + ".params");
        parameters.put(m.parametersEntry(), t.parameters());
      }
      manifests.add(m);
      if (m.name().equals(student)) {
        studentEntry = m.parametersEntry();
      }
    }
    long now = System.currentTimeMillis();
    String version = VERSION_TIME.format(Instant.ofEpochMilli(now)) + "-"
        + ModelBundle.sha256(parameters.get(studentEntry)).substring(0, 8);
    Map<String, String> provenance = new HashMap<>(spec.provenance());
    provenance.put("recipe", spec.recipe().cliName());
    provenance.put("training", training);
    provenance.put("seed", String.valueOf(seed));
    provenance.put("plan", spec.plan().withSeed(seed).toString());
    List<Double> provisional = new ArrayList<>();
    spec.classes().forEach(c -> provisional.add(0.5));
    ModelBundle draft = new ModelBundle(manifest(spec, student, version, now, provisional, manifests, Map.of(), provenance), parameters);
    List<Double> thresholds = provisional;
    Map<String, Double> metrics = new HashMap<>();
    if (data.validation().size() > 0) {
      float[][] scores = ClipEvaluation.windowScores(draft, ServingMode.STUDENT, data.validation().windows(), device);
      thresholds = new ThresholdCalibration(0.5).calibrate(scores, data.validation().targets(), spec.classes().size());
      EvaluationReport v = Metrics.evaluate(spec.classes(),
          data.validation().clipScores(scores, ScorePooling.forTask(spec.task())), data.validation().clipTargetMatrix());
      metrics.put("validation_accuracy", v.accuracy());
      metrics.put("validation_map_at_3", v.mapAt3());
      metrics.put("validation_clips", (double) v.n());
    }
    metrics.values().removeIf(d -> !Double.isFinite(d));
    return new ModelBundle(manifest(spec, student, version, now, thresholds, manifests, metrics, provenance), parameters);
  }

  private static BundleManifest manifest(RunSpec spec, String student, String version, long now, List<Double> thresholds,
      List<BranchManifest> branches, Map<String, Double> metrics, Map<String, String> provenance) {
    return new BundleManifest(BundleManifest.FORMAT_VERSION, spec.modelName(), version, null, now, spec.task(), spec.classes(),
        thresholds, Map.of(), spec.sampleRate(), spec.windowSamples(), spec.hopSamples(), branches, student,
        metrics, provenance);
  }

  private static ModelBundle withStudent(ModelBundle bundle, String student) {
    BundleManifest m = bundle.manifest();
    BundleManifest changed = new BundleManifest(m.formatVersion(), m.modelName(), m.version(), m.parentVersion(),
        m.createdAtMillis(), m.task(), m.classes(), m.thresholds(), m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(),
        m.hopSamples(), m.branches(), student, m.metrics(), m.provenance());
    Map<String, byte[]> parameters = new LinkedHashMap<>();
    m.branches().forEach(b -> parameters.put(b.parametersEntry(), bundle.parameters(b)));
    return new ModelBundle(changed, parameters);
  }

  /** The bundle with only its student branch: what the tagger serves by default, at one network's cost. */
  static ModelBundle studentOnly(ModelBundle bundle) {
    BundleManifest m = bundle.manifest();
    BranchManifest s = m.student();
    BundleManifest changed = new BundleManifest(m.formatVersion(), m.modelName(), m.version(), m.parentVersion(),
        m.createdAtMillis(), m.task(), m.classes(), m.thresholds(), m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(),
        m.hopSamples(), List.of(s), s.name(), m.metrics(), m.provenance());
    return new ModelBundle(changed, Map.of(s.parametersEntry(), bundle.parameters(s)));
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  private static List<ModelComplexity> complexity(RunSpec spec, List<BranchSpec> branches) {
    List<ModelComplexity> out = new ArrayList<>();
    for (BranchSpec b : branches) {
      FeatureShape oneSecond = b.features().create().shape(spec.sampleRate());
      Complexity c = Complexity.of(b.network(), spec.classes().size(),
          new Shape(oneSecond.channels(), oneSecond.bins(), oneSecond.frames()));
      long perWindow = Math.round(c.macsPerSecond() * (double) spec.windowSamples() / spec.sampleRate());
      out.add(new ModelComplexity(b.name() + (b.name().equals(spec.studentBranch()) ? " (student)" : ""), c.parameters(), perWindow));
    }
    return out;
  }
}
