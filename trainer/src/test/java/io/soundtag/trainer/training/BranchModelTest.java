package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.soundtag.core.features.FeatureShape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A branch that starts from loaded parameters (a checkpoint, a warm start) still learns. */
class BranchModelTest {

  private static final FeatureShape SHAPE = new FeatureShape(1, 16, 12);

  private static double train(BranchModel m, int steps) {
    Random r = new Random(5);
    float[] x = new float[4 * SHAPE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] y = {1, 0, 0, 1, 1, 0, 0, 1};
    double last = 0;
    for (int s = 0; s < steps; s++) {
      last = m.step(x, 4, (manager, logits) -> {
        NDArray t = manager.create(y, new Shape(4, 2));
        return logits.logSoftmax(1).mul(t).sum().neg().div(4);
      });
    }
    return last;
  }

  @Test
  void loadedParametersKeepLearning() {
    BranchSpec spec = BranchSpec.parse("logmel:smallcnn", 8000, 4);
    byte[] start;
    try (BranchModel first = new BranchModel(spec, 2, SHAPE, Device.cpu(), u -> 0.01f, 1)) {
      train(first, 3);
      start = first.parameters();
    }
    try (BranchModel resumed = new BranchModel(spec, 2, SHAPE, Device.cpu(), u -> 0.01f, 2)) {
      resumed.load(start);
      assertThat(resumed.parameters()).isEqualTo(start);
      train(resumed, 5);
      assertThat(Arrays.equals(resumed.parameters(), start)).as("parameters moved after loading").isFalse();
    }
  }

  @Test
  void aWarmStartWithAnotherClassCountKeepsTheBodyAndLearns() {
    BranchSpec spec = BranchSpec.parse("logmel:smallcnn", 8000, 4);
    byte[] threeClasses;
    try (BranchModel served = new BranchModel(spec, 3, SHAPE, Device.cpu(), u -> 0.01f, 1)) {
      threeClasses = served.parameters();
    }
    try (BranchModel grown = new BranchModel(spec, 2, SHAPE, Device.cpu(), u -> 0.01f, 7)) {
      byte[] fresh = grown.parameters();
      int taken = grown.warmStart(new WarmStart(spec.name(), threeClasses, 3, false));
      assertThat(taken).isPositive();
      byte[] warm = grown.parameters();
      assertThat(Arrays.equals(warm, fresh)).as("body taken over").isFalse();
      train(grown, 5);
      assertThat(Arrays.equals(grown.parameters(), warm)).as("learns after the warm start").isFalse();
    }
  }

  @Test
  void aWarmStartToOtherClassesOfTheSameCountLeavesTheHeadNew() {
    BranchSpec spec = BranchSpec.parse("logmel:smallcnn", 8000, 4);
    byte[] served;
    try (BranchModel m = new BranchModel(spec, 2, SHAPE, Device.cpu(), u -> 0.01f, 1)) {
      served = m.parameters();
    }
    try (BranchModel keep = new BranchModel(spec, 2, SHAPE, Device.cpu(), u -> 0.01f, 9);
        BranchModel renamed = new BranchModel(spec, 2, SHAPE, Device.cpu(), u -> 0.01f, 9)) {
      int all = keep.warmStart(new WarmStart(spec.name(), served, 2, true));
      int body = renamed.warmStart(new WarmStart(spec.name(), served, 2, false));
      assertThat(keep.parameters()).isEqualTo(served);
      assertThat(body).isEqualTo(all - 2); // the head's weight and bias start new
    }
  }
}
