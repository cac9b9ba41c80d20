package io.soundtag.trainer.augment;

import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import java.util.SplittableRandom;

/**
 * Freq-MixStyle (Schmid, Masoudian, Koutini &amp; Widmer, "Efficient Audio Classification /
 * CP-JKU submission to DCASE 2022 Task 1", 2022; after MixStyle, Zhou et al. 2021), the device
 * generalisation step of "Hierarchical Acoustic Scene Classification with Knowledge Distillation
 * and Pre-trained Dynamic Networks" (Bai et al.): with probability {@code p} a sample is
 * re-styled — its per-frequency-bin mean μ and standard deviation σ (over channels and frames)
 * are mixed with those of a partner sample, {@code μ' = λμ + (1 − λ)μ_partner},
 * {@code σ' = λσ + (1 − λ)σ_partner}, {@code λ ~ Beta(α, α)}, and the sample becomes
 * {@code (x − μ)/σ · σ' + μ'}.
 *
 * <p>Deviation from the CP-JKU code: there the coin is tossed once per batch and the partner is
 * the sample's neighbour in a random permutation of the batch. Here the coin, the partner and λ
 * are drawn per sample from that sample's seed (the caller draws the partner), so a view is a pure
 * function of its seed and a teacher can regenerate exactly the view its student sees.
 *
 * @param probability chance that a sample is re-styled, 0..1 (0.4 in the CP-JKU recipe)
 * @param alpha Beta shape (0.3 in the CP-JKU recipe)
 * @param eps added to the variance before the square root
 */
public record FreqMixStyle(double probability, double alpha, double eps) {

  public FreqMixStyle {
    if (probability < 0 || probability > 1 || !(alpha > 0) || !(eps > 0)) {
      throw new IllegalArgumentException("Freq-MixStyle needs 0 <= probability <= 1, alpha > 0, eps > 0");
    }
  }

  /** @return {@code x} re-styled towards {@code partner}, or a copy of {@code x} when the draw says no */
  public FeatureMatrix apply(FeatureMatrix x, FeatureMatrix partner, long seed) {
    if (!x.shape().equals(partner.shape())) {
      throw new IllegalArgumentException("Freq-MixStyle needs equal shapes: " + x.shape() + " vs " + partner.shape());
    }
    SplittableRandom random = new SplittableRandom(seed);
    if (random.nextDouble() >= probability) {
      return new FeatureMatrix(x.shape(), x.values().clone());
    }
    double lambda = BetaSampler.beta(alpha, alpha, random);
    FeatureShape shape = x.shape();
    double[] mean = new double[shape.bins()];
    double[] std = new double[shape.bins()];
    double[] partnerMean = new double[shape.bins()];
    double[] partnerStd = new double[shape.bins()];
    binStatistics(x, mean, std);
    binStatistics(partner, partnerMean, partnerStd);
    float[] in = x.values();
    float[] y = new float[in.length];
    for (int b = 0; b < shape.bins(); b++) {
      double mu = lambda * mean[b] + (1 - lambda) * partnerMean[b];
      double sigma = lambda * std[b] + (1 - lambda) * partnerStd[b];
      for (int c = 0; c < shape.channels(); c++) {
        int row = (c * shape.bins() + b) * shape.frames();
        for (int t = 0; t < shape.frames(); t++) {
          y[row + t] = (float) ((in[row + t] - mean[b]) / std[b] * sigma + mu);
        }
      }
    }
    return new FeatureMatrix(shape, y);
  }

  private void binStatistics(FeatureMatrix m, double[] mean, double[] std) {
    FeatureShape s = m.shape();
    int count = s.channels() * s.frames();
    for (int b = 0; b < s.bins(); b++) {
      double sum = 0;
      for (int c = 0; c < s.channels(); c++) {
        for (int t = 0; t < s.frames(); t++) {
          sum += m.get(c, b, t);
        }
      }
      double mu = sum / count;
      double var = 0;
      for (int c = 0; c < s.channels(); c++) {
        for (int t = 0; t < s.frames(); t++) {
          double d = m.get(c, b, t) - mu;
          var += d * d;
        }
      }
      mean[b] = mu;
      std[b] = Math.sqrt(var / count + eps);
    }
  }
}
