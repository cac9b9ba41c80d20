package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.nn.Networks;
import io.soundtag.trainer.distill.DistillationForm;
import io.soundtag.trainer.distill.DistillationLoss;
import io.soundtag.trainer.distill.KlDivergenceLoss;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The training block of a branch with a coarse head outputs fine and coarse logits, the served
 * block the fine ones alone, and each step's loss is the fine loss plus exactly β·L_coarse.
 */
class CoarseHeadNetworkTest {

  private static final FeatureShape SHAPE = new FeatureShape(1, 16, 12);
  private static final BranchSpec SPEC = BranchSpec.parse("logmel:smallcnn", 8000, 4);
  private static final List<String> CLASSES = List.of("dog", "car", "cat");
  private static final CoarseHead HEAD = CoarseHead.of(CLASSES, Map.of("dog", "animal", "car", "traffic", "cat", "animal"), 0.5);
  private static final DistillationLoss BCE =
      new DistillationLoss(DistillationForm.HINTON.divergence(1, KlDivergenceLoss.Distribution.SIGMOID), 1);

  private static float[] inputs(int rows) {
    Random r = new Random(3);
    float[] x = new float[rows * SHAPE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @Test
  void theTrainingBlockGivesFineAndCoarseLogitsAndTheServedBlockFineOnly() throws Exception {
    CoarseHeadNetwork training = new CoarseHeadNetwork(Networks.buildWithEmbedding(SPEC.network(), CLASSES.size()), HEAD.size());
    Shape input = new Shape(5, SHAPE.channels(), SHAPE.bins(), SHAPE.frames());
    try (Model model = Model.newInstance("coarse", Device.cpu()); NDManager m = NDManager.newBaseManager(Device.cpu())) {
      model.setBlock(training);
      training.initialize(m, DataType.FLOAT32, input);
      NDArray x = m.create(inputs(5), input);
      NDList out = training.forward(new ParameterStore(m, false), new NDList(x), false);
      assertThat(out).hasSize(2);
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(5, 3));
      assertThat(out.get(1).getShape()).isEqualTo(new Shape(5, 2));
      assertThat(training.getOutputShapes(new Shape[] {input})).containsExactly(new Shape(5, 3), new Shape(5, 2));

      // what a bundle stores: the served block's parameters, which a plain network of the branch loads
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      training.served().saveParameters(new java.io.DataOutputStream(bytes));
      Block plain = Networks.build(SPEC.network(), CLASSES.size());
      plain.initialize(m, DataType.FLOAT32, input);
      plain.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
      NDList served = plain.forward(new ParameterStore(m, false), new NDList(x), false);
      assertThat(served).hasSize(1);
      assertThat(served.singletonOrThrow().toFloatArray()).containsExactly(out.get(0).toFloatArray());
    }
  }

  @Test
  void aStepAddsExactlyBetaTimesTheCoarseLossToTheFineLoss() {
    float[] x = inputs(4);
    float[][] fine = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}};
    float[] flatFine = CyclicDistillation.flatten(fine);
    float[] coarse = HEAD.flatTargets(fine);
    double[] parts = new double[2];
    double total;
    try (BranchModel m = new BranchModel(SPEC, 3, SHAPE, Device.cpu(), u -> 0.01f, 1, HEAD)) {
      assertThat(m.hasCoarseHead()).isTrue();
      assertThat(m.logits(x, 4)[0]).hasSize(3);
      assertThat(m.coarseLogits(x, 4)[0]).hasSize(2);
      total = m.step(x, 4, (manager, logits) -> {
        NDArray l = BCE.supervised(manager.create(flatFine, new Shape(4, 3)), logits);
        parts[0] = l.getFloat();
        return l;
      }, (manager, coarseLogits) -> {
        NDArray unweighted = BCE.supervised(manager.create(coarse, new Shape(4, 2)), coarseLogits);
        NDArray l = HEAD.weightedLoss(BCE, manager.create(coarse, new Shape(4, 2)), coarseLogits);
        assertThat(l.getFloat()).isEqualTo(unweighted.getFloat() * 0.5f);
        parts[1] = l.getFloat();
        return l;
      });
    }
    assertThat(parts[1]).isPositive();
    assertThat(total).isEqualTo((double) (float) (parts[0] + parts[1]));
  }

  @Test
  void withoutACoarseHeadTrainingIsBitIdenticalToBefore() {
    float[] x = inputs(4);
    float[] y = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
    byte[] before;
    byte[] after;
    double lossBefore;
    double lossAfter;
    try (BranchModel m = new BranchModel(SPEC, 3, SHAPE, Device.cpu(), u -> 0.01f, 4)) {
      lossBefore = twoSteps(m, x, y);
      before = m.parameters();
    }
    try (BranchModel m = new BranchModel(SPEC, 3, SHAPE, Device.cpu(), u -> 0.01f, 4, null)) {
      assertThat(m.hasCoarseHead()).isFalse();
      lossAfter = twoSteps(m, x, y);
      after = m.parameters();
    }
    assertThat(lossAfter).isEqualTo(lossBefore);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void theCoarseLayerStaysOutOfTheStoredParameters() {
    try (BranchModel plain = new BranchModel(SPEC, 3, SHAPE, Device.cpu(), u -> 0.01f, 4);
        BranchModel coarse = new BranchModel(SPEC, 3, SHAPE, Device.cpu(), u -> 0.01f, 4, HEAD)) {
      byte[] stored = coarse.parameters();
      assertThat(stored).hasSameSizeAs(plain.parameters());
      plain.load(stored);
      assertThat(plain.parameters()).isEqualTo(stored);
    }
  }

  private static double twoSteps(BranchModel m, float[] x, float[] y) {
    double last = 0;
    for (int s = 0; s < 2; s++) {
      last = m.step(x, 4, (manager, logits) -> BCE.supervised(manager.create(y, new Shape(4, 3)), logits));
    }
    return last;
  }
}
