package io.soundtag.core.acoustics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base-ten one-third-octave bands of IEC 61260-1 a sample rate can carry, and their filters.
 *
 * <p>Mid-band frequencies are {@code 1000·10^(k/10)} Hz and band edges {@code ×10^(∓1/20)}, for
 * {@code k = −16…+10} (nominal 25 Hz to 10 kHz), keeping every band whose upper edge lies below
 * {@code 0.45·fs}. Each filter is an order-3 Butterworth band-pass between the band edges,
 * made digital by the bilinear transform with both edges prewarped, exactly as SciPy's
 * {@code butter(3, [lower, upper], btype="bandpass", fs=fs)} designs it: three biquads, each with
 * the numerator {@code 1 − z⁻²}, −3.01 dB at the band edges. It meets the class 1 limits of
 * IEC 61260-1 (tests check it at every rate the project handles).
 *
 * <p>The bands are filtered as a multirate bank: the signal is low-passed and decimated by two,
 * again and again ({@link #antiAlias}: an order-6 Butterworth low-pass at {@code 0.19·r}, flat to
 * 0.002 dB up to {@code 0.1125·r} and at least 73 dB down from {@code 0.39·r}, where what it lets
 * through would alias onto a band), and each band is filtered at the lowest of those rates
 * {@code r = fs/2^stage} that keeps its upper edge below {@code 0.225·r} (one octave per stage;
 * the top ones, up to {@code 0.45·fs}, at the full rate). Its filter is designed at that rate, so
 * the low bands cost a fraction of a full-rate filter; {@link #responseDb} is the response of the
 * whole path, aliasing included, and it is what meets class 1.
 */
public final class ThirdOctaveBands {

  /** One band: its index k, nominal label, exact mid-band and edge frequencies. */
  public record Band(int index, String nominal, double midHz, double lowerHz, double upperHz) {}

  /** The lowest and highest k. */
  public static final int FIRST = -16;
  public static final int LAST = 10;

  private static final String[] NOMINAL = {
    "25", "31.5", "40", "50", "63", "80", "100", "125", "160", "200", "250", "315", "400", "500", "630", "800",
    "1000", "1250", "1600", "2000", "2500", "3150", "4000", "5000", "6300", "8000", "10000",
  };

  private static final Map<Integer, ThirdOctaveBands> CACHE = new ConcurrentHashMap<>();

  private final int sampleRate;
  private final List<Band> bands;
  private final List<Sections> filters;
  private final int[] stages;
  private final List<Sections> antiAlias;

  /** A band is filtered at the lowest rate r = fs/2^stage (stage ≥ 1) that keeps its upper edge below this fraction of r. */
  static final double DECIMATED_UPPER_EDGE = 0.225;
  /** The anti-alias low-pass before each decimation: Butterworth of this order, cut off at this fraction of its input rate. */
  static final int ANTI_ALIAS_ORDER = 6;
  static final double ANTI_ALIAS_CUTOFF = 0.19;

  private ThirdOctaveBands(int sampleRate) {
    this.sampleRate = sampleRate;
    List<Band> b = new ArrayList<>();
    List<Sections> f = new ArrayList<>();
    List<Integer> st = new ArrayList<>();
    for (int k = FIRST; k <= LAST; k++) {
      Band band = band(k);
      if (band.upperHz() < 0.45 * sampleRate) {
        int stage = 0;
        while (band.upperHz() < DECIMATED_UPPER_EDGE * stageRate(sampleRate, stage + 1)) {
          stage++;
        }
        b.add(band);
        st.add(stage);
        f.add(classOneBandPass(band.lowerHz(), band.upperHz(), stageRate(sampleRate, stage)));
      }
    }
    this.bands = List.copyOf(b);
    this.filters = List.copyOf(f);
    this.stages = st.stream().mapToInt(Integer::intValue).toArray();
    List<Sections> aa = new ArrayList<>();
    int lastStage = java.util.Arrays.stream(stages).max().orElse(0);
    for (int s = 0; s < lastStage; s++) {
      double r = stageRate(sampleRate, s);
      aa.add(butterworthLowPass(ANTI_ALIAS_ORDER, ANTI_ALIAS_CUTOFF * r, r));
    }
    this.antiAlias = List.copyOf(aa);
  }

  private static double stageRate(int sampleRate, int stage) {
    return sampleRate / (double) (1L << stage);
  }

  /** The bands and filters at {@code sampleRate}; computed once per rate. */
  public static ThirdOctaveBands at(int sampleRate) {
    if (sampleRate < 1000) {
      throw new IllegalArgumentException("sample rate must be at least 1000 Hz, got " + sampleRate);
    }
    return CACHE.computeIfAbsent(sampleRate, ThirdOctaveBands::new);
  }

  /** Band {@code k} (−16…10), whatever the rate. */
  public static Band band(int k) {
    if (k < FIRST || k > LAST) {
      throw new IllegalArgumentException("band index must be in " + FIRST + ".." + LAST + ", got " + k);
    }
    double mid = 1000 * Math.pow(10, k / 10.0);
    return new Band(k, NOMINAL[k - FIRST], mid, mid * Math.pow(10, -1 / 20.0), mid * Math.pow(10, 1 / 20.0));
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** The bands, lowest first. */
  public List<Band> bands() {
    return bands;
  }

  /** The filter of band {@code i} of {@link #bands()}, designed for the rate of its {@link #stage}. */
  public Sections filter(int i) {
    return filters.get(i);
  }

  /** The decimation stage band {@code i} is filtered at: its rate is {@code fs / 2^stage}. */
  public int stage(int i) {
    return stages[i];
  }

  /** The rate of {@code stage}: {@code fs / 2^stage}. */
  public double stageRate(int stage) {
    return stageRate(sampleRate, stage);
  }

  /** How many decimations the bank makes (0 when every band runs at the full rate). */
  public int decimations() {
    return antiAlias.size();
  }

  /** The low-pass applied to stage {@code s}'s signal (at its rate) before keeping every other sample for stage s + 1. */
  public Sections antiAlias(int s) {
    return antiAlias.get(s);
  }

  /**
   * The magnitude response in dB of band {@code i}'s whole path to a tone at {@code hz} (below
   * fs/2): each anti-alias low-pass at the tone's frequency at that stage, then the band filter;
   * keeping every other sample folds the tone to {@code |f mod r'|} with {@code r' = r/2}, mirrored
   * about r'/2.
   */
  public double responseDb(int i, double hz) {
    double f = hz;
    double db = 0;
    for (int s = 0; s < stages[i]; s++) {
      double r = stageRate(s);
      db += antiAlias.get(s).gainDb(f, r);
      double next = r / 2;
      f = f % next;
      if (f > next / 2) {
        f = next - f;
      }
    }
    return db + filters.get(i).gainDb(f, stageRate(stages[i]));
  }

  /**
   * The lowest-order Butterworth band-pass, from order 3 up, that meets the class 1 limits of
   * IEC 61260-1 at {@code fs}. Near Nyquist the bilinear transform widens a band's relative
   * bandwidth and so flattens its lower skirt; there an order 3 filter misses the stop-band
   * limits below the band and a higher order is used.
   */
  static Sections classOneBandPass(double lower, double upper, double fs) {
    for (int order = 3; order <= MAX_ORDER; order++) {
      Sections s = butterworthBandPass(order, lower, upper, fs);
      if (meetsClassOne(s, Math.sqrt(lower * upper), fs)) {
        return s;
      }
    }
    throw new IllegalStateException("no Butterworth band-pass up to order " + MAX_ORDER + " meets class 1 for "
        + lower + "–" + upper + " Hz at " + fs + " Hz");
  }

  private static final int MAX_ORDER = 8;

  // IEC 61260-1:2014 Table 1, class 1: octave breakpoints G^x and the least and most relative attenuation (dB).
  private static final double[] MASK_X = {0, 1 / 8.0, 1 / 4.0, 3 / 8.0, 1 / 2.0, 1, 2, 3, 4};
  private static final double[] MASK_LEAST = {-0.3, -0.3, -0.3, -0.3, 2.0, 17.5, 42.0, 61.0, 70.0};
  private static final double[] MASK_MOST = {0.3, 0.4, 0.6, 1.3, 5.0, Double.POSITIVE_INFINITY,
    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};

  private static boolean meetsClassOne(Sections s, double mid, double fs) {
    double g = Math.pow(10, 0.3);
    for (int j = 0; j < MASK_X.length; j++) {
      // One-third-octave breakpoints from the octave ones (IEC 61260-1:2014, 5.10).
      double omega = 1 + (Math.pow(g, 1 / 6.0) - 1) / (Math.pow(g, 0.5) - 1) * (Math.pow(g, MASK_X[j]) - 1);
      for (double hz : new double[] {mid * omega, mid / omega}) {
        if (hz < fs / 2) {
          double attenuation = -s.gainDb(hz, fs);
          if (attenuation < MASK_LEAST[j] || attenuation > MASK_MOST[j]) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * Order-N Butterworth band-pass from {@code lower} to {@code upper} Hz, as SciPy's
   * {@code butter(N, [lower, upper], btype="bandpass", fs=fs)}: the analogue prototype's poles
   * through the low-pass to band-pass transform at the prewarped edges, then the bilinear
   * transform; N zeros at z = 1 and N at z = −1, so each of the N sections has the numerator
   * {@code g·(1 − z⁻²)}.
   */
  static Sections butterworthBandPass(int order, double lower, double upper, double fs) {
    double c = 2 * fs;
    double w1 = c * Math.tan(Math.PI * lower / fs);
    double w2 = c * Math.tan(Math.PI * upper / fs);
    double bw = w2 - w1;
    double w0sq = w1 * w2;
    double[][] sections = new double[order][];
    int n = 0;
    // Gain: the analogue band-pass has bw^N; the bilinear transform makes it bw^N·c^N / Π(c − s) over the 2N poles,
    // which come in conjugate pairs, so Π|c − s|² over the N in the upper half-plane.
    double gain = Math.pow(bw * c, order);
    for (int m = 1 - order; m <= order - 1; m += 2) {
      // Butterworth prototype pole −exp(iπm/(2N)), scaled by bw/2.
      double pre = -Math.cos(Math.PI * m / (2.0 * order)) * bw / 2;
      double pim = -Math.sin(Math.PI * m / (2.0 * order)) * bw / 2;
      // Band-pass poles p ± sqrt(p² − w0²).
      double dre = pre * pre - pim * pim - w0sq;
      double dim = 2 * pre * pim;
      double mod = Math.hypot(dre, dim);
      double sre = Math.sqrt((mod + dre) / 2);
      double sim = Math.copySign(Math.sqrt(Math.max(0, (mod - dre) / 2)), dim);
      for (int sign = -1; sign <= 1; sign += 2) {
        double[] s = {pre + sign * sre, pim + sign * sim};
        if (s[1] <= 0) {
          continue;
        }
        double[] z = bilinear(s, c);
        sections[n++] = new double[] {1, 0, -1, -2 * z[0], z[0] * z[0] + z[1] * z[1]};
        gain /= (c - s[0]) * (c - s[0]) + s[1] * s[1];
      }
    }
    if (n != order) {
      throw new IllegalStateException("band " + lower + "–" + upper + " Hz at " + fs + " Hz has " + n + " pole pairs");
    }
    double g = Math.pow(gain, 1.0 / order);
    for (double[] q : sections) {
      q[0] *= g;
      q[2] *= g;
    }
    return new Sections(sections);
  }

  /**
   * Order-N Butterworth low-pass cut off at {@code cutoff} Hz, as SciPy's
   * {@code butter(N, cutoff, fs=fs)}: the prototype poles at the prewarped cut-off, the bilinear
   * transform, N zeros at z = −1; each section {@code g·(1 + 2z⁻¹ + z⁻²)} with unit gain at 0 Hz.
   */
  static Sections butterworthLowPass(int order, double cutoff, double fs) {
    if (order % 2 != 0) {
      throw new IllegalArgumentException("the low-pass order must be even, got " + order);
    }
    double c = 2 * fs;
    double wc = c * Math.tan(Math.PI * cutoff / fs);
    double[][] sections = new double[order / 2][];
    for (int k = 0; k < order / 2; k++) {
      double theta = Math.PI * (2 * k + 1 + order) / (2.0 * order);
      double[] z = bilinear(new double[] {wc * Math.cos(theta), Math.abs(wc * Math.sin(theta))}, c);
      double a1 = -2 * z[0];
      double a2 = z[0] * z[0] + z[1] * z[1];
      double g = (1 + a1 + a2) / 4;
      sections[k] = new double[] {g, 2 * g, g, a1, a2};
    }
    return new Sections(sections);
  }

  private static double[] bilinear(double[] s, double c) {
    // z = (c + s)/(c − s)
    double nre = c + s[0];
    double nim = s[1];
    double dre = c - s[0];
    double dim = -s[1];
    double d = dre * dre + dim * dim;
    return new double[] {(nre * dre + nim * dim) / d, (nim * dre - nre * dim) / d};
  }
}
