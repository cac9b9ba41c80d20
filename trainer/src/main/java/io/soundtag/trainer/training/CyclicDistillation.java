package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.augment.AugmentationSeed;
import io.soundtag.trainer.augment.ViewAugmentation;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.ScorePooling;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.distill.KlDivergenceLoss;
import io.soundtag.trainer.evaluation.Metrics;
import io.soundtag.trainer.report.EpochRecord;
import io.soundtag.trainer.report.TrainingHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-representation knowledge distillation, Algorithm 1 of Gao, Xu, Wang &amp; Peng,
 * "Multi-Representation Knowledge Distillation for Audio Classification", with consistent teaching
 * from "CED: Consistent ensemble distillation for audio tagging" (section 2).
 *
 * <p>Γ branches, each a representation and a network, train together for Q cycles. A cycle is
 * <ol>
 *   <li><b>single-branch training</b>, b epochs: each branch minimises the cross-entropy with the
 *       labels, Eq. 1 (mean binary cross-entropy for multi-label tasks);
 *   <li><b>information fusion</b>: each branch's soft labels {@code p = softmax(g / T)}, Eq. 2
 *       (a per-class {@code σ(g / T)} for multi-label tasks), averaged over the branches into
 *       {@code P̄ = (1/Γ) Σ P_i}, Eq. 3;
 *   <li><b>distillation training</b>, d epochs: each branch minimises {@code L_d = L_ce + λ·L_kl},
 *       Eqs. 4–5, with {@code P̄} as the teacher ({@link DistillationLoss}); the divergence is
 *       {@link DistillationForm#PAPER} (Eq. 4 as printed: {@code KL(P ‖ P̄)}, no T²) or
 *       {@link DistillationForm#HINTON} ({@code T²·KL(P̄ ‖ P)}), as the plan says.
 * </ol>
 * Optional frozen teachers (larger networks trained before, never updated) add their soft labels
 * to the average of step 2: {@code P̄ = (1/(Γ+F)) (Σ P_i + Σ P_teacher)}.
 *
 * <p>Where this deviates from the paper, on purpose: the learning rate follows one cosine
 * schedule over all steps of the run (the paper updates it once per cycle, Algorithm 1 line 17);
 * the soft labels of step 2 are computed anew for every distillation epoch, on that epoch's
 * augmented views, not once per cycle on the plain training set (consistent teaching, below);
 * λ may differ from the paper's 1; every epoch uses the plan's augmentation (the paper uses
 * mixup, section IV-B); frozen teachers are not in the paper.
 *
 * <p><b>Consistent teaching</b> (CED): the soft labels of step 2 are computed for exactly the
 * augmented inputs the branches then see in step 3. The view of training window {@code i} in
 * epoch {@code e} is a pure function of its 32-bit seed {@code (int) AugmentationSeed.of(seed, e, i)}
 * (partner, λ, shift, gain, band limit, reverberation, FMix mask, masks; see
 * {@link io.soundtag.trainer.augment.ViewAugmentation}), so the teacher pass and the student pass
 * regenerate the same view in every representation. Only the seed is kept, not the augmented
 * input; the aggregated soft labels of a phase are kept (and checkpointed) per window.
 *
 * <p>With {@code d = 0} this is plain supervised training of each branch on its own, which is
 * also the "trained independently" baseline of the paper's tables.
 *
 * <p>After every epoch a {@link Checkpoint} is written when a {@link CheckpointStore} is given;
 * {@link #run} continues from the newest one, so a killed run resumes from its next epoch.
 */
public final class CyclicDistillation {

  private static final Logger LOG = LoggerFactory.getLogger(CyclicDistillation.class);
  private static final int INFERENCE_BATCH = 64;

  private final Device device;
  private final int stopAfterEpoch;
  private final Map<String, WarmStart> warmStarts;
  private final CoarseHead coarse;

  public CyclicDistillation(Device device) {
    this(device, Integer.MAX_VALUE);
  }

  /** As {@link #CyclicDistillation(Device, int)}, with no warm start. */
  public CyclicDistillation(Device device, int stopAfterEpoch) {
    this(device, stopAfterEpoch, List.of());
  }

  /**
   * @param stopAfterEpoch after checkpointing this epoch, stop with {@link TrainingStopped} (a
   *     time-sliced session; the next run resumes from the checkpoint)
   * @param warmStarts branches that start from given parameters (e.g. the served model's student)
   *     instead of a random initialisation
   */
  public CyclicDistillation(Device device, int stopAfterEpoch, List<WarmStart> warmStarts) {
    this(device, stopAfterEpoch, warmStarts, null);
  }

  /**
   * As above, every branch training a {@link CoarseHead} beside its fine classifier: each step's
   * loss gains {@code β·L_coarse} on the coarse targets of its fine targets; the distillation term
   * stays on the fine logits. Null for none.
   */
  public CyclicDistillation(Device device, int stopAfterEpoch, List<WarmStart> warmStarts, CoarseHead coarse) {
    this.device = device;
    this.stopAfterEpoch = stopAfterEpoch;
    this.warmStarts = new LinkedHashMap<>();
    warmStarts.forEach(w -> this.warmStarts.put(w.branch(), w));
    this.coarse = coarse;
  }

  /** A trained branch: its spec, the normalisation its features used and its parameters. */
  public record TrainedBranch(BranchSpec spec, Normalisation normalisation, byte[] parameters) {}

  /**
   * The trained branches, in the order given.
   *
   * @param coarseHeadAccuracy branch name → top-1 accuracy of its coarse head on the validation
   *     windows that have a coarse target; empty without a coarse head
   */
  public record Trained(List<TrainedBranch> branches, Map<String, Double> coarseHeadAccuracy) {

    public Trained {
      branches = List.copyOf(branches);
      coarseHeadAccuracy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(coarseHeadAccuracy));
    }

    /** Without a coarse head. */
    public Trained(List<TrainedBranch> branches) {
      this(branches, Map.of());
    }
  }

  /**
   * What to train on.
   *
   * @param task single- or multi-label
   * @param classes number of classes
   * @param features the cached features of every representation
   * @param trainTargets target of each training window, in the cache's window order
   * @param validation the validation windows (cache order) with their clips, for per-clip metrics
   * @param frozenTeachers trained networks whose soft labels join the average of Eq. 3, never
   *     updated (empty for the paper's algorithm)
   */
  public record Data(TaskType task, int classes, FeatureCache features, List<float[]> trainTargets, ClipWindows validation,
      List<TrainedBranch> frozenTeachers) {

    public Data {
      frozenTeachers = List.copyOf(frozenTeachers);
    }

    /** Without frozen teachers. */
    public Data(TaskType task, int classes, FeatureCache features, List<float[]> trainTargets, ClipWindows validation) {
      this(task, classes, features, trainTargets, validation, List.of());
    }

    /** The views of every cached training window; windows past the targets are label-free. */
    AugmentedViews views(ViewAugmentation augmentation) {
      List<float[]> windows = features.trainWindows();
      List<float[]> targets = new ArrayList<>(trainTargets);
      while (targets.size() < windows.size()) {
        targets.add(new float[classes]);
      }
      return new AugmentedViews(augmentation, windows, targets, trainTargets.size());
    }
  }

  /** The run's learning rate by update number: cosine from {@code learningRate} down to 1 % of it over {@code updates}. */
  public static Tracker schedule(double learningRate, int updates) {
    return CosineTracker.builder().setBaseValue((float) learningRate).optFinalValue((float) learningRate / 100f)
        .setMaxUpdates(Math.max(1, updates)).build();
  }

  /** Optimiser steps one branch takes per epoch. */
  public static int stepsPerEpoch(int trainWindows, int batchSize) {
    return (trainWindows + batchSize - 1) / batchSize;
  }

  /**
   * Trains {@code branches} on {@code data} by {@code plan}.
   *
   * @param runName prefixes the branch names in {@code history} (e.g. {@code "seed 1 distilled"})
   * @param history receives one record per branch and epoch
   * @param checkpoints where to save and resume from; null for neither
   * @param onStep called after every optimiser step with its loss (progress display)
   */
  public Trained run(String runName, DistillationPlan plan, List<BranchSpec> branches, Data data, TrainingHistory history,
      CheckpointStore checkpoints, DoubleConsumer onStep) {
    int n = data.trainTargets().size();
    int steps = stepsPerEpoch(n, plan.batchSize());
    String fingerprint = fingerprint(plan, branches, data);
    Checkpoint resumed = checkpoints == null ? null : checkpoints.latest().orElse(null);
    if (resumed != null && !resumed.fingerprint().equals(fingerprint)) {
      throw new IllegalStateException("the checkpoint in " + checkpoints.dir() + " is of another run (" + resumed.fingerprint()
          + "; this run is " + fingerprint + "); give another --report directory or delete that checkpoint");
    }
    int done = resumed == null ? 0 : resumed.completedEpochs();
    Map<String, List<EpochRecord>> records = new LinkedHashMap<>();
    if (resumed != null) {
      resumed.history().forEach((k, v) -> records.put(k, new ArrayList<>(v)));
      LOG.info("{}: resuming after epoch {} of {}", runName, done, plan.totalEpochs());
    }
    // One cosine schedule over all steps of the run; a resumed run continues where it stopped.
    Tracker cosine = schedule(plan.learningRate(), steps * plan.totalEpochs());
    int offset = done * steps;
    Tracker schedule = update -> cosine.getNewValue(update + offset);

    List<BranchModel> models = new ArrayList<>();
    List<BranchFeatures> features = new ArrayList<>();
    List<FrozenTeacher> frozen = new ArrayList<>();
    try {
      for (int b = 0; b < branches.size(); b++) {
        BranchSpec spec = branches.get(b);
        BranchFeatures f = data.features().features(spec.features());
        features.add(f);
        BranchModel m = new BranchModel(spec, data.classes(), f.train().shape(), device, schedule, (int) (plan.seed() * 31 + b),
            coarse);
        if (resumed != null) {
          m.load(resumed.parameters().get(spec.name()));
        } else if (warmStarts.containsKey(spec.name())) {
          int taken = m.warmStart(warmStarts.get(spec.name()));
          LOG.info("{} {}: warm start, {} parameters taken over from {}", runName, spec.name(), taken,
              warmStarts.get(spec.name()).identity());
        }
        models.add(m);
      }
      Map<Integer, float[][]> teacher = resumed == null ? new LinkedHashMap<>() : new LinkedHashMap<>(resumed.teacher());
      AugmentedViews views = data.views(plan.augmentation());
      for (TrainedBranch t : data.frozenTeachers()) {
        frozen.add(new FrozenTeacher(t, data.classes(), data.features().trainWindows().get(0).length, device));
      }
      for (int epoch = done + 1; epoch <= plan.totalEpochs(); epoch++) {
        boolean distill = plan.distills(epoch);
        if (plan.startsDistillation(epoch)) {
          teacher.clear();
          for (int e = epoch; e < epoch + plan.distillEpochs(); e++) {
            teacher.put(e, aggregatedSoftLabels(plan, models, features, frozen, data, e, views));
          }
        }
        float[][] epochTeacher = distill ? teacher.get(epoch) : null;
        int[] order = shuffled(n, new Random(AugmentationSeed.of(plan.seed(), epoch, -1)));
        for (int b = 0; b < models.size(); b++) {
          double loss = trainEpoch(plan, models.get(b), features.get(b), data, epoch, order, epochTeacher, views, onStep);
          EpochRecord record = validate(models.get(b), features.get(b), data, plan, epoch, loss, distill);
          records.computeIfAbsent(branches.get(b).name(), k -> new ArrayList<>()).add(record);
          LOG.info("{} {} epoch {}/{} ({}): loss {} validation accuracy {}", runName, branches.get(b).name(), epoch,
              plan.totalEpochs(), record.phase(), String.format("%.4f", loss), String.format("%.3f", record.validationAccuracy()));
        }
        teacher.remove(epoch);
        if (checkpoints != null) {
          Map<String, byte[]> params = new LinkedHashMap<>();
          models.forEach(m -> params.put(m.spec().name(), m.parameters()));
          checkpoints.save(new Checkpoint(fingerprint, epoch, plan.cycleOf(epoch), plan.seed(), records, params, teacher));
          if (epoch >= stopAfterEpoch && epoch < plan.totalEpochs()) {
            throw new TrainingStopped(epoch);
          }
        }
      }
      records.forEach((branch, list) -> list.forEach(r -> history.record(runName + " " + branch, r)));
      List<TrainedBranch> out = new ArrayList<>();
      Map<String, Double> coarseAccuracy = new LinkedHashMap<>();
      for (int b = 0; b < models.size(); b++) {
        out.add(new TrainedBranch(branches.get(b), features.get(b).normalisation(), models.get(b).parameters()));
        if (coarse != null && features.get(b).validation().size() > 0) {
          double top1 = coarseHeadAccuracy(models.get(b), features.get(b).validation(), data.validation().targets(), coarse);
          coarseAccuracy.put(branches.get(b).name(), top1);
          LOG.info("{} {}: coarse head top-1 on the validation windows {}", runName, branches.get(b).name(),
              String.format("%.3f", top1));
        }
      }
      return new Trained(out, coarseAccuracy);
    } finally {
      models.forEach(BranchModel::close);
      frozen.forEach(FrozenTeacher::close);
    }
  }

  private double trainEpoch(DistillationPlan plan, BranchModel model, BranchFeatures f, Data data, int epoch, int[] order,
      float[][] teacher, AugmentedViews views, DoubleConsumer onStep) {
    DistillationLoss loss = distillationLoss(plan, data.task());
    double sum = 0;
    int batches = 0;
    for (int start = 0; start < order.length; start += plan.batchSize()) {
      int end = Math.min(order.length, start + plan.batchSize());
      Batch batch = augmented(plan, f, views, epoch, order, start, end);
      float[] hard = flatten(batch.targets());
      float[] soft = teacher == null ? null : flatten(rows(teacher, order, start, end));
      int rows = end - start;
      float[] coarseHard = coarse == null ? null : coarse.flatTargets(batch.targets());
      double value = model.step(batch.inputs(), rows, (manager, logits) -> {
        NDArray targets = manager.create(hard, new Shape(rows, data.classes()));
        if (soft == null) {
          return loss.supervised(targets, logits); // Eq. 1
        }
        NDArray p = manager.create(soft, new Shape(rows, data.classes()));
        return loss.supervised(targets, logits).add(loss.kl().divergence(p, logits).mul(loss.lambda())); // Eq. 5
      }, coarse == null ? null : (manager, coarseLogits) ->
          coarse.weightedLoss(loss, manager.create(coarseHard, new Shape(rows, coarse.size())), coarseLogits));
      sum += value;
      batches++;
      onStep.accept(value);
    }
    return sum / Math.max(1, batches);
  }

  /**
   * Eqs. 2 and 3 for the augmented inputs of {@code epoch}: every branch's (and frozen teacher's)
   * soft labels at temperature T, averaged; row {@code i} is training window {@code i}.
   */
  static float[][] aggregatedSoftLabels(DistillationPlan plan, List<BranchModel> models, List<BranchFeatures> features,
      List<FrozenTeacher> frozen, Data data, int epoch, AugmentedViews views) {
    int n = data.trainTargets().size();
    int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    float[][] mean = new float[n][data.classes()];
    int voices = models.size() + frozen.size();
    for (int b = 0; b < voices; b++) {
      boolean branch = b < models.size();
      for (int start = 0; start < n; start += INFERENCE_BATCH) {
        int end = Math.min(n, start + INFERENCE_BATCH);
        float[][] logits;
        if (branch) {
          Batch batch = augmented(plan, features.get(b), views, epoch, identity, start, end);
          logits = models.get(b).logits(batch.inputs(), end - start);
        } else {
          logits = frozen.get(b - models.size()).logits(views, plan.seed(), epoch, identity, start, end);
        }
        for (int r = 0; r < logits.length; r++) {
          float[] p = softLabels(logits[r], (float) plan.temperature(), data.task()); // Eq. 2
          for (int c = 0; c < p.length; c++) {
            mean[start + r][c] += p[c] / voices; // Eq. 3
          }
        }
      }
    }
    return mean;
  }

  /** Eq. 2: {@code exp(g_j/T) / Σ_k exp(g_k/T)}; per class {@code σ(g_j/T)} for multi-label tasks. */
  static float[] softLabels(float[] logits, float temperature, TaskType task) {
    float[] p = new float[logits.length];
    if (task == TaskType.MULTI_LABEL) {
      for (int c = 0; c < p.length; c++) {
        p[c] = (float) (1 / (1 + Math.exp(-logits[c] / temperature)));
      }
      return p;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float g : logits) {
      max = Math.max(max, g / temperature);
    }
    double sum = 0;
    for (int c = 0; c < p.length; c++) {
      double e = Math.exp(logits[c] / temperature - max);
      p[c] = (float) e;
      sum += e;
    }
    for (int c = 0; c < p.length; c++) {
      p[c] /= (float) sum;
    }
    return p;
  }

  private record Batch(float[] inputs, float[][] targets) {}

  /**
   * Inputs and targets of windows {@code order[start..end)} as augmented in {@code epoch}: the view
   * of window {@code i} with seed {@code (int) AugmentationSeed.of(seed, epoch, i)}, identical for
   * every branch and for the teacher and student passes.
   */
  private static Batch augmented(DistillationPlan plan, BranchFeatures f, AugmentedViews views, int epoch, int[] order,
      int start, int end) {
    int size = f.train().shape().size();
    float[] inputs = new float[(end - start) * size];
    float[][] targets = new float[end - start][];
    IntStream.range(start, end).parallel().forEach(k -> {
      AugmentedViews.View v = views.view(f.config(), f.normalisation(), f.train(), order[k],
          AugmentedViews.seed(plan.seed(), epoch, order[k]));
      System.arraycopy(v.features(), 0, inputs, (k - start) * size, size);
      targets[k - start] = v.target();
    });
    return new Batch(inputs, targets);
  }

  /** Validation loss (Eq. 1 on windows) and per-clip accuracy and mAP@3 of one branch. */
  private static EpochRecord validate(BranchModel model, BranchFeatures f, Data data, DistillationPlan plan, int epoch,
      double trainLoss, boolean distilled) {
    return validate(model, f, data, epoch, trainLoss, plan.distillEpochs() == 0 ? "independent" : distilled ? "distillation" : "single-branch");
  }

  /** As above, for an epoch of {@code phase}. */
  static EpochRecord validate(BranchModel model, BranchFeatures f, Data data, int epoch, double trainLoss, String phase) {
    FeatureTable table = f.validation();
    if (table.size() == 0) {
      return new EpochRecord(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN, phase);
    }
    float[][] probabilities = probabilities(model, table, data.task());
    double lossSum = 0;
    for (int w = 0; w < probabilities.length; w++) {
      lossSum += supervisedLoss(probabilities[w], data.validation().targets().get(w), data.task());
    }
    float[][] clipScores = data.validation().clipScores(probabilities, ScorePooling.forTask(data.task()));
    float[][] clipTargets = data.validation().clipTargetMatrix();
    return new EpochRecord(epoch, trainLoss, lossSum / probabilities.length, Metrics.accuracy(clipScores, clipTargets),
        Metrics.mapAtK(clipScores, clipTargets, Metrics.MAP_K), phase);
  }

  /**
   * Top-1 accuracy of the coarse head: the share of windows with a positive coarse target whose
   * highest coarse logit is a group of the target; all-zero negatives have no top-1 and are left out.
   */
  static double coarseHeadAccuracy(BranchModel model, FeatureTable table, List<float[]> fineTargets, CoarseHead coarse) {
    int counted = 0;
    int correct = 0;
    for (int start = 0; start < table.size(); start += INFERENCE_BATCH) {
      int end = Math.min(table.size(), start + INFERENCE_BATCH);
      float[] inputs = table.batch(start, end);
      float[][] logits = model.coarseLogits(inputs, end - start);
      for (int r = 0; r < logits.length; r++) {
        float[] target = coarse.targets(fineTargets.get(start + r));
        int best = 0;
        float max = 0;
        for (int g = 0; g < target.length; g++) {
          max = Math.max(max, target[g]);
          if (logits[r][g] > logits[r][best]) {
            best = g;
          }
        }
        if (max > 0) {
          counted++;
          correct += target[best] > 0 ? 1 : 0;
        }
      }
    }
    return counted == 0 ? Double.NaN : (double) correct / counted;
  }

  /** Class probabilities (softmax, or sigmoid per class) of every row of {@code table}. */
  static float[][] probabilities(BranchModel model, FeatureTable table, TaskType task) {
    float[][] out = new float[table.size()][];
    for (int start = 0; start < table.size(); start += INFERENCE_BATCH) {
      int end = Math.min(table.size(), start + INFERENCE_BATCH);
      float[] inputs = table.batch(start, end);
      float[][] logits = model.logits(inputs, end - start);
      for (int r = 0; r < logits.length; r++) {
        out[start + r] = softLabels(logits[r], 1f, task);
      }
    }
    return out;
  }

  static double supervisedLoss(float[] p, float[] target, TaskType task) {
    double loss = 0;
    for (int c = 0; c < p.length; c++) {
      double q = Math.min(Math.max(p[c], 1e-7), 1 - 1e-7);
      loss -= task == TaskType.SINGLE_LABEL ? target[c] * Math.log(q) : target[c] * Math.log(q) + (1 - target[c]) * Math.log(1 - q);
    }
    return task == TaskType.SINGLE_LABEL ? loss : loss / p.length;
  }

  static DistillationLoss distillationLoss(DistillationPlan plan, TaskType task) {
    KlDivergenceLoss.Distribution distribution = task == TaskType.SINGLE_LABEL
        ? KlDivergenceLoss.Distribution.SOFTMAX : KlDivergenceLoss.Distribution.SIGMOID;
    return new DistillationLoss(plan.form().divergence((float) plan.temperature(), distribution), (float) plan.lambda());
  }

  private String fingerprint(DistillationPlan plan, List<BranchSpec> branches, Data data) {
    StringBuilder s = new StringBuilder(plan.toString()).append(" branches=");
    branches.forEach(b -> s.append(b.name()).append(b.network()).append(';'));
    data.frozenTeachers().forEach(t -> s.append(" teacher=").append(t.spec().name()).append(t.spec().network()));
    warmStarts.values().forEach(w -> s.append(" warm=").append(w.identity()));
    if (coarse != null) {
      s.append(" coarse=").append(coarse.weight()).append(coarse.groups());
    }
    return s.append(" windows=").append(data.trainTargets().size()).append(" classes=").append(data.classes()).toString();
  }

  static int[] shuffled(int n, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static float[][] rows(float[][] m, int[] order, int start, int end) {
    float[][] out = new float[end - start][];
    for (int k = start; k < end; k++) {
      out[k - start] = m[order[k]];
    }
    return out;
  }

  static float[] flatten(float[][] rows) {
    int c = rows[0].length;
    float[] out = new float[rows.length * c];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, out, r * c, c);
    }
    return out;
  }
}
