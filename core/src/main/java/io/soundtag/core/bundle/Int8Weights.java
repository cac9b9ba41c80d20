package io.soundtag.core.bundle;

import java.util.Arrays;

/**
 * The weights of one layer quantised to int8, symmetric per output channel: channel {@code c}'s
 * scale is {@code s_c = max|w_c| / 127} and its weights are {@code q = clamp(rint(w / s_c), -127,
 * 127)}, so {@code q · s_c} is within {@code s_c / 2} of {@code w}. The bias stays float32: it is
 * added once per output, and an int8 kernel would keep it as int32 at the accumulator's scale anyway.
 *
 * <p>The arithmetic is float32 and rounds half to even, the same as the fake quantisation the
 * network trains with ({@code NDArray.round()}), so dequantised weights equal the fake-quantised
 * ones value for value.
 *
 * @param values the int8 weights, output channel by output channel
 * @param scales one per output channel, positive
 * @param bias one per output channel
 */
public record Int8Weights(byte[] values, float[] scales, float[] bias) {

  /** The smallest scale: a channel of zeros still divides by something. */
  public static final float MIN_SCALE = 1e-12f;

  public Int8Weights {
    if (scales.length == 0 || scales.length != bias.length || values.length % scales.length != 0) {
      throw new IllegalArgumentException("int8 weights need one scale and one bias per output channel and the same number of "
          + "weights in each; got " + values.length + " weights, " + scales.length + " scales, " + bias.length + " biases");
    }
    for (float s : scales) {
      if (!(s > 0) || Float.isInfinite(s)) {
        throw new IllegalArgumentException("int8 weight scales must be positive and finite, got " + s);
      }
    }
    values = values.clone();
    scales = scales.clone();
    bias = bias.clone();
  }

  /**
   * Quantises float weights laid out output channel by output channel.
   *
   * @param weights {@code bias.length} channels of equal length
   */
  public static Int8Weights quantise(float[] weights, float[] bias) {
    int channels = bias.length;
    if (channels == 0 || weights.length % channels != 0) {
      throw new IllegalArgumentException(weights.length + " weights do not split into " + channels + " output channels");
    }
    int per = weights.length / channels;
    byte[] values = new byte[weights.length];
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      float max = 0;
      for (int i = c * per; i < (c + 1) * per; i++) {
        max = Math.max(max, Math.abs(weights[i]));
      }
      float s = Math.max(max / 127f, MIN_SCALE);
      scales[c] = s;
      for (int i = c * per; i < (c + 1) * per; i++) {
        values[i] = (byte) Math.max(-127, Math.min(127, Math.rint(weights[i] / s)));
      }
    }
    return new Int8Weights(values, scales, bias);
  }

  /** The float32 weights the int8 values stand for, {@code q · s_c}. */
  public float[] dequantise() {
    int per = values.length / scales.length;
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] * scales[i / per];
    }
    return out;
  }

  @Override
  public byte[] values() {
    return values.clone();
  }

  @Override
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public float[] bias() {
    return bias.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Int8Weights w && Arrays.equals(values, w.values) && Arrays.equals(scales, w.scales)
        && Arrays.equals(bias, w.bias);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(values) + Arrays.hashCode(scales)) + Arrays.hashCode(bias);
  }

  @Override
  public String toString() {
    return "Int8Weights[" + values.length + " weights, " + scales.length + " channels]";
  }
}
