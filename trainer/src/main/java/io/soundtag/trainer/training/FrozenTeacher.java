package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.training.tracker.Tracker;
import io.soundtag.core.features.FeatureShape;
import java.util.stream.IntStream;

/**
 * A trained network that only teaches: its parameters are loaded once and never updated, and it
 * scores the views of the run's training windows in its own representation, standardised with its
 * own statistics (it may come from another run or from a bundle).
 */
final class FrozenTeacher implements AutoCloseable {

  private final CyclicDistillation.TrainedBranch branch;
  private final FeatureShape shape;
  private final BranchModel model;

  /** @param windowSamples the length of the windows it will score */
  FrozenTeacher(CyclicDistillation.TrainedBranch branch, int classes, int windowSamples, Device device) {
    this.branch = branch;
    this.shape = branch.spec().features().create().shape(windowSamples);
    this.model = new BranchModel(branch.spec(), classes, shape, device, Tracker.fixed(0f), 0);
    model.load(branch.parameters());
  }

  /** Logits of the views of windows {@code order[start..end)} in {@code epoch} of the run seeded {@code runSeed}. */
  float[][] logits(AugmentedViews views, long runSeed, int epoch, int[] order, int start, int end) {
    int[] seeds = new int[end - start];
    for (int k = start; k < end; k++) {
      seeds[k - start] = AugmentedViews.seed(runSeed, epoch, order[k]);
    }
    return logits(views, order, start, seeds);
  }

  /** Logits of the views {@code (order[start + r], seeds[r])}. */
  float[][] logits(AugmentedViews views, int[] order, int start, int[] seeds) {
    int size = shape.size();
    float[] inputs = new float[seeds.length * size];
    IntStream.range(0, seeds.length).parallel().forEach(r -> {
      AugmentedViews.View v = views.view(branch.spec().features(), branch.normalisation(), null, order[start + r], seeds[r]);
      System.arraycopy(v.features(), 0, inputs, r * size, size);
    });
    return model.logits(inputs, seeds.length);
  }

  @Override
  public void close() {
    model.close();
  }
}
