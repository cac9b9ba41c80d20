package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import io.soundtag.core.bundle.Int8Quantisation;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.nn.Int8Network;
import io.soundtag.core.nn.Networks;
import io.soundtag.trainer.clips.ScorePooling;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.evaluation.Metrics;
import io.soundtag.trainer.recipe.QuantisationSettings;
import io.soundtag.trainer.report.EpochRecord;
import io.soundtag.trainer.report.TrainingHistory;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quantisation-aware training: a trained float branch has its batch norms folded and its layers
 * fake-quantised to int8 ({@link Int8Network}: weights symmetric per output channel, inputs affine
 * per tensor with ranges from a moving average of the batch minimum and maximum, gradients
 * straight through the roundings), then fine-tunes for a few epochs on the labels, so the weights
 * settle where the roundings cost least. The result is what the bundle stores and the tagger serves.
 *
 * <p>Whatever recipe trained the branch, the fine-tuning is supervised (the task's cross-entropy
 * on the labelled training windows, without augmentation), with Adam on its own cosine schedule:
 * a short adaptation to the int8 grid, not a second training run.
 */
public final class QuantisationAwareTraining {

  private static final Logger LOG = LoggerFactory.getLogger(QuantisationAwareTraining.class);
  private static final int INFERENCE_BATCH = 64;

  private final Device device;

  public QuantisationAwareTraining(Device device) {
    this.device = device;
  }

  /**
   * An int8 branch, as a bundle stores it.
   *
   * @param spec the branch
   * @param normalisation the statistics its features use
   * @param quantisation its layers and their input grids
   * @param entry the int8 weights, scales and biases, laid out as {@code quantisation} says
   */
  public record Int8Branch(BranchSpec spec, Normalisation normalisation, Int8Quantisation quantisation, byte[] entry) {}

  /**
   * Fine-tunes {@code trained} with fake quantisation.
   *
   * @param runName prefixes the branch's name in {@code history}
   * @param plan the run's plan: its batch size, seed and the task's loss
   * @param onStep called after every optimiser step with its loss
   */
  public Int8Branch train(String runName, CyclicDistillation.TrainedBranch trained, CyclicDistillation.Data data,
      DistillationPlan plan, QuantisationSettings settings, TrainingHistory history, DoubleConsumer onStep) {
    BranchSpec spec = trained.spec();
    BranchFeatures f = data.features().features(spec.features());
    FeatureShape shape = f.train().shape();
    int n = data.trainTargets().size();
    int steps = CyclicDistillation.stepsPerEpoch(n, plan.batchSize());
    CosineTracker schedule = CosineTracker.builder().setBaseValue((float) settings.learningRate())
        .optFinalValue((float) settings.learningRate() / 100f).setMaxUpdates(Math.max(1, steps * settings.epochs())).build();
    DistillationLoss loss = CyclicDistillation.distillationLoss(plan, data.task());
    try (Model model = Model.newInstance(spec.name() + "-int8", device)) {
      Block network = Networks.build(spec.network(), data.classes());
      model.setBlock(network);
      try {
        network.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(trained.parameters())));
      } catch (IOException | MalformedModelException e) {
        throw new IllegalStateException("the trained parameters do not fit branch " + spec.name() + ": " + e.getMessage(), e);
      }
      Int8Network int8 = Int8Network.forTraining(network, model.getNDManager());
      model.setBlock(int8.block());
      // The loss named here is never used: each step computes the task's own.
      DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("unused"))
          .optOptimizer(Optimizer.adam().optLearningRateTracker(schedule).build())
          .optDevices(new Device[] {device});
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, shape.channels(), shape.bins(), shape.frames()));
        for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
          int[] order = CyclicDistillation.shuffled(n, new Random(plan.seed() * 1_000_003L + epoch));
          double sum = 0;
          int batches = 0;
          for (int start = 0; start < n; start += plan.batchSize()) {
            int end = Math.min(n, start + plan.batchSize());
            double value = step(trainer, loss, f, data, order, start, end, shape);
            sum += value;
            batches++;
            onStep.accept(value);
          }
          EpochRecord record = validate(trainer, f, data, epoch, sum / Math.max(1, batches));
          history.record(runName + " " + spec.name(), record);
          LOG.info("{} {} int8 epoch {}/{}: loss {} validation accuracy {}", runName, spec.name(), epoch, settings.epochs(),
              String.format("%.4f", record.trainLoss()), String.format("%.3f", record.validationAccuracy()));
        }
      }
      return new Int8Branch(spec, trained.normalisation(), int8.quantisation(), int8.entry());
    }
  }

  private static double step(Trainer trainer, DistillationLoss loss, BranchFeatures f, CyclicDistillation.Data data, int[] order,
      int start, int end, FeatureShape shape) {
    int rows = end - start;
    int size = shape.size();
    float[] inputs = new float[rows * size];
    float[] targets = new float[rows * data.classes()];
    for (int k = start; k < end; k++) {
      System.arraycopy(f.train().get(order[k]), 0, inputs, (k - start) * size, size);
      System.arraycopy(data.trainTargets().get(order[k]), 0, targets, (k - start) * data.classes(), data.classes());
    }
    double value;
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray x = batch.create(inputs, new Shape(rows, shape.channels(), shape.bins(), shape.frames()));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray l = loss.supervised(batch.create(targets, new Shape(rows, data.classes())), logits);
        gc.backward(l);
        value = l.getFloat();
      }
      trainer.step();
    }
    return value;
  }

  /** Per-clip accuracy and mAP@3 on the validation windows, through the fake-quantised network as it will be served. */
  private static EpochRecord validate(Trainer trainer, BranchFeatures f, CyclicDistillation.Data data, int epoch, double trainLoss) {
    FeatureTable table = f.validation();
    if (table.size() == 0) {
      return new EpochRecord(epoch, trainLoss, Double.NaN, Double.NaN, Double.NaN, "int8");
    }
    FeatureShape shape = table.shape();
    float[][] probabilities = new float[table.size()][];
    double lossSum = 0;
    for (int start = 0; start < table.size(); start += INFERENCE_BATCH) {
      int end = Math.min(table.size(), start + INFERENCE_BATCH);
      float[] inputs = table.batch(start, end);
      try (NDManager batch = trainer.getManager().newSubManager()) {
        float[] flat = trainer.evaluate(new NDList(batch.create(inputs,
            new Shape(end - start, shape.channels(), shape.bins(), shape.frames())))).singletonOrThrow().toFloatArray();
        for (int r = 0; r < end - start; r++) {
          float[] logits = new float[data.classes()];
          System.arraycopy(flat, r * data.classes(), logits, 0, data.classes());
          probabilities[start + r] = CyclicDistillation.softLabels(logits, 1f, data.task());
          lossSum += CyclicDistillation.supervisedLoss(probabilities[start + r], data.validation().targets().get(start + r), data.task());
        }
      }
    }
    float[][] clipScores = data.validation().clipScores(probabilities, ScorePooling.forTask(data.task()));
    float[][] clipTargets = data.validation().clipTargetMatrix();
    return new EpochRecord(epoch, trainLoss, lossSum / table.size(), Metrics.accuracy(clipScores, clipTargets),
        Metrics.mapAtK(clipScores, clipTargets, Metrics.MAP_K), "int8");
  }
}
