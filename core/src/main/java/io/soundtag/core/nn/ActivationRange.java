package io.soundtag.core.nn;

import ai.djl.ndarray.NDArray;
import io.soundtag.core.bundle.Int8Weights;

/**
 * The range of a layer's input and the per-tensor int8 grid it gives: affine, {@code scale =
 * (max − min) / 255} and the zero point that maps {@code min} to −128, the range widened to hold
 * 0 so that zero (padding, a ReLU's output) is exact. In training the range follows an exponential
 * moving average of each batch's minimum and maximum, started at the first batch's.
 */
final class ActivationRange {

  /**
   * Weight of a new batch in the moving average. PyTorch's observer uses 0.01; a few epochs of
   * fine-tuning take only some hundred steps, so the range here moves faster.
   */
  static final float MOMENTUM = 0.1f;

  private float min;
  private float max;
  private boolean observed;
  /** Set for a served layer: the grid exactly as the bundle stores it, never moved. */
  private final float fixedScale;
  private final int fixedZeroPoint;

  /** A range not yet observed: training sets it. */
  ActivationRange() {
    this(0, 0);
  }

  private ActivationRange(float fixedScale, int fixedZeroPoint) {
    this.fixedScale = fixedScale;
    this.fixedZeroPoint = fixedZeroPoint;
  }

  /** A fixed grid, a bundle's {@code scale} and {@code zeroPoint}. */
  static ActivationRange fixed(float scale, int zeroPoint) {
    return new ActivationRange(scale, zeroPoint);
  }

  /** Moves the range towards this batch's. */
  void observe(NDArray x) {
    if (fixedScale > 0) {
      throw new IllegalStateException("a served layer's input range is fixed by its bundle; it is not trained");
    }
    float lo = x.min().getFloat();
    float hi = x.max().getFloat();
    if (!observed) {
      min = lo;
      max = hi;
      observed = true;
    } else {
      min += MOMENTUM * (lo - min);
      max += MOMENTUM * (hi - max);
    }
  }

  /** Step of the int8 grid. */
  float scale() {
    if (fixedScale > 0) {
      return fixedScale;
    }
    requireObserved();
    float span = Math.max(max, 0) - Math.min(min, 0);
    return Math.max(span / 255f, Int8Weights.MIN_SCALE);
  }

  /** The int8 value that stands for 0. */
  int zeroPoint() {
    if (fixedScale > 0) {
      return fixedZeroPoint;
    }
    return (int) Math.max(-128, Math.min(127, -128 - Math.rint(Math.min(min, 0) / scale())));
  }

  /**
   * {@code x} rounded to the grid and clamped to −128..127, in float32: {@code (clamp(round(x / s) +
   * z, −128, 127) − z) · s}, computed as {@code clamp(round(x / s), −128 − z, 127 − z) · s}, the
   * same values in four operations instead of six (each one is a pass over the tensor when served).
   */
  NDArray fakeQuantise(NDArray x) {
    float s = scale();
    int z = zeroPoint();
    return x.div(s).round().clip(-128 - z, 127 - z).mul(s);
  }

  private void requireObserved() {
    if (!observed) {
      throw new IllegalStateException("the input range of a quantised layer has not been observed: train a step first");
    }
  }
}
