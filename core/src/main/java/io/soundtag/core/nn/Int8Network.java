package io.soundtag.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.soundtag.core.bundle.Int8Layer;
import io.soundtag.core.bundle.Int8Quantisation;
import io.soundtag.core.bundle.Int8Weights;
import io.soundtag.core.bundle.InvalidBundleException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A branch network with int8 weights and activations, simulated in float32: every batch norm
 * folded into its convolution ({@link BatchNormFolding}), then every convolution and linear layer
 * fake-quantised — weights symmetric per output channel, inputs affine per tensor — so what is
 * trained is exactly what is stored and served.
 *
 * <p>Training: {@link #forTraining} rewrites a trained float network; fine-tune {@link #block()}
 * with any DJL trainer (the roundings pass gradients straight through), then {@link
 * #quantisation()} and {@link #entry()} are what a bundle stores. Serving: {@link #load} rebuilds
 * the network from a bundle's int8 layers, dequantised to float32 at load time, with the same
 * input quantisation at every layer. DJL's PyTorch engine has no quantised tensor type and its
 * int8 convolution accumulates in int8 (the results overflow), so int8 is stored, not computed.
 */
public final class Int8Network {

  private final Block block;
  private final List<String> names;
  private final List<FakeQuantised> layers;

  private Int8Network(Block block, List<String> names, List<FakeQuantised> layers) {
    this.block = block;
    this.names = List.copyOf(names);
    this.layers = List.copyOf(layers);
  }

  /**
   * The network with its batch norms folded and its layers fake-quantised, for quantisation-aware
   * fine-tuning; its input ranges are set by the first training step.
   *
   * @param network a network from {@link Networks} with trained parameters; folded parameters are
   *     allocated on {@code manager}, the rest stay shared with it
   */
  public static Int8Network forTraining(Block network, NDManager manager) {
    Rewrite rewrite = new Rewrite(null);
    Block block = rewrite.wrap(BatchNormFolding.fold(network, manager), "");
    return new Int8Network(block, rewrite.names, rewrite.layers);
  }

  /**
   * The network of a bundle's int8 branch, its weights dequantised to float32.
   *
   * @param input the shape of one input, (1, channels, bins, frames)
   * @throws InvalidBundleException when the layers of {@code quantisation} are not those of the
   *     network {@code spec} builds (number, names, shapes) or the entry does not fit them
   */
  public static Int8Network load(NetworkSpec spec, int classes, Shape input, Int8Quantisation quantisation, byte[] entry,
      NDManager manager) {
    Block network = Networks.build(spec, classes);
    network.initialize(manager, DataType.FLOAT32, input);
    Rewrite rewrite = new Rewrite(quantisation.layers());
    Block block = rewrite.wrap(BatchNormFolding.fold(network, manager), "");
    List<Int8Layer> described = quantisation.layers();
    if (rewrite.layers.size() != described.size()) {
      throw new InvalidBundleException("the manifest describes " + described.size() + " int8 layers but network " + spec
          + " has only " + rewrite.layers.size() + ": refusing the branch");
    }
    List<Int8Weights> weights = quantisation.decode(entry);
    for (int i = 0; i < described.size(); i++) {
      FakeQuantised layer = rewrite.layers.get(i);
      Int8Layer d = described.get(i);
      List<Integer> shape = shapeOf(layer.weight().getArray());
      if (!d.name().equals(rewrite.names.get(i)) || !d.shape().equals(shape)) {
        throw new InvalidBundleException("int8 layer " + (i + 1) + " of the manifest is " + d.name() + " " + d.shape()
            + " but network " + spec + " has " + rewrite.names.get(i) + " " + shape + " there: refusing the branch");
      }
      layer.weight().getArray().set(FloatBuffer.wrap(weights.get(i).dequantise()));
      layer.bias().getArray().set(FloatBuffer.wrap(weights.get(i).bias()));
    }
    return new Int8Network(block, rewrite.names, rewrite.layers);
  }

  /** The fake-quantised network: logits (batch, classes) from (batch, channels, bins, frames). */
  public Block block() {
    return block;
  }

  /** The manifest's description: each layer's name, weight shape and input grid. */
  public Int8Quantisation quantisation() {
    List<Int8Layer> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      FakeQuantised l = layers.get(i);
      out.add(new Int8Layer(names.get(i), shapeOf(l.weight().getArray()), l.input().scale(), l.input().zeroPoint()));
    }
    return new Int8Quantisation(Int8Quantisation.BITS, out);
  }

  /** Each layer's weights quantised to int8, with its scales and bias. */
  public List<Int8Weights> weights() {
    List<Int8Weights> out = new ArrayList<>();
    for (FakeQuantised l : layers) {
      out.add(Int8Weights.quantise(l.weight().getArray().toFloatArray(), l.bias().getArray().toFloatArray()));
    }
    return out;
  }

  /** The bundle entry of the int8 branch: {@link #quantisation()}'s layout of {@link #weights()}. */
  public byte[] entry() {
    return quantisation().encode(weights());
  }

  private static List<Integer> shapeOf(NDArray array) {
    return Arrays.stream(array.getShape().getShape()).mapToInt(Math::toIntExact).boxed().toList();
  }

  /**
   * Wraps every convolution and linear layer of a folded network, walking the containers
   * {@link BatchNormFolding} walks and naming each layer by its path.
   */
  private static final class Rewrite {

    /** The bundle's layers, whose input grids serving layers take; null in training. */
    private final List<Int8Layer> served;
    private final List<String> names = new ArrayList<>();
    private final List<FakeQuantised> layers = new ArrayList<>();

    Rewrite(List<Int8Layer> served) {
      this.served = served;
    }

    Block wrap(Block block, String path) {
      if (block instanceof BranchNetwork b) {
        return new BranchNetwork(wrap(b.trunk(), path + "trunk"), wrap(b.head(), path + "head"), b.exposesEmbedding());
      }
      if (block instanceof Residual r) {
        return Residual.of(wrap(r.body(), path + "/body"), wrap(r.shortcut(), path + "/shortcut"), r.reluAfter());
      }
      if (block.getClass() == SequentialBlock.class) {
        SequentialBlock out = new SequentialBlock();
        List<Block> children = block.getChildren().values();
        for (int i = 0; i < children.size(); i++) {
          out.add(wrap(children.get(i), path + "/" + i));
        }
        return out;
      }
      if (block instanceof Conv2d || block instanceof Linear) {
        if (block.getParameters().get("bias") == null) {
          throw new IllegalStateException("layer " + path + " has no bias after batch-norm folding; only layers followed by a "
              + "batch norm, or with a bias, are quantised");
        }
        int index = layers.size();
        if (served != null && index >= served.size()) {
          throw new InvalidBundleException("the manifest describes " + served.size() + " int8 layers but the network has more ("
              + path + " is layer " + (index + 1) + "): refusing the branch");
        }
        ActivationRange range = served == null ? new ActivationRange()
            : ActivationRange.fixed(served.get(index).inputScale(), served.get(index).inputZeroPoint());
        FakeQuantised q = new FakeQuantised(block, range, served != null);
        names.add(path);
        layers.add(q);
        return q;
      }
      return block;
    }
  }
}
