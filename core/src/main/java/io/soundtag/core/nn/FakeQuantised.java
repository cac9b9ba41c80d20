package io.soundtag.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.soundtag.core.bundle.Int8Weights;

/**
 * A convolution or linear layer computed as an int8 kernel would compute it: its input is
 * quantised per tensor to the int8 grid of {@link ActivationRange} and back, its weights per
 * output channel as {@link Int8Weights} does, and the layer runs on those values in float32.
 * Gradients pass both roundings unchanged (straight-through estimator: {@code x + stopGradient(q(x)
 * − x)}), so the layer's float weights keep training.
 *
 * <p>In training mode each forward pass moves the input's range (an exponential moving average of
 * the batch minimum and maximum). A served layer has weights that are already on their int8 grid
 * (dequantised at load) and a fixed input range from the bundle: it quantises the input only.
 */
final class FakeQuantised extends AbstractBlock {

  private static final byte VERSION = 1;

  private final Block layer;
  private final ActivationRange input;
  private final boolean weightsOnGrid;

  /**
   * @param layer a {@link Conv2d} with bias or a {@link Linear} with bias
   * @param input the range of the layer's input, moved in training
   * @param weightsOnGrid true when the weights already are dequantised int8 (serving): they are used as they are
   */
  FakeQuantised(Block layer, ActivationRange input, boolean weightsOnGrid) {
    super(VERSION);
    if (!(layer instanceof Conv2d) && !(layer instanceof Linear)) {
      throw new IllegalArgumentException("only convolutions and linear layers are quantised, got " + layer.getClass().getName());
    }
    this.layer = addChildBlock("layer", layer);
    this.input = input;
    this.weightsOnGrid = weightsOnGrid;
  }

  /** The wrapped convolution or linear layer, whose parameters are the ones trained and stored. */
  Block layer() {
    return layer;
  }

  /** The range of the layer's input. */
  ActivationRange input() {
    return input;
  }

  Parameter weight() {
    return layer.getParameters().get("weight");
  }

  Parameter bias() {
    return layer.getParameters().get("bias");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    if (training) {
      input.observe(x);
    }
    NDArray xq = straightThrough(x, input.fakeQuantise(x));
    NDArray w = parameterStore.getValue(weight(), x.getDevice(), training);
    NDArray wq = weightsOnGrid ? w : straightThrough(w, fakeQuantiseWeights(w));
    NDArray b = parameterStore.getValue(bias(), x.getDevice(), training);
    if (layer instanceof Conv2d conv) {
      return Conv2d.conv2d(xq, wq, b, conv.getStride(), conv.getPadding(), conv.getDilation(), conv.getGroups());
    }
    return Linear.linear(xq, wq, b);
  }

  /** The weights on their int8 grid, per output channel (dimension 0), as {@link Int8Weights#quantise} computes them. */
  static NDArray fakeQuantiseWeights(NDArray w) {
    NDArray flat = w.reshape(w.getShape().get(0), -1);
    NDArray scale = flat.abs().max(new int[] {1}, true).div(127f).maximum(Int8Weights.MIN_SCALE);
    return flat.div(scale).round().clip(-127, 127).mul(scale).reshape(w.getShape());
  }

  /** {@code x} in the forward pass, with the gradient of the identity. */
  private static NDArray straightThrough(NDArray x, NDArray quantised) {
    return x.add(quantised.sub(x).stopGradient());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return layer.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    layer.initialize(manager, dataType, inputShapes);
  }
}
