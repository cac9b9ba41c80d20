package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.distill.KlDivergenceLoss;

/**
 * The optimiser step of a supervised epoch of {@link CyclicDistillation} (Eq. 1: softmax
 * cross-entropy, or mean binary cross-entropy for multi-label tasks, under Adam on the given
 * schedule) for one branch started from given parameters, on batches the caller assembles. It is
 * the trainer's own step without its data pipeline, so that a benchmark can time it against
 * another framework on the same batches and weights.
 */
public final class SupervisedSteps implements AutoCloseable {

  private final BranchModel model;
  private final DistillationLoss loss;
  private final int classes;

  /**
   * @param shape the features of one window
   * @param learningRate the schedule, by optimiser update number (the first update is 1)
   * @param parameters the starting parameters in DJL's format (a bundle's branch); every one must fit
   */
  public SupervisedSteps(BranchSpec spec, TaskType task, int classes, FeatureShape shape, Device device, Tracker learningRate,
      byte[] parameters) {
    this.classes = classes;
    // No distillation term: its weight is 0, and only the distribution (which picks the supervised loss) matters.
    KlDivergenceLoss.Distribution distribution = task == TaskType.SINGLE_LABEL
        ? KlDivergenceLoss.Distribution.SOFTMAX : KlDivergenceLoss.Distribution.SIGMOID;
    this.loss = new DistillationLoss(DistillationForm.HINTON.divergence(1f, distribution), 0f);
    this.model = new BranchModel(spec, classes, shape, device, learningRate, 0);
    try {
      model.load(parameters);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * One optimiser step.
   *
   * @param inputs {@code rows} windows' standardised features, one after another
   * @param targets {@code rows × classes} targets
   * @return the batch's loss before the step
   */
  public double step(float[] inputs, float[] targets, int rows) {
    if (targets.length != rows * classes) {
      throw new IllegalArgumentException(targets.length + " target values for " + rows + " rows of " + classes + " classes");
    }
    return model.step(inputs, rows, (manager, logits) -> loss.supervised(manager.create(targets, new Shape(rows, classes)), logits));
  }

  @Override
  public void close() {
    model.close();
  }
}
