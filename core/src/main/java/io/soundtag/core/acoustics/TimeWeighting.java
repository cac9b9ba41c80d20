package io.soundtag.core.acoustics;

/**
 * The exponential time weightings of IEC 61672-1: the squared frequency-weighted signal averaged
 * per sample by {@code y[n] = y[n−1] + k·(x[n]² − y[n−1])} with {@code k = 1 − e^(−1/(τ·fs))},
 * the exact sampled form of the analogue {@code (1/τ)·e^(−t/τ)} averager.
 */
public enum TimeWeighting {
  /** Fast, τ = 125 ms. */
  F(0.125),
  /** Slow, τ = 1 s. */
  S(1.0);

  private final double tauSeconds;

  TimeWeighting(double tauSeconds) {
    this.tauSeconds = tauSeconds;
  }

  /** The time constant τ in seconds. */
  public double tauSeconds() {
    return tauSeconds;
  }

  /** The per-sample coefficient {@code k} at {@code sampleRate}. */
  public double coefficient(double sampleRate) {
    return -Math.expm1(-1.0 / (tauSeconds * sampleRate));
  }
}
