package io.soundtag.core.audio;

import io.soundtag.core.acoustics.Sections;
import io.soundtag.core.acoustics.Weighting;
import io.soundtag.core.simd.Simd;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The A-weighted equivalent continuous level LAeq of one window of samples, for the tagger's
 * per-window level and its level gate.
 *
 * <p>Levels are in dB re full scale with 0 dB a mean square of 1: a DC or square wave at full
 * scale reads 0 dB, a full-scale sine −3.01 dB. Silence reads {@link #FLOOR_DB}.
 *
 * <p>The weighting is the digital A filter of {@link Weighting#A} (within ±0.3 dB of IEC 61672-1
 * up to {@code min(10 kHz, 0.35·fs)}), the same one the noise-level meter uses. The window is
 * treated as one period of a periodic signal, as a DFT would: the filter state is primed by
 * running it over the window's last 100 ms first (the slowest pole, ω₁, decays by 10⁻⁵ in that
 * time), so the level has no start-up transient and tones that fit the window a whole number of
 * times read exactly. (A window of 400 ms or more is filtered as two halves at once, the second
 * primed over the 100 ms before it, which is faster and equal within that decay; where the JVM
 * has the Vector API (see {@link Simd#available}), one of 800 ms or more as four quarters
 * in SIMD lanes, each primed over the 100 ms before it, equal within the same decay.)
 */
public final class SoundLevel {

  /** The lowest level reported, for silence: a mean square of 1e-12. */
  public static final double FLOOR_DB = -120.0;

  private static final ConcurrentMap<Integer, AWeightingFilter> FILTERS = new ConcurrentHashMap<>();

  private SoundLevel() {}

  /** The analytic A weighting in dB at {@code hz}, 0 dB at 1 kHz; {@code −∞} at 0 Hz. */
  public static double aWeightingDb(double hz) {
    return Weighting.A.analyticDb(hz);
  }

  /** Unweighted equivalent level (mean square) of the window in dB re full scale. */
  public static double leq(float[] window) {
    double sum = 0;
    for (float x : window) {
      sum += (double) x * x;
    }
    return toDb(window.length == 0 ? 0 : sum / window.length);
  }

  /** LAeq of the window in dB re full scale (see the class comment). */
  public static double laeq(float[] window, int sampleRate) {
    int n = window.length;
    if (n < 2) {
      return FLOOR_DB;
    }
    return toDb(filter(sampleRate).meanSquare(window, Math.min(n, Math.max(1, sampleRate / 10))));
  }

  /** The digital weighting's gain in dB at {@code hz} for {@code sampleRate}, to compare with {@link #aWeightingDb}. */
  static double digitalWeightingDb(double hz, int sampleRate) {
    return filter(sampleRate).gainDb(hz);
  }

  private static AWeightingFilter filter(int sampleRate) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
    return FILTERS.computeIfAbsent(sampleRate, AWeightingFilter::new);
  }

  private static double toDb(double meanSquare) {
    return Math.max(FLOOR_DB, 10 * Math.log10(meanSquare));
  }

  /** Three biquads (b0 b1 b2 a1 a2 each, a0 = 1) realising the weighting at one rate; immutable. */
  private static final class AWeightingFilter {

    private final int sampleRate;
    private final double[][] sections;

    AWeightingFilter(int sampleRate) {
      this.sampleRate = sampleRate;
      Sections a = Weighting.A.filter(sampleRate);
      this.sections = new double[][] {a.section(0), a.section(1), a.section(2)};
    }

    double gainDb(double hz) {
      return Weighting.A.filter(sampleRate).gainDb(hz, sampleRate);
    }

    /**
     * Mean square of the weighted window, the state first primed over its last {@code prime}
     * samples. A long window is filtered as two halves at once, the second primed over the
     * {@code prime} samples before it: two independent recursions keep the core busy where one
     * would wait on its own latency, and the result differs only by the primed transient.
     */
    double meanSquare(float[] x, int prime) {
      int n = x.length;
      if (Simd.available() && n / WeightingLanes.LANES >= 2 * prime) {
        return quarters(x, prime) / n;
      }
      int half = n / 2;
      if (half < 2 * prime) {
        double[] state = new double[6];
        run(x, n - prime, n, state);
        return run(x, 0, n, state) / n;
      }
      double[] first = new double[6];
      double[] second = new double[6];
      run(x, n - prime, n, first);
      run(x, half - prime, half, second);
      double sum = runPair(x, half, first, second);
      // An odd length leaves the second half one sample longer.
      sum += run(x, 2 * half, n, second);
      return sum / n;
    }

    /** The sum of squares of the weighted window as four quarters in SIMD lanes, each primed over the {@code prime} samples before it. */
    private double quarters(float[] x, int prime) {
      int n = x.length;
      int q = n / WeightingLanes.LANES;
      double[][] state = new double[WeightingLanes.LANES][6];
      // The first quarter is primed over the window's end, as a periodic window's; the others over the quarter before.
      WeightingLanes.run(sections, x, new int[] {n - prime, q - prime, 2 * q - prime, 3 * q - prime}, prime, state,
          new double[WeightingLanes.LANES]);
      double[] sums = new double[WeightingLanes.LANES];
      WeightingLanes.run(sections, x, new int[] {0, q, 2 * q, 3 * q}, q, state, sums);
      double sum = ((sums[0] + sums[1]) + sums[2]) + sums[3];
      // A length not a multiple of four leaves the last quarter up to three samples longer.
      return sum + run(x, 4 * q, n, state[WeightingLanes.LANES - 1]);
    }

    /** Filters {@code x[0..half)} from {@code p} and {@code x[half..2·half)} from {@code q} together; returns the sum of squares. */
    private double runPair(float[] x, int half, double[] p, double[] q) {
      double[] a = sections[0];
      double[] b = sections[1];
      double[] d = sections[2];
      double pa1 = p[0], pa2 = p[1], pb1 = p[2], pb2 = p[3], pd1 = p[4], pd2 = p[5];
      double qa1 = q[0], qa2 = q[1], qb1 = q[2], qb2 = q[3], qd1 = q[4], qd2 = q[5];
      double sumP = 0;
      double sumQ = 0;
      for (int i = 0; i < half; i++) {
        double u = x[i];
        double v = x[half + i];
        double ua = a[0] * u + pa1;
        double va = a[0] * v + qa1;
        pa1 = a[1] * u - a[3] * ua + pa2;
        qa1 = a[1] * v - a[3] * va + qa2;
        pa2 = a[2] * u - a[4] * ua;
        qa2 = a[2] * v - a[4] * va;
        double ub = b[0] * ua + pb1;
        double vb = b[0] * va + qb1;
        pb1 = b[1] * ua - b[3] * ub + pb2;
        qb1 = b[1] * va - b[3] * vb + qb2;
        pb2 = b[2] * ua - b[4] * ub;
        qb2 = b[2] * va - b[4] * vb;
        double ud = d[0] * ub + pd1;
        double vd = d[0] * vb + qd1;
        pd1 = d[1] * ub - d[3] * ud + pd2;
        qd1 = d[1] * vb - d[3] * vd + qd2;
        pd2 = d[2] * ub - d[4] * ud;
        qd2 = d[2] * vb - d[4] * vd;
        sumP += ud * ud;
        sumQ += vd * vd;
      }
      q[0] = qa1;
      q[1] = qa2;
      q[2] = qb1;
      q[3] = qb2;
      q[4] = qd1;
      q[5] = qd2;
      return sumP + sumQ;
    }

    /** Filters {@code x[from..to)} on from {@code state} (updated) and returns the sum of the squared output. */
    private double run(float[] x, int from, int to, double[] state) {
      double[] a = sections[0];
      double[] b = sections[1];
      double[] d = sections[2];
      // Transposed direct form II, two state values per section.
      double a1 = state[0], a2 = state[1], b1 = state[2], b2 = state[3], d1 = state[4], d2 = state[5];
      double sum = 0;
      for (int i = from; i < to; i++) {
        double v = x[i];
        double ya = a[0] * v + a1;
        a1 = a[1] * v - a[3] * ya + a2;
        a2 = a[2] * v - a[4] * ya;
        double yb = b[0] * ya + b1;
        b1 = b[1] * ya - b[3] * yb + b2;
        b2 = b[2] * ya - b[4] * yb;
        double yd = d[0] * yb + d1;
        d1 = d[1] * yb - d[3] * yd + d2;
        d2 = d[2] * yb - d[4] * yd;
        sum += yd * yd;
      }
      state[0] = a1;
      state[1] = a2;
      state[2] = b1;
      state[3] = b2;
      state[4] = d1;
      state[5] = d2;
      return sum;
    }
  }
}
