package io.soundtag.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.Int8Layer;
import io.soundtag.core.bundle.Int8Quantisation;
import io.soundtag.core.bundle.Int8Weights;
import io.soundtag.core.bundle.InvalidBundleException;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MelScale;
import io.soundtag.core.inference.FeatureBatch;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Int8 weights and activations: the arithmetic, quantisation-aware training, and an int8 bundle from writing to serving. */
class Int8NetworkTest {

  private static final int RATE = 8000;
  private static final LogMelConfig FEATURES = new LogMelConfig(RATE, 256, 256, 80, 16, 0, 4000, MelScale.SLANEY);
  private static final Shape INPUT = new Shape(1, 1, 16, 101);

  @Test
  void int8WeightsAreWithinHalfAStepOfTheFloatWeightsPerChannel() {
    Random random = new Random(3);
    float[] w = new float[4 * 50];
    float[] magnitude = {0.001f, 0.1f, 10f, 0f};
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian() * magnitude[i / 50];
    }
    Int8Weights q = Int8Weights.quantise(w, new float[] {1, 2, 3, 4});
    float[] back = q.dequantise();
    for (int c = 0; c < 4; c++) {
      float max = 0;
      for (int i = c * 50; i < (c + 1) * 50; i++) {
        max = Math.max(max, Math.abs(w[i]));
      }
      float step = q.scales()[c];
      assertThat(step).isCloseTo(Math.max(max / 127, Int8Weights.MIN_SCALE), org.assertj.core.data.Offset.offset(1e-6f * max));
      for (int i = c * 50; i < (c + 1) * 50; i++) {
        assertThat(Math.abs(back[i] - w[i])).as("weight %d of channel %d", i, c).isLessThanOrEqualTo(step / 2 * 1.0001f);
      }
    }
    assertThat(q.bias()).containsExactly(1, 2, 3, 4);
    byte[] values = q.values();
    int largest = 0;
    for (int i = 100; i < 150; i++) {
      largest = Math.max(largest, Math.abs(values[i]));
    }
    assertThat(largest).as("the largest weight of a channel uses the whole grid").isEqualTo(127);
  }

  @Test
  void fakeQuantisedWeightsEqualTheDequantisedInt8Weights() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray w = manager.randomNormal(0, 0.3f, new Shape(6, 4, 3, 3), DataType.FLOAT32);
      float[] fake = FakeQuantised.fakeQuantiseWeights(w).toFloatArray();
      float[] stored = Int8Weights.quantise(w.toFloatArray(), new float[6]).dequantise();
      // equal values; the engine's rounding keeps the sign of a zero, an int8 0 has none
      assertThat(fake).containsExactly(stored, org.assertj.core.data.Offset.offset(0f));
    }
  }

  @Test
  void theEntryEncodesAndDecodesEveryLayer() {
    Int8Weights a = Int8Weights.quantise(new float[] {1, -2, 3, 0.5f, 0.25f, -1}, new float[] {0.1f, -0.2f});
    Int8Weights b = Int8Weights.quantise(new float[] {7, 8}, new float[] {1, 2});
    Int8Quantisation q = new Int8Quantisation(8, List.of(new Int8Layer("x", List.of(2, 3), 0.5f, -3),
        new Int8Layer("y", List.of(2, 1), 0.25f, -128)));
    byte[] entry = q.encode(List.of(a, b));
    assertThat(entry).hasSize((int) q.entryBytes()).hasSize(6 + 16 + 2 + 16);
    assertThat(q.decode(entry)).containsExactly(a, b);
    assertThatThrownBy(() -> q.decode(Arrays.copyOf(entry, entry.length - 1)))
        .isInstanceOf(InvalidBundleException.class).hasMessageContaining("need " + entry.length);
  }

  @Test
  void quantisationAwareTrainingMovesTheFloatWeightsThroughTheRoundings() {
    try (Model model = Model.newInstance("qat")) {
      Int8Network int8 = trained(model, NetworkSpec.defaults("cpmobile"), 0);
      Block first = int8.block();
      NDArray before = firstFoldedWeight(first).duplicate();
      Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build()));
      trainer.initialize(INPUT);
      List<Float> losses = new ArrayList<>();
      NDArray x = toyBatch(trainer.getManager());
      NDArray y = trainer.getManager().create(new float[] {0, 0, 0, 0, 1, 1, 1, 1});
      for (int step = 0; step < 6; step++) {
        try (GradientCollector gc = trainer.newGradientCollector()) {
          NDArray loss = trainer.getLoss().evaluate(new NDList(y), trainer.forward(new NDList(x)));
          gc.backward(loss);
          losses.add(loss.getFloat());
        }
        trainer.step();
      }
      assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
      assertThat(firstFoldedWeight(first).contentEquals(before)).as("gradients reach the float weights").isFalse();
      Int8Quantisation q = int8.quantisation();
      assertThat(q.layers()).allSatisfy(l -> assertThat(l.inputScale()).isPositive());
      trainer.close();
    }
  }

  /** Written, read back and served: the tagger's scores equal the fake-quantised network's on the same features. */
  @ParameterizedTest
  @ValueSource(strings = {"smallcnn", "cpmobile", "mobilenetv2"})
  void anInt8BundleServesWhatTheFakeQuantisedNetworkComputes(String architecture) throws Exception {
    NetworkSpec spec = NetworkSpec.defaults(architecture);
    try (Model model = Model.newInstance("qat")) {
      Int8Network int8 = trained(model, spec, 2);
      ModelBundle bundle = ModelBundle.fromBytes(bundle(spec, int8.quantisation(), int8.entry(), BundleManifest.FORMAT_VERSION)
          .toBytes());
      assertThat(bundle.manifest().student().quantisation()).isEqualTo(int8.quantisation());
      List<float[]> windows = windows(3);
      try (ServingModel served = ServingModel.load(bundle, ServingMode.STUDENT); InferenceSession session = served.newSession()) {
        FeatureBatch features = session.features(windows);
        float[][] scores = session.scoreFeatures(features);
        NDManager manager = model.getNDManager();
        NDArray x = manager.create(features.values(), new Shape(3, 1, 16, features.shape().frames()));
        float[] logits = int8.block().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow()
            .toFloatArray();
        for (int w = 0; w < 3; w++) {
          for (int c = 0; c < 2; c++) {
            float expected = (float) (1 / (1 + Math.exp(-logits[w * 2 + c])));
            assertThat(scores[w][c]).as("window %d class %d", w, c).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
          }
        }
      }
      assertThat((long) bundle.toBytes().length).as("int8 is smaller than the float bundle")
          .isLessThan(floatBundleBytes(spec));
    }
  }

  @Test
  void aManifestWhoseLayersDoNotMatchTheEntryOrTheNetworkIsRefused() {
    NetworkSpec spec = NetworkSpec.defaults("smallcnn");
    try (Model model = Model.newInstance("qat")) {
      Int8Network int8 = trained(model, spec, 1);
      Int8Quantisation honest = int8.quantisation();
      byte[] entry = int8.entry();
      List<Int8Layer> layers = new ArrayList<>(honest.layers());

      Int8Layer first = layers.get(0);
      layers.set(0, new Int8Layer(first.name(), List.of(first.shape().get(0) * 2, 1, 3, 3), first.inputScale(), first.inputZeroPoint()));
      Int8Quantisation longer = new Int8Quantisation(8, layers);
      assertThatThrownBy(() -> bundle(spec, longer, entry, BundleManifest.FORMAT_VERSION))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("does not describe the entry");

      // same number of weights and channels, so the entry's length fits; the network's shape does not
      layers.set(0, new Int8Layer(first.name(), List.of(first.shape().get(0), 9, 1, 1), first.inputScale(), first.inputZeroPoint()));
      ModelBundle lying = ModelBundle.fromBytes(bundle(spec, new Int8Quantisation(8, layers), entry, BundleManifest.FORMAT_VERSION)
          .toBytes());
      assertThatThrownBy(() -> ServingModel.load(lying, ServingMode.STUDENT))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("int8 layer 1 of the manifest is")
          .hasMessageContaining("[8, 9, 1, 1]");

      List<Int8Layer> fewer = honest.layers().subList(0, honest.layers().size() - 1);
      Int8Quantisation missingOne = new Int8Quantisation(8, fewer);
      ModelBundle short1 = bundle(spec, missingOne, missingOne.encode(int8.weights().subList(0, fewer.size())),
          BundleManifest.FORMAT_VERSION);
      assertThatThrownBy(() -> ServingModel.load(short1, ServingMode.STUDENT))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("but the network has more");
      List<Int8Layer> more = new ArrayList<>(honest.layers());
      more.add(honest.layers().get(honest.layers().size() - 1));
      List<Int8Weights> moreWeights = new ArrayList<>(int8.weights());
      moreWeights.add(moreWeights.get(moreWeights.size() - 1));
      Int8Quantisation extra = new Int8Quantisation(8, more);
      ModelBundle long1 = bundle(spec, extra, extra.encode(moreWeights), BundleManifest.FORMAT_VERSION);
      assertThatThrownBy(() -> ServingModel.load(long1, ServingMode.STUDENT))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("has only");

      assertThatThrownBy(() -> bundle(spec, honest, entry, 1))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("format 1 cannot hold");
      assertThatThrownBy(() -> new Int8Quantisation(4, honest.layers()))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("4 bits");
      assertThatThrownBy(() -> new Int8Layer("x", List.of(8, 1, 3, 3), 0f, 0))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("input scale");
      assertThatThrownBy(() -> new Int8Layer("x", List.of(65536, 65536, 3, 3), 1f, 0))
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("more than");
    }
  }

  /** A network with random parameters, folded and fake-quantised, after {@code steps} training-mode passes set its input ranges. */
  private static Int8Network trained(Model model, NetworkSpec spec, int steps) {
    Block network = Networks.build(spec, 2);
    NDManager manager = model.getNDManager();
    manager.getEngine().setRandomSeed(5);
    network.initialize(manager, DataType.FLOAT32, INPUT);
    Int8Network int8 = Int8Network.forTraining(network, manager);
    model.setBlock(int8.block());
    ParameterStore store = new ParameterStore(manager, false);
    for (int i = 0; i < steps; i++) {
      int8.block().forward(store, new NDList(toyBatch(manager)), true);
    }
    return int8;
  }

  private static NDArray toyBatch(NDManager manager) {
    return manager.randomNormal(0, 1f, new Shape(8, 1, 16, 101), DataType.FLOAT32);
  }

  private static NDArray firstFoldedWeight(Block block) {
    return block.getParameters().values().get(0).getArray();
  }

  private static ModelBundle bundle(NetworkSpec spec, Int8Quantisation q, byte[] entry, int format) {
    BranchManifest branch = new BranchManifest("logmel-" + spec.architecture(), FEATURES, spec,
        new Normalisation(new float[16], ones(16)), "branches/logmel.int8", q);
    BundleManifest manifest = new BundleManifest(format, "tiny", "1", null, 0L, TaskType.MULTI_LABEL, List.of("a", "b"),
        List.of(0.5, 0.5), Map.of(), RATE, RATE, RATE / 2, List.of(branch), branch.name(), Map.of(), Map.of());
    return new ModelBundle(manifest, Map.of(branch.parametersEntry(), entry));
  }

  private static long floatBundleBytes(NetworkSpec spec) throws Exception {
    Block block = Networks.build(spec, 2);
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, INPUT);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      block.saveParameters(new java.io.DataOutputStream(bytes));
      BranchManifest branch = new BranchManifest("logmel-" + spec.architecture(), FEATURES, spec,
          new Normalisation(new float[16], ones(16)), "branches/logmel.params");
      BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "tiny", "1", null, 0L, TaskType.MULTI_LABEL,
          List.of("a", "b"), List.of(0.5, 0.5), Map.of(), RATE, RATE, RATE / 2, List.of(branch), branch.name(), Map.of(), Map.of());
      return new ModelBundle(manifest, Map.of(branch.parametersEntry(), bytes.toByteArray())).toBytes().length;
    }
  }

  private static List<float[]> windows(int n) {
    Random random = new Random(11);
    List<float[]> out = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      float[] x = new float[RATE];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (0.1 * random.nextGaussian() + 0.3 * Math.sin(i * (0.05 + w * 0.2)));
      }
      out.add(x);
    }
    return out;
  }

  private static float[] ones(int n) {
    float[] a = new float[n];
    Arrays.fill(a, 1f);
    return a;
  }
}
