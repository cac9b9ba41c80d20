package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.FeatureShape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The supervised step starts from the parameters it is given, and learns. */
class SupervisedStepsTest {

  private static final FeatureShape SHAPE = new FeatureShape(1, 16, 12);
  private static final BranchSpec SPEC = BranchSpec.parse("logmel:smallcnn", 8000, 4);
  private static final float[] TARGETS = {1, 0, 0, 1, 1, 1, 0, 0};

  private static float[] inputs() {
    Random r = new Random(3);
    float[] x = new float[4 * SHAPE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  private static byte[] parameters(int seed) {
    try (BranchModel m = new BranchModel(SPEC, 2, SHAPE, Device.cpu(), u -> 0.01f, seed)) {
      return m.parameters();
    }
  }

  private static SupervisedSteps steps(byte[] parameters, TaskType task) {
    return new SupervisedSteps(SPEC, task, 2, SHAPE, Device.cpu(), CyclicDistillation.schedule(0.003, 20), parameters);
  }

  @Test
  void theFirstLossDependsOnlyOnTheGivenParameters() {
    byte[] a = parameters(1);
    double first;
    double again;
    double other;
    try (SupervisedSteps s = steps(a, TaskType.MULTI_LABEL)) {
      first = s.step(inputs(), TARGETS, 4);
    }
    try (SupervisedSteps s = steps(a, TaskType.MULTI_LABEL)) {
      again = s.step(inputs(), TARGETS, 4);
    }
    try (SupervisedSteps s = steps(parameters(2), TaskType.MULTI_LABEL)) {
      other = s.step(inputs(), TARGETS, 4);
    }
    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void repeatedStepsOnOneBatchLowerItsLoss() {
    for (TaskType task : TaskType.values()) {
      try (SupervisedSteps s = steps(parameters(1), task)) {
        double first = s.step(inputs(), TARGETS, 4);
        double last = first;
        for (int i = 0; i < 15; i++) {
          last = s.step(inputs(), TARGETS, 4);
        }
        assertThat(last).as(task.name()).isLessThan(first);
      }
    }
  }

  @Test
  void parametersOfAnotherNetworkAreRefused() {
    byte[] threeClasses;
    try (BranchModel m = new BranchModel(SPEC, 3, SHAPE, Device.cpu(), u -> 0.01f, 1)) {
      threeClasses = m.parameters();
    }
    assertThatThrownBy(() -> steps(threeClasses, TaskType.MULTI_LABEL)).hasMessageContaining("do not fit");
  }

  @Test
  void targetsMustCoverEveryRowAndClass() {
    try (SupervisedSteps s = steps(parameters(1), TaskType.MULTI_LABEL)) {
      assertThatThrownBy(() -> s.step(inputs(), new float[6], 4)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
