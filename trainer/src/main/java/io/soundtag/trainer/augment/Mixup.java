package io.soundtag.trainer.augment;

import java.util.SplittableRandom;

/**
 * mixup (Zhang, Cisse, Dauphin &amp; Lopez-Paz, "mixup: Beyond empirical risk minimization", ICLR
 * 2018): {@code x = λ·x_a + (1 − λ)·x_b}, {@code y = λ·y_a + (1 − λ)·y_b} with {@code λ ~ Beta(α, α)}.
 * Works on waveforms or flattened feature matrices of equal length; Gao et al. train every branch
 * with it, CED uses a fixed λ = 0.5 on AudioSet-20K.
 *
 * @param alpha Beta shape parameter (&gt; 0); e.g. 0.3 for audio tagging
 */
public record Mixup(double alpha) {

  public Mixup {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("mixup alpha must be > 0, got " + alpha);
    }
  }

  public MixedSample apply(float[] a, float[] targetA, float[] b, float[] targetB, long seed) {
    return mix(a, targetA, b, targetB, BetaSampler.beta(alpha, alpha, new SplittableRandom(seed)));
  }

  /** Mixes with a given λ (e.g. CED's fixed 0.5). */
  public static MixedSample mix(float[] a, float[] targetA, float[] b, float[] targetB, double lambda) {
    if (a.length != b.length || targetA.length != targetB.length) {
      throw new IllegalArgumentException("mixup needs equal lengths: " + a.length + " vs " + b.length
          + " values, " + targetA.length + " vs " + targetB.length + " target classes");
    }
    float l = (float) lambda;
    float[] values = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      values[i] = l * a[i] + (1 - l) * b[i];
    }
    return new MixedSample(values, mixTargets(targetA, targetB, lambda), lambda);
  }

  static float[] mixTargets(float[] targetA, float[] targetB, double lambda) {
    float l = (float) lambda;
    float[] target = new float[targetA.length];
    for (int k = 0; k < target.length; k++) {
      target[k] = l * targetA[k] + (1 - l) * targetB[k];
    }
    return target;
  }
}
