package io.soundtag.trainer.augment;

import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * FMix (Harris, Marcu, Painter, Niranjan, Prügel-Bennett &amp; Hare, "FMix: Enhancing Mixed Sample
 * Data Augmentation", arXiv:2002.12047, 2020), on the (bins, frames) plane of feature matrices, as
 * Bai et al. uses it for acoustic scenes: a random spectrum with amplitude {@code 1/f^δ} is
 * inverse-transformed into a smooth grey image, the top {@code λ} share of its pixels
 * ({@code λ ~ Beta(α, α)}) becomes a binary mask, and the mix is {@code mask·a + (1 − mask)·b}
 * (same mask for every channel), with targets mixed by the mask's actual share.
 *
 * <p>Only spatial frequencies up to {@code maxFrequency} cycles per axis are synthesised: with
 * decay δ = 3 a component at 8 cycles has 1/512 of the weight of one at 1 cycle, so the mask's
 * shape is the same while the cost stays {@code O(bins·frames·maxFrequency²)}.
 *
 * @param alpha Beta shape for λ (&gt; 0), 1 in the FMix paper
 * @param decayPower δ, 3 in the FMix paper
 * @param maxFrequency highest synthesised spatial frequency, cycles per axis (≥ 1)
 */
public record FMix(double alpha, double decayPower, int maxFrequency) {

  public FMix {
    if (!(alpha > 0) || !(decayPower > 0) || maxFrequency < 1) {
      throw new IllegalArgumentException(
          "FMix needs alpha > 0, decayPower > 0, maxFrequency >= 1; got " + alpha + ", " + decayPower + ", " + maxFrequency);
    }
  }

  /** The FMix paper's defaults: α = 1, δ = 3, up to 8 cycles per axis. */
  public static FMix defaults() {
    return new FMix(1, 3, 8);
  }

  public MixedSample apply(FeatureMatrix a, float[] targetA, FeatureMatrix b, float[] targetB, long seed) {
    if (!a.shape().equals(b.shape())) {
      throw new IllegalArgumentException("FMix needs equal shapes: " + a.shape() + " vs " + b.shape());
    }
    SplittableRandom random = new SplittableRandom(seed);
    double lambda = BetaSampler.beta(alpha, alpha, random);
    FeatureShape shape = a.shape();
    boolean[] mask = mask(shape.bins(), shape.frames(), lambda, random);
    int plane = shape.bins() * shape.frames();
    float[] values = new float[shape.size()];
    int ones = 0;
    for (int i = 0; i < plane; i++) {
      ones += mask[i] ? 1 : 0;
    }
    for (int c = 0; c < shape.channels(); c++) {
      for (int i = 0; i < plane; i++) {
        int at = c * plane + i;
        values[at] = mask[i] ? a.values()[at] : b.values()[at];
      }
    }
    double share = (double) ones / plane;
    return new MixedSample(values, Mixup.mixTargets(targetA, targetB, share), share);
  }

  /** Binary mask over bins × frames (row-major) with round(λ·bins·frames) ones. */
  boolean[] mask(int bins, int frames, double lambda, SplittableRandom random) {
    double[] grey = new double[bins * frames];
    int kMax = maxFrequency;
    for (int ky = -kMax; ky <= kMax; ky++) {
      for (int kx = 0; kx <= kMax; kx++) {
        if (kx == 0 && ky <= 0) {
          continue; // half plane: the other half is the complex conjugate; skip the DC term
        }
        double fy = (double) ky / bins;
        double fx = (double) kx / frames;
        double f = Math.max(Math.sqrt(fy * fy + fx * fx), 1.0 / Math.max(bins, frames));
        double amplitude = Math.pow(f, -decayPower);
        double re = BetaSampler.normal(random) * amplitude;
        double im = BetaSampler.normal(random) * amplitude;
        for (int y = 0; y < bins; y++) {
          for (int x = 0; x < frames; x++) {
            double phase = 2 * Math.PI * (fy * y + fx * x);
            grey[y * frames + x] += re * Math.cos(phase) - im * Math.sin(phase);
          }
        }
      }
    }
    int ones = (int) Math.round(lambda * grey.length);
    Integer[] order = new Integer[grey.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (i, j) -> Double.compare(grey[j], grey[i]));
    boolean[] mask = new boolean[grey.length];
    for (int i = 0; i < ones; i++) {
      mask[order[i]] = true;
    }
    return mask;
  }
}
