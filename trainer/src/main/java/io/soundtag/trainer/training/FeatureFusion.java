package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.nn.BranchNetwork;
import io.soundtag.core.nn.Networks;
import io.soundtag.trainer.augment.AugmentationSeed;
import io.soundtag.trainer.clips.ClipWindows;
import io.soundtag.trainer.clips.ScorePooling;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.evaluation.Metrics;
import io.soundtag.trainer.report.EpochRecord;
import io.soundtag.trainer.report.TrainingHistory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleConsumer;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feature-fusion knowledge distillation, after Sistla &amp; Jain, "Intermediate Feature Fusion Based
 * Knowledge Distillation for Urban Sound Tagging": branches pre-trained each on its own
 * representation (phase 1, done by the caller), then joined by a fusion module ({@link
 * FusionNetwork}) over their pooled last feature maps and fine-tuned together (phase 2) with
 * {@code L = Σ_k L_ce(branch k) + L_ce(fusion) + λ(i)·Σ_k MSE(z_k, z_fusion)}, Eqs. 2–4, z the final
 * activations (logits), λ(i) = λ·exp(−5(1 − i)²) the sigmoid ramp-up over the fine-tuning, i from
 * 0 to 1. Afterwards any branch serves alone, in its own format.
 *
 * <p>Where this deviates from the paper, on purpose: the MSE is taken on the logits with the
 * fusion module's side held fixed (knowledge flows from the fusion module to the branches, as the
 * paper says; the fusion module learns from the labels and, through the shared trunks, from every
 * branch's loss); one Adam with a cosine schedule instead of AMSGrad with plateau decay; every
 * epoch uses the plan's augmentation, the same view of a window in every representation.
 */
public final class FeatureFusion {

  private static final Logger LOG = LoggerFactory.getLogger(FeatureFusion.class);
  private static final int INFERENCE_BATCH = 64;

  private final Device device;

  public FeatureFusion(Device device) {
    this.device = device;
  }

  /** The fine-tuned branches, and the fusion module's clip scores on the windows it was asked to score. */
  public record Fused(CyclicDistillation.Trained branches, float[][] fusionWindowScores) {}

  /**
   * Phase 2: joint fine-tuning of {@code pretrained} for {@code epochs}.
   *
   * @param lambda the KD weight λ at the end of the ramp (the paper's is 0.01)
   * @param score windows the fusion module scores after training (e.g. the test windows), class
   *     probabilities per window
   */
  public Fused train(String runName, DistillationPlan plan, int epochs, double lambda, CyclicDistillation.Trained pretrained,
      CyclicDistillation.Data data, TrainingHistory history, List<float[]> score, DoubleConsumer onStep) {
    if (pretrained.branches().size() < 2) {
      throw new IllegalArgumentException("feature fusion needs at least two branches, got " + pretrained.branches().size());
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("feature fusion needs at least one fine-tuning epoch, got " + epochs);
    }
    List<CyclicDistillation.TrainedBranch> branches = pretrained.branches();
    List<BranchFeatures> features = new ArrayList<>();
    List<BranchNetwork> networks = new ArrayList<>();
    List<Shape> shapes = new ArrayList<>();
    for (CyclicDistillation.TrainedBranch b : branches) {
      BranchFeatures f = data.features().features(b.spec().features());
      features.add(f);
      networks.add(Networks.buildWithEmbedding(b.spec().network(), data.classes()));
      FeatureShape s = f.train().shape();
      shapes.add(new Shape(1, s.channels(), s.bins(), s.frames()));
    }
    int n = data.trainTargets().size();
    int steps = CyclicDistillation.stepsPerEpoch(n, plan.batchSize());
    long totalSteps = (long) steps * epochs;
    CosineTracker cosine = CosineTracker.builder().setBaseValue((float) plan.learningRate())
        .optFinalValue((float) plan.learningRate() / 100f).setMaxUpdates(Math.max(1, (int) totalSteps)).build();
    AugmentedViews views = data.views(plan.augmentation());
    DistillationLoss loss = CyclicDistillation.distillationLoss(plan, data.task());
    Engine.getInstance().setRandomSeed((int) (plan.seed() * 31 + 7));
    FusionNetwork fusion = new FusionNetwork(networks, data.classes(), shapes);
    try (Model model = Model.newInstance("fusion", device)) {
      model.setBlock(fusion);
      DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("unused"))
          .optOptimizer(Optimizer.adam().optLearningRateTracker(cosine).build()).optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(shapes.toArray(Shape[]::new));
        for (int b = 0; b < branches.size(); b++) {
          load(networks.get(b), branches.get(b), shapes.get(b), data.classes());
        }
        long step = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
          int[] order = CyclicDistillation.shuffled(n, new Random(AugmentationSeed.of(plan.seed(), 1_000 + epoch, -1)));
          double sum = 0;
          int batches = 0;
          for (int start = 0; start < n; start += plan.batchSize()) {
            int end = Math.min(n, start + plan.batchSize());
            int rows = end - start;
            float[][] inputs = new float[branches.size()][];
            float[] targets = new float[rows * data.classes()];
            for (int b = 0; b < branches.size(); b++) {
              BranchFeatures f = features.get(b);
              int size = f.train().shape().size();
              float[] x = new float[rows * size];
              boolean first = b == 0;
              int e = 1_000 + epoch;
              int from = start;
              IntStream.range(start, end).parallel().forEach(k -> {
                AugmentedViews.View v = views.view(f.config(), f.normalisation(), f.train(), order[k],
                    AugmentedViews.seed(plan.seed(), e, order[k]));
                System.arraycopy(v.features(), 0, x, (k - from) * size, size);
                if (first) {
                  System.arraycopy(v.target(), 0, targets, (k - from) * data.classes(), data.classes());
                }
              });
              inputs[b] = x;
            }
            // the sigmoid ramp-up of the paper, e^(−5(1 − i)²), i the share of fine-tuning done
            double i = totalSteps <= 1 ? 1 : (double) step / (totalSteps - 1);
            float weight = (float) (lambda * Math.exp(-5 * (1 - i) * (1 - i)));
            double value;
            try (NDManager batch = trainer.getManager().newSubManager()) {
              NDList x = new NDList();
              for (int b = 0; b < branches.size(); b++) {
                FeatureShape s = features.get(b).train().shape();
                x.add(batch.create(inputs[b], new Shape(rows, s.channels(), s.bins(), s.frames())));
              }
              NDArray y = batch.create(targets, new Shape(rows, data.classes()));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(x);
                NDArray fused = out.get(branches.size());
                NDArray l = loss.supervised(y, fused);
                NDArray held = fused.stopGradient();
                for (int b = 0; b < branches.size(); b++) {
                  l = l.add(loss.supervised(y, out.get(b))).add(out.get(b).sub(held).square().mean().mul(weight));
                }
                gc.backward(l);
                value = l.getFloat();
              }
              trainer.step();
            }
            step++;
            sum += value;
            batches++;
            onStep.accept(value);
          }
          float[][][] validation = evaluate(trainer, features, null, branches.size(), data.task());
          for (int b = 0; b <= branches.size(); b++) {
            String name = b < branches.size() ? branches.get(b).spec().name() : "fusion";
            EpochRecord r = record(validation[b], data, epoch, sum / Math.max(1, batches));
            history.record(runName + " " + name, r);
            LOG.info("{} {} fusion epoch {}/{}: loss {} validation accuracy {}", runName, name, epoch, epochs,
                String.format("%.4f", r.trainLoss()), String.format("%.3f", r.validationAccuracy()));
          }
        }
        List<CyclicDistillation.TrainedBranch> out = new ArrayList<>();
        for (int b = 0; b < branches.size(); b++) {
          out.add(new CyclicDistillation.TrainedBranch(branches.get(b).spec(), features.get(b).normalisation(),
              parameters(networks.get(b))));
        }
        float[][] fusionScores = score.isEmpty() ? new float[0][] : evaluate(trainer, features, score, branches.size(), data.task())[branches.size()];
        return new Fused(new CyclicDistillation.Trained(out), fusionScores);
      }
    }
  }

  /**
   * Class probabilities of every branch and the fusion module (last), in evaluation mode, on the
   * validation features, or on {@code windows} when given (featured and standardised per branch).
   */
  private static float[][][] evaluate(Trainer trainer, List<BranchFeatures> features, List<float[]> windows, int branchCount,
      TaskType task) {
    List<FeatureTable> tables = new ArrayList<>();
    for (BranchFeatures f : features) {
      if (windows == null) {
        tables.add(f.validation());
      } else {
        FeatureTable t = FeatureTable.computeAll(f.config(), windows);
        t.normalise(f.normalisation());
        tables.add(t);
      }
    }
    int rows = tables.get(0).size();
    float[][][] out = new float[branchCount + 1][rows][];
    for (int start = 0; start < rows; start += INFERENCE_BATCH) {
      int end = Math.min(rows, start + INFERENCE_BATCH);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        NDList x = new NDList();
        for (FeatureTable t : tables) {
          int size = t.shape().size();
          float[] flat = new float[(end - start) * size];
          for (int r = start; r < end; r++) {
            System.arraycopy(t.get(r), 0, flat, (r - start) * size, size);
          }
          x.add(batch.create(flat, new Shape(end - start, t.shape().channels(), t.shape().bins(), t.shape().frames())));
        }
        NDList logits = trainer.evaluate(x);
        for (int b = 0; b <= branchCount; b++) {
          float[] flat = logits.get(b).toFloatArray();
          int classes = flat.length / (end - start);
          for (int r = start; r < end; r++) {
            float[] g = new float[classes];
            System.arraycopy(flat, (r - start) * classes, g, 0, classes);
            out[b][r] = CyclicDistillation.softLabels(g, 1f, task);
          }
        }
      }
    }
    return out;
  }

  /** Validation loss is not tracked for the fused run; accuracy and mAP@3 per clip are. */
  private static EpochRecord record(float[][] probabilities, CyclicDistillation.Data data, int epoch, double trainLoss) {
    ClipWindows v = data.validation();
    if (probabilities.length == 0) {
      return new EpochRecord(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN, "fusion");
    }
    float[][] clips = v.clipScores(probabilities, ScorePooling.forTask(data.task()));
    float[][] targets = v.clipTargetMatrix();
    return new EpochRecord(epoch, trainLoss, Double.NaN, Metrics.accuracy(clips, targets), Metrics.mapAtK(clips, targets, Metrics.MAP_K),
        "fusion");
  }

  /**
   * Copies a pre-trained branch's parameters into the arrays the trainer holds (loading the block
   * directly would replace them, and the optimiser would go on updating the old ones).
   */
  private void load(BranchNetwork into, CyclicDistillation.TrainedBranch from, Shape shape, int classes) {
    BranchNetwork old = Networks.buildWithEmbedding(from.spec().network(), classes);
    try (NDManager manager = NDManager.newBaseManager(device)) {
      old.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, shape);
      old.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(from.parameters())));
      for (var entry : into.getParameters()) {
        ai.djl.nn.Parameter theirs = old.getParameters().get(entry.getKey());
        if (theirs == null || !theirs.getArray().getShape().equals(entry.getValue().getArray().getShape())) {
          throw new IllegalStateException("the pre-trained " + from.spec().name() + " has no parameter " + entry.getKey()
              + " of the fusion branch's shape");
        }
        entry.getValue().getArray().set(theirs.getArray().toByteBuffer());
      }
    } catch (IOException | ai.djl.MalformedModelException e) {
      throw new IllegalStateException("the pre-trained parameters do not fit " + from.spec().name() + ": " + e.getMessage(), e);
    }
  }

  /** A branch's parameters in the format a bundle stores (the same with or without the exposed embedding). */
  private static byte[] parameters(BranchNetwork network) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      network.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise a fused branch's parameters", e);
    }
    return bytes.toByteArray();
  }
}
