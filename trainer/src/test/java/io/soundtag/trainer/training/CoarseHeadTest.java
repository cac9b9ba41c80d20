package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.distill.KlDivergenceLoss;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coarse targets from fine ones through the taxonomy, and the weighted coarse loss. */
class CoarseHeadTest {

  private static final List<String> CLASSES = List.of("dog", "car", "cat", "siren");
  private static final Map<String, String> COARSE_OF = Map.of("dog", "animal", "car", "traffic", "cat", "animal", "siren", "traffic");

  @Test
  void groupsFollowTheFirstAppearanceOfTheirClasses() {
    CoarseHead head = CoarseHead.of(CLASSES, COARSE_OF, 0.5);
    assertThat(head.groups()).containsExactly("animal", "traffic");
    assertThat(head.groupOf()).containsExactly(0, 1, 0, 1);
  }

  @Test
  void aCoarseTargetIsTheLargestTargetOfItsClasses() {
    CoarseHead head = CoarseHead.of(CLASSES, COARSE_OF, 0.5);
    assertThat(head.targets(new float[] {0, 0, 1, 0})).containsExactly(1, 0);
    assertThat(head.targets(new float[] {1, 0, 1, 1})).containsExactly(1, 1);
    // a mixup of dog (0.7) and cat (0.3) is wholly animal's best share, not their sum
    assertThat(head.targets(new float[] {0.7f, 0.2f, 0.3f, 0})).containsExactly(0.7f, 0.2f);
    assertThat(head.targets(new float[] {0, 0, 0, 0})).as("a negative stays all-zero").containsExactly(0, 0);
    assertThat(head.flatTargets(new float[][] {{0, 1, 0, 0}, {0, 0, 0, 0}})).containsExactly(0, 1, 0, 0);
  }

  @Test
  void aCoarseHeadNeedsATaxonomyCoveringEveryClass() {
    assertThatThrownBy(() -> CoarseHead.of(CLASSES, Map.of(), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("coarse taxonomy");
    assertThatThrownBy(() -> CoarseHead.of(CLASSES, Map.of("dog", "animal", "car", "traffic", "cat", "animal"), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("siren");
    assertThatThrownBy(() -> CoarseHead.of(CLASSES, COARSE_OF, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("> 0");
  }

  @Test
  void theWeightedLossIsBetaTimesTheFineKindOfLossOnTheCoarseLogits() {
    CoarseHead head = CoarseHead.of(CLASSES, COARSE_OF, 0.25);
    DistillationLoss bce = new DistillationLoss(DistillationForm.HINTON.divergence(1, KlDivergenceLoss.Distribution.SIGMOID), 1);
    DistillationLoss ce = new DistillationLoss(DistillationForm.HINTON.divergence(1, KlDivergenceLoss.Distribution.SOFTMAX), 1);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {2, -1}, new Shape(1, 2));
      NDArray targets = m.create(new float[] {1, 0}, new Shape(1, 2));
      double sigmoidOf2 = 1 / (1 + Math.exp(-2));
      double sigmoidOfMinus1 = 1 / (1 + Math.exp(1));
      double meanBce = -(Math.log(sigmoidOf2) + Math.log(1 - sigmoidOfMinus1)) / 2;
      assertThat(head.weightedLoss(bce, targets, logits).getFloat()).isCloseTo((float) (0.25 * meanBce), within(1e-6f));
      double crossEntropy = -Math.log(Math.exp(2) / (Math.exp(2) + Math.exp(-1)));
      assertThat(head.weightedLoss(ce, targets, logits).getFloat()).isCloseTo((float) (0.25 * crossEntropy), within(1e-6f));
    }
  }
}
