package io.soundtag.trainer.augment;

import java.util.SplittableRandom;

/**
 * Sample-level time shift of a waveform, the wave-domain augmentation of CED (CED §3.3): a
 * shift {@code s ~ U[−maxShift, maxShift]} samples, either rolled around the ends (circular) or
 * filled with silence.
 *
 * @param maxShift largest shift in samples (≥ 0)
 * @param circular roll the signal (true) or pad with zeros (false)
 */
public record TimeShift(int maxShift, boolean circular) implements WaveformAugmentation {

  public TimeShift {
    if (maxShift < 0) {
      throw new IllegalArgumentException("maxShift must be >= 0, got " + maxShift);
    }
  }

  @Override
  public float[] apply(float[] waveform, long seed) {
    int shift = new SplittableRandom(seed).nextInt(-maxShift, maxShift + 1);
    return shift(waveform, shift, circular);
  }

  /** Moves sample {@code i} to {@code i + shift}. */
  static float[] shift(float[] waveform, int shift, boolean circular) {
    int n = waveform.length;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      int to = i + shift;
      if (circular) {
        out[Math.floorMod(to, n)] = waveform[i];
      } else if (to >= 0 && to < n) {
        out[to] = waveform[i];
      }
    }
    return out;
  }
}
