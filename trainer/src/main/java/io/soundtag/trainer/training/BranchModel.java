package io.soundtag.trainer.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
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
import ai.djl.training.tracker.Tracker;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.nn.Networks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;

/**
 * One branch network being trained: its DJL model, an Adam optimiser on a given learning-rate
 * schedule, a training step with any loss of (logits) and an inference pass in evaluation mode.
 * Lives across the phases of Gao et al.'s cyclic schedule, so each phase continues from the last.
 */
final class BranchModel implements AutoCloseable {

  private final BranchSpec spec;
  private final FeatureShape shape;
  private final Device device;
  private final int classes;
  private final Block block;
  private final CoarseHead coarse;
  private final Model model;
  private final Trainer trainer;

  /**
   * @param initSeed seeds the parameter initialisation
   * @param learningRate the schedule, by optimiser update number
   */
  BranchModel(BranchSpec spec, int classes, FeatureShape shape, Device device, Tracker learningRate, int initSeed) {
    this(spec, classes, shape, device, learningRate, initSeed, null);
  }

  /**
   * As above, with a coarse head trained beside the fine classifier (Bai et al.); null for none.
   * The coarse layer is not part of {@link #parameters()}: a bundle or checkpoint keeps the fine
   * network only, so a resumed run starts its coarse layer anew.
   */
  BranchModel(BranchSpec spec, int classes, FeatureShape shape, Device device, Tracker learningRate, int initSeed,
      CoarseHead coarse) {
    this.spec = spec;
    this.shape = shape;
    this.device = device;
    this.classes = classes;
    this.coarse = coarse;
    Engine.getInstance().setRandomSeed(initSeed);
    this.model = Model.newInstance(spec.name(), device);
    if (coarse == null) {
      this.block = Networks.build(spec.network(), classes);
      model.setBlock(block);
    } else {
      CoarseHeadNetwork training = new CoarseHeadNetwork(Networks.buildWithEmbedding(spec.network(), classes), coarse.size());
      this.block = training.served();
      model.setBlock(training);
    }
    // The loss named here is never used: each step computes its own (CE, or CE + KL).
    DefaultTrainingConfig config = new DefaultTrainingConfig(new SoftmaxCrossEntropyLoss("unused"))
        .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).build())
        .optDevices(new Device[] {device});
    this.trainer = model.newTrainer(config);
    trainer.initialize(new Shape(1, shape.channels(), shape.bins(), shape.frames()));
  }

  BranchSpec spec() {
    return spec;
  }

  /**
   * One optimiser step on a batch.
   *
   * @param inputs {@code rows × shape.size()} values
   * @param loss from (batch manager, logits) to the scalar loss
   * @return the loss value
   */
  double step(float[] inputs, int rows, BiFunction<NDManager, NDArray, NDArray> loss) {
    return step(inputs, rows, loss, null);
  }

  /**
   * As above, adding {@code coarseLoss} of (batch manager, coarse logits) to the loss when the
   * branch has a coarse head; null adds nothing.
   */
  double step(float[] inputs, int rows, BiFunction<NDManager, NDArray, NDArray> loss,
      BiFunction<NDManager, NDArray, NDArray> coarseLoss) {
    double value;
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray x = batch.create(inputs, new Shape(rows, shape.channels(), shape.bins(), shape.frames()));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList out = trainer.forward(new NDList(x));
        NDArray l = loss.apply(batch, out.get(0));
        if (coarse != null && coarseLoss != null) {
          l = l.add(coarseLoss.apply(batch, out.get(1)));
        }
        gc.backward(l);
        value = l.getFloat();
      }
      trainer.step();
    }
    return value;
  }

  /** Logits {@code [row][class]} in evaluation mode (batch norm statistics frozen, no dropout). */
  float[][] logits(float[] inputs, int rows) {
    return output(inputs, rows, 0);
  }

  /** Whether a coarse head trains beside the fine classifier. */
  boolean hasCoarseHead() {
    return coarse != null;
  }

  /** The coarse head's logits {@code [row][group]} in evaluation mode; only with a coarse head. */
  float[][] coarseLogits(float[] inputs, int rows) {
    if (coarse == null) {
      throw new IllegalStateException("branch " + spec.name() + " has no coarse head");
    }
    return output(inputs, rows, 1);
  }

  private float[][] output(float[] inputs, int rows, int index) {
    try (NDManager batch = trainer.getManager().newSubManager()) {
      NDArray x = batch.create(inputs, new Shape(rows, shape.channels(), shape.bins(), shape.frames()));
      float[] flat = trainer.evaluate(new NDList(x)).get(index).toFloatArray();
      int classes = flat.length / rows;
      float[][] out = new float[rows][classes];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(flat, r * classes, out[r], 0, classes);
      }
      return out;
    }
  }

  /** The parameters in DJL's format, as a bundle stores them. */
  byte[] parameters() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the parameters of " + spec.name(), e);
    }
    return bytes.toByteArray();
  }

  /** Replaces the parameters (from a checkpoint). */
  void load(byte[] parameters) {
    int total = block.getParameters().size();
    int taken = copyFrom(parameters, classes, java.util.Set.of());
    if (taken != total) {
      throw new IllegalStateException("checkpointed parameters do not fit branch " + spec.name() + ": " + taken + " of " + total
          + " parameters match");
    }
  }

  /**
   * Starts from {@code warm}'s parameters: all of them when it keeps the head, else every
   * parameter whose name and shape match (all but the classifier head, which stays new).
   *
   * @return how many parameters were taken over
   */
  int warmStart(WarmStart warm) {
    return copyFrom(warm.parameters(), warm.classes(), warm.keepHead() ? java.util.Set.of() : headParameters(block));
  }

  /** Names (as the whole block lists them) of the parameters of its last layer that has any: the classifier head. */
  private static java.util.Set<String> headParameters(Block block) {
    String prefix = "";
    Block at = block;
    while (!at.getChildren().isEmpty()) {
      ai.djl.util.Pair<String, Block> last = null;
      for (ai.djl.util.Pair<String, Block> child : at.getChildren()) {
        if (!child.getValue().getParameters().isEmpty()) {
          last = child;
        }
      }
      if (last == null) {
        break;
      }
      prefix = prefix + last.getKey() + "_";
      at = last.getValue();
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (var p : at.getDirectParameters()) {
      names.add(prefix + p.getKey());
    }
    return names;
  }

  /**
   * Copies the values of serialised parameters of this architecture with {@code fromClasses}
   * outputs into this model's arrays, parameter by parameter where name and shape match. The
   * values are copied into the arrays the trainer already holds (except those named in {@code skip}):
   * loading a block's parameters
   * directly would replace those arrays, and the optimiser would go on updating the old ones.
   */
  private int copyFrom(byte[] parameters, int fromClasses, java.util.Set<String> skip) {
    Block old = Networks.build(spec.network(), fromClasses);
    try (Model previous = Model.newInstance(spec.name() + "-loaded", device);
        NDManager manager = NDManager.newBaseManager(device)) {
      previous.setBlock(old);
      old.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32,
          new Shape(1, shape.channels(), shape.bins(), shape.frames()));
      old.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(parameters)));
      int taken = 0;
      for (var entry : block.getParameters()) {
        ai.djl.nn.Parameter mine = entry.getValue();
        ai.djl.nn.Parameter theirs = old.getParameters().get(entry.getKey());
        if (!skip.contains(entry.getKey()) && theirs != null && theirs.isInitialized() && mine.isInitialized()
            && theirs.getArray().getShape().equals(mine.getArray().getShape())) {
          mine.getArray().set(theirs.getArray().toByteBuffer());
          taken++;
        }
      }
      return taken;
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("the parameters do not fit branch " + spec.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    trainer.close();
    model.close();
  }
}
