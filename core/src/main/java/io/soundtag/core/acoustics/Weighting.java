package io.soundtag.core.acoustics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frequency weightings of IEC 61672-1: analytic (Annex E, normalised to exactly 0 dB at
 * 1 kHz) and as digital filters.
 *
 * <p>The analogue A weighting is {@code k·s⁴ / ((s+ω₁)²(s+ω₂)(s+ω₃)(s+ω₄)²)}, the C weighting
 * {@code k·s² / ((s+ω₁)²(s+ω₄)²)}. The digital C filter is two biquads: the double high-pass pole
 * ω₁ (20.6 Hz) by the bilinear transform, exact this far below Nyquist, and the double low-pass
 * pole ω₄ (12.2 kHz, near or above Nyquist at the rates sensors use) by the matched z-transform
 * ({@code z = e^(−ω₄/fs)}) with a numerator fitted to the analytic curve: the squared magnitude of
 * a two-zero numerator is a cosine polynomial {@code c₀ + c₁·cos ω + c₂·cos 2ω}, linear in its
 * coefficients, so a weighted least-squares fit of the relative error from 20 Hz to
 * {@code min(12.5 kHz, 0.42·fs)} is a 3×3 solve, and the minimum-phase numerator follows by
 * spectral factorisation. The digital A filter is the C filter followed by the ω₂, ω₃ high-pass
 * pair by the bilinear transform. Both are then normalised to 0 dB at 1 kHz. Against the
 * analytic curves they stay within ±0.3 dB from 31.5 Hz to {@code min(10 kHz, 0.35·fs)} at 16, 22.05,
 * 32, 44.1 and 48 kHz (tests check it); a bilinear design would be 1–3 dB low near Nyquist at 16 kHz.
 * Coefficients are computed once per sample rate.
 */
public enum Weighting {
  /** A weighting. */
  A,
  /** C weighting. */
  C,
  /** Z weighting: flat, no filter. */
  Z;

  // IEC 61672-1 Annex E pole frequencies (equations E.1 to E.4 and E.6, unrounded).
  static final double F1 = 20.598997;
  static final double F2 = 107.65265;
  static final double F3 = 737.86223;
  static final double F4 = 12194.217;

  private static final double RAW_A_1000 = rawA(1000);
  private static final double RAW_C_1000 = rawC(1000);
  private static final Map<Integer, Sections> C_FILTERS = new ConcurrentHashMap<>();
  private static final Map<Integer, Sections> A_TAILS = new ConcurrentHashMap<>();

  /** The analytic weighting in dB at {@code hz}, 0 dB at 1 kHz; {@code −∞} at 0 Hz for A and C. */
  public double analyticDb(double hz) {
    return switch (this) {
      case A -> rawA(hz) - RAW_A_1000;
      case C -> rawC(hz) - RAW_C_1000;
      case Z -> 0.0;
    };
  }

  /** The digital filter at {@code sampleRate}: C two sections, A three (C's then its own), Z none. */
  public Sections filter(int sampleRate) {
    checkRate(sampleRate);
    return switch (this) {
      case A -> cFilter(sampleRate).then(aTail(sampleRate));
      case C -> cFilter(sampleRate);
      case Z -> new Sections(new double[0][]);
    };
  }

  /** The C filter at {@code sampleRate}, 0 dB at 1 kHz. */
  static Sections cFilter(int sampleRate) {
    checkRate(sampleRate);
    return C_FILTERS.computeIfAbsent(sampleRate, Weighting::designC);
  }

  /** The section that turns C-weighted samples into A-weighted ones at {@code sampleRate}, 0 dB at 1 kHz. */
  static Sections aTail(int sampleRate) {
    checkRate(sampleRate);
    return A_TAILS.computeIfAbsent(sampleRate, Weighting::designATail);
  }

  private static void checkRate(int sampleRate) {
    if (sampleRate < 1000) {
      throw new IllegalArgumentException("sample rate must be at least 1000 Hz, got " + sampleRate);
    }
  }

  private static double rawA(double f) {
    double f2 = f * f;
    double num = F4 * F4 * f2 * f2;
    double den = (f2 + F1 * F1) * Math.sqrt((f2 + F2 * F2) * (f2 + F3 * F3)) * (f2 + F4 * F4);
    return 20 * Math.log10(num / den);
  }

  private static double rawC(double f) {
    double f2 = f * f;
    return 20 * Math.log10(F4 * F4 * f2 / ((f2 + F1 * F1) * (f2 + F4 * F4)));
  }

  /** {@code s²/((s+w)(s+v))} by the bilinear transform: one biquad. */
  private static double[] highPassPair(double fs, double w, double v) {
    double c = 2 * fs;
    // Each first-order s/(s+w) becomes (c/(c+w))·(1 − z⁻¹)/(1 + ((w−c)/(c+w))·z⁻¹).
    double gw = c / (c + w);
    double gv = c / (c + v);
    double pw = (w - c) / (c + w);
    double pv = (v - c) / (c + v);
    double g = gw * gv;
    return new double[] {g, -2 * g, g, pw + pv, pw * pv};
  }

  private static Sections designC(int sampleRate) {
    double fs = sampleRate;
    double w1 = 2 * Math.PI * F1;
    double w4 = 2 * Math.PI * F4;
    Sections highPass = new Sections(new double[][] {highPassPair(fs, w1, w1)});
    double p = Math.exp(-w4 / fs);
    double[] numerator = fitNumerator(fs, p, highPass);
    Sections c = highPass.then(new Sections(new double[][] {
      {numerator[0], numerator[1], numerator[2], -2 * p, p * p}}));
    return c.scaled(Math.pow(10, -c.gainDb(1000, fs) / 20));
  }

  private static Sections designATail(int sampleRate) {
    double fs = sampleRate;
    Sections tail = new Sections(new double[][] {highPassPair(fs, 2 * Math.PI * F2, 2 * Math.PI * F3)});
    // Normalised so that C filter then this tail is 0 dB at 1 kHz, as the analytic A is.
    double total = cFilter(sampleRate).gainDb(1000, fs) + tail.gainDb(1000, fs);
    return tail.scaled(Math.pow(10, -total / 20));
  }

  /**
   * The numerator {b0, b1, b2} over the double pole {@code p} that, after {@code highPass}, best
   * fits the analytic C weighting's magnitude (relative squared-magnitude error, least squares).
   */
  private static double[] fitNumerator(double fs, double p, Sections highPass) {
    double fLow = 20;
    double fHigh = Math.min(12500, 0.42 * fs);
    int points = 400;
    double[][] normal = new double[3][3];
    double[] rhs = new double[3];
    for (int i = 0; i < points; i++) {
      double f = fLow * Math.pow(fHigh / fLow, i / (points - 1.0));
      double w = 2 * Math.PI * f / fs;
      double analytic = Math.pow(10, rawC(f) / 10);
      double hp = Math.pow(10, highPass.gainDb(f, fs) / 10);
      double denominator = 1 + p * p - 2 * p * Math.cos(w);
      double target = analytic / hp * denominator * denominator;
      double[] basis = {1, Math.cos(w), Math.cos(2 * w)};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          normal[r][c] += basis[r] * basis[c] / (target * target);
        }
        rhs[r] += basis[r] / target;
      }
    }
    double[] c = solve3(normal, rhs);
    return factor(c[0], c[1], c[2]);
  }

  /**
   * A minimum-phase {b0, b1, b2} whose squared magnitude is {@code c0 + c1·cos ω + c2·cos 2ω}.
   * With {@code v = z + 1/z} the polynomial is {@code (c2/2)·v² + (c1/2)·v + c0 − c2}; each root v
   * gives a zero r inside the unit circle from {@code r + 1/r = v}.
   */
  static double[] factor(double c0, double c1, double c2) {
    if (Math.abs(c2) < 1e-15 * (Math.abs(c0) + Math.abs(c1))) {
      throw new IllegalStateException("weighting fit degenerated to a first-order numerator");
    }
    double qa = c2 / 2;
    double qb = c1 / 2;
    double qc = c0 - c2;
    double disc = qb * qb - 4 * qa * qc;
    double[] r1;
    double[] r2;
    if (disc >= 0) {
      double s = Math.sqrt(disc);
      r1 = insideRoot(new double[] {(-qb + s) / (2 * qa), 0});
      r2 = insideRoot(new double[] {(-qb - s) / (2 * qa), 0});
    } else {
      double s = Math.sqrt(-disc);
      r1 = insideRoot(new double[] {-qb / (2 * qa), s / (2 * qa)});
      r2 = new double[] {r1[0], -r1[1]};
    }
    // N(z) = (1 − r1 z⁻¹)(1 − r2 z⁻¹): real for real roots or a conjugate pair.
    double b1 = -(r1[0] + r2[0]);
    double b2 = r1[0] * r2[0] - r1[1] * r2[1];
    double atZero = c0 + c1 + c2;
    double n0 = (1 + b1 + b2) * (1 + b1 + b2);
    double g = Math.sqrt(atZero / n0);
    return new double[] {g, g * b1, g * b2};
  }

  /** The root of {@code r² − v·r + 1 = 0} inside the unit circle, complex numbers as {re, im}. */
  private static double[] insideRoot(double[] v) {
    // r = (v − sqrt(v² − 4)) / 2, or with the other sign.
    double re = v[0] * v[0] - v[1] * v[1] - 4;
    double im = 2 * v[0] * v[1];
    double mod = Math.hypot(re, im);
    double sre = Math.sqrt((mod + re) / 2);
    double sim = Math.copySign(Math.sqrt(Math.max(0, (mod - re) / 2)), im);
    double[] a = {(v[0] - sre) / 2, (v[1] - sim) / 2};
    double[] b = {(v[0] + sre) / 2, (v[1] + sim) / 2};
    return Math.hypot(a[0], a[1]) <= Math.hypot(b[0], b[1]) ? a : b;
  }

  private static double[] solve3(double[][] m, double[] y) {
    double[][] a = {m[0].clone(), m[1].clone(), m[2].clone()};
    double[] b = y.clone();
    for (int col = 0; col < 3; col++) {
      int pivot = col;
      for (int r = col + 1; r < 3; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      double tb = b[col];
      b[col] = b[pivot];
      b[pivot] = tb;
      for (int r = col + 1; r < 3; r++) {
        double f = a[r][col] / a[col][col];
        for (int c = col; c < 3; c++) {
          a[r][c] -= f * a[col][c];
        }
        b[r] -= f * b[col];
      }
    }
    double[] x = new double[3];
    for (int r = 2; r >= 0; r--) {
      double s = b[r];
      for (int c = r + 1; c < 3; c++) {
        s -= a[r][c] * x[c];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }
}
