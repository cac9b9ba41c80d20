package io.soundtag.core.bundle;

import java.util.List;

/**
 * One int8 layer of a quantised branch, as the manifest describes it: a convolution or linear
 * layer (after batch-norm folding) whose weights are stored as int8 with one symmetric scale per
 * output channel, and whose input is quantised per tensor with {@code inputScale} and {@code
 * inputZeroPoint}: {@code q = clamp(round(x / inputScale) + inputZeroPoint, -128, 127)}.
 *
 * @param name the layer's parameter path in the folded network, e.g. {@code 01SequentialBlock_01Conv2d}
 * @param shape the weight's shape, output channels first: (out, in/groups, kh, kw) or (out, in)
 * @param inputScale step of the input's int8 grid, positive and finite
 * @param inputZeroPoint the int8 value that stands for 0, in -128..127
 */
public record Int8Layer(String name, List<Integer> shape, float inputScale, int inputZeroPoint) {

  /** More elements than any branch network a CPU trains. */
  static final long MAX_ELEMENTS = 64L << 20;

  public Int8Layer {
    if (name == null || name.isBlank()) {
      throw new InvalidBundleException("an int8 layer has no name");
    }
    if (shape == null || shape.size() < 2 || shape.size() > 4 || shape.stream().anyMatch(d -> d == null || d < 1)) {
      throw new InvalidBundleException("int8 layer " + name + " has weight shape " + shape
          + "; it must be 2 to 4 positive dimensions, output channels first");
    }
    shape = List.copyOf(shape);
    if (tooMany(shape)) {
      throw new InvalidBundleException("int8 layer " + name + " of shape " + shape + " claims more than " + MAX_ELEMENTS
          + " weights: refusing it");
    }
    if (!(inputScale > 0) || Float.isInfinite(inputScale)) {
      throw new InvalidBundleException("int8 layer " + name + " has input scale " + inputScale + "; it must be positive and finite");
    }
    if (inputZeroPoint < -128 || inputZeroPoint > 127) {
      throw new InvalidBundleException("int8 layer " + name + " has input zero point " + inputZeroPoint + "; it must be in -128..127");
    }
  }

  /** Output channels: the number of weight scales and biases. */
  public int channels() {
    return shape.get(0);
  }

  /** Weights in the layer. */
  public long elements() {
    return elementsOf(shape);
  }

  /** Bytes the layer takes in the branch's entry: int8 weights, then float32 scales and biases. */
  long entryBytes() {
    return elements() + 2L * Float.BYTES * channels();
  }

  private static boolean tooMany(List<Integer> shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > MAX_ELEMENTS) {
        return true;
      }
    }
    return false;
  }

  private static long elementsOf(List<Integer> shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
