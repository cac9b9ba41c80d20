package io.soundtag.core.features;

/**
 * Non-negative band weights over FFT bins, stored as one contiguous run of bins per band so a
 * frame costs only the non-zero products.
 */
final class SparseBands {

  /** Band {@code b} weighs bins {@code first[b]} to {@code first[b] + weights[b].length − 1}. */
  final int[] first;
  final double[][] weights;

  /** Keeps, per band, the bins from the first to the last weight above {@code floor}. */
  SparseBands(double[][] dense, double floor) {
    first = new int[dense.length];
    weights = new double[dense.length][];
    for (int b = 0; b < dense.length; b++) {
      int lo = 0;
      while (lo < dense[b].length && dense[b][lo] <= floor) {
        lo++;
      }
      int hi = dense[b].length;
      while (hi > lo && dense[b][hi - 1] <= floor) {
        hi--;
      }
      first[b] = lo;
      weights[b] = java.util.Arrays.copyOfRange(dense[b], lo, hi);
    }
  }

  int bands() {
    return weights.length;
  }

  /** Band energies {@code Σ_k w[b][k]·power[k]} into {@code out}. */
  void apply(double[] power, double[] out) {
    for (int b = 0; b < weights.length; b++) {
      double[] w = weights[b];
      int lo = first[b];
      double sum = 0;
      for (int k = 0; k < w.length; k++) {
        sum += w[k] * power[lo + k];
      }
      out[b] = sum;
    }
  }
}
