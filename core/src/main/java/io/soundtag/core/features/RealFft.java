package io.soundtag.core.features;

/**
 * Discrete Fourier transform of a real sequence of any length {@code n}, returning bins
 * {@code 0..n/2}.
 *
 * <p>Even powers of two use the half-length complex trick: the {@code n} reals are packed as
 * {@code n/2} complex values, transformed by an iterative radix-2 FFT and split into the real
 * spectrum. Other lengths use Bluestein's chirp-z algorithm over a power-of-two FFT. The object
 * holds only read-only tables and is thread-safe; callers pass a {@link Scratch} per thread so
 * the hot path allocates nothing.
 */
public final class RealFft {

  private final int n;
  private final boolean packed;
  /** Length of the complex FFT that does the work. */
  private final int m;
  // The tables are read by SpectrumLanes too, which runs the same transform on several frames at once.
  final int[] bitReverse;
  /** Twiddles of the complex FFT: {@code exp(-2πi j/m)}, {@code j < m/2}. */
  final double[] twRe;
  final double[] twIm;
  /** Split twiddles of the packed real transform: {@code exp(-2πi k/n)}, {@code k <= n/4}. */
  final double[] splitRe;
  final double[] splitIm;
  /** Bluestein chirp {@code exp(-πi k²/n)} and the FFT of its conjugate, zero-padded to m. */
  private final double[] chirpRe;
  private final double[] chirpIm;
  private final double[] kernelRe;
  private final double[] kernelIm;

  /** Per-thread working arrays of one transform. */
  public static final class Scratch {
    final double[] re;
    final double[] im;

    private Scratch(int m) {
      re = new double[m];
      im = new double[m];
    }
  }

  /** Tables for transforms of length {@code n ≥ 2}. */
  public RealFft(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("FFT length must be at least 2, got " + n);
    }
    this.n = n;
    this.packed = Integer.bitCount(n) == 1 && n >= 4;
    this.m = packed ? n / 2 : Integer.highestOneBit(2 * n - 1) << 1;
    this.twRe = new double[m / 2];
    this.twIm = new double[m / 2];
    for (int j = 0; j < m / 2; j++) {
      twRe[j] = Math.cos(2 * Math.PI * j / m);
      twIm[j] = -Math.sin(2 * Math.PI * j / m);
    }
    this.bitReverse = new int[m];
    int bits = Integer.numberOfTrailingZeros(m);
    for (int i = 0; i < m; i++) {
      bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    if (packed) {
      splitRe = new double[n / 4 + 1];
      splitIm = new double[n / 4 + 1];
      for (int k = 0; k <= n / 4; k++) {
        splitRe[k] = Math.cos(2 * Math.PI * k / n);
        splitIm[k] = -Math.sin(2 * Math.PI * k / n);
      }
      // Exact at a quarter turn, so bin n/4, written twice by the split loop, gets one value.
      splitRe[n / 4] = 0.0;
      splitIm[n / 4] = -1.0;
      chirpRe = chirpIm = kernelRe = kernelIm = null;
    } else {
      splitRe = splitIm = null;
      chirpRe = new double[n];
      chirpIm = new double[n];
      kernelRe = new double[m];
      kernelIm = new double[m];
      for (int k = 0; k < n; k++) {
        // k² mod 2n keeps the angle small so it stays exact for long transforms.
        double angle = Math.PI * ((long) k * k % (2L * n)) / n;
        chirpRe[k] = Math.cos(angle);
        chirpIm[k] = -Math.sin(angle);
        kernelRe[k] = chirpRe[k];
        kernelIm[k] = -chirpIm[k];
        if (k > 0) {
          kernelRe[m - k] = chirpRe[k];
          kernelIm[m - k] = -chirpIm[k];
        }
      }
      complexFft(kernelRe, kernelIm, false);
    }
  }

  /** The transform length. */
  public int length() {
    return n;
  }

  /** {@code n/2 + 1}. */
  public int bins() {
    return n / 2 + 1;
  }

  /** Points of the complex FFT that does the work: {@code n/2} for {@link #packed()} lengths. */
  int points() {
    return m;
  }

  /** Working arrays for one thread. */
  public Scratch newScratch() {
    return new Scratch(m);
  }

  /**
   * Power spectrum {@code |X_k|²}, {@code k = 0..n/2}, of {@code input[0..n)} into {@code power}.
   */
  public void power(double[] input, double[] power, Scratch scratch) {
    double[] re = scratch.re;
    double[] im = scratch.im;
    if (packed) {
      packedForward(input, re, im);
      splitPower(re, im, power);
    } else {
      bluestein(input, re, im);
      for (int k = 0; k <= n / 2; k++) {
        power[k] = re[k] * re[k] + im[k] * im[k];
      }
    }
  }

  /** Whether {@link #windowedPower} applies: {@code n} is an even power of two of at least 4. */
  public boolean packed() {
    return packed;
  }

  /**
   * Power spectrum of {@code x[offset + t]·window[t]}, {@code t < n}: {@link #power} of the
   * windowed frame with the windowing done while packing, so a frame is read once. Only for
   * {@link #packed()} lengths.
   */
  public void windowedPower(float[] x, int offset, double[] window, double[] power, Scratch scratch) {
    if (!packed || window.length != n) {
      throw new IllegalArgumentException("windowedPower needs a power-of-two length and a window of " + n);
    }
    double[] re = scratch.re;
    double[] im = scratch.im;
    if (eightPointFirstPass()) {
      windowedFirstPass8(x, offset, window, re, im);
      laterPasses(re, im, 1.0, 16);
    } else if (m >= 4) {
      windowedFirstPass(x, offset, window, re, im);
      laterPasses(re, im, 1.0, 8);
    } else {
      for (int j = 0; j < m; j++) {
        int r = bitReverse[j];
        re[r] = x[offset + 2 * j] * window[2 * j];
        im[r] = x[offset + 2 * j + 1] * window[2 * j + 1];
      }
      butterflies(re, im, false);
    }
    splitPower(re, im, power);
  }

  /**
   * Whether {@link #windowedPower} takes the first three stages in one pass: where the stages are
   * odd in number, so that the rest pair up and no lone radix-2 pass over the whole array is left.
   */
  boolean eightPointFirstPass() {
    return m >= 8 && Integer.numberOfTrailingZeros(m) % 2 == 1;
  }

  /**
   * The first three forward stages from the windowed input, eight points at a time: two four-point
   * transforms as {@link #windowedFirstPass}'s, joined by the size-8 stage, whose twiddles are
   * 1, {@code exp(−iπ/4)}, −i and {@code exp(−3iπ/4)}.
   */
  private void windowedFirstPass8(float[] x, int offset, double[] window, double[] re, double[] im) {
    double w1r = twRe[m / 8];
    double w1i = twIm[m / 8];
    double w3r = twRe[3 * m / 8];
    double w3i = twIm[3 * m / 8];
    for (int s = 0; s < m; s += 8) {
      windowedFourPoint(x, offset, window, s, re, im);
      windowedFourPoint(x, offset, window, s + 4, re, im);
      // Point k of the second four times w^k, w = exp(−iπ/4); w² = −i is a swap: (q2i, −q2r).
      double q1r = re[s + 5] * w1r - im[s + 5] * w1i;
      double q1i = re[s + 5] * w1i + im[s + 5] * w1r;
      double q3r = re[s + 7] * w3r - im[s + 7] * w3i;
      double q3i = re[s + 7] * w3i + im[s + 7] * w3r;
      join(re, im, s, s + 4, re[s + 4], im[s + 4]);
      join(re, im, s + 1, s + 5, q1r, q1i);
      join(re, im, s + 2, s + 6, im[s + 6], -re[s + 6]);
      join(re, im, s + 3, s + 7, q3r, q3i);
    }
  }

  /** Point {@code a} becomes {@code a + q} and point {@code b} {@code a − q}. */
  private static void join(double[] re, double[] im, int a, int b, double qr, double qi) {
    double ar = re[a];
    double ai = im[a];
    re[a] = ar + qr;
    im[a] = ai + qi;
    re[b] = ar - qr;
    im[b] = ai - qi;
  }


  /**
   * The first two forward stages read straight from the windowed input: point {@code s} of the
   * bit-reversed order is input pair {@code bitReverse[s]} (the permutation is its own inverse),
   * so the permutation costs no pass of its own.
   */
  private void windowedFirstPass(float[] x, int offset, double[] window, double[] re, double[] im) {
    for (int s = 0; s < m; s += 4) {
      windowedFourPoint(x, offset, window, s, re, im);
    }
  }

  /** Points {@code s} to {@code s + 3} after the first two stages. */
  private void windowedFourPoint(float[] x, int offset, double[] window, int s, double[] re, double[] im) {
    int j0 = 2 * bitReverse[s];
    int j1 = 2 * bitReverse[s + 1];
    int j2 = 2 * bitReverse[s + 2];
    int j3 = 2 * bitReverse[s + 3];
    double a0r = x[offset + j0] * window[j0];
    double a0i = x[offset + j0 + 1] * window[j0 + 1];
    double a1r = x[offset + j1] * window[j1];
    double a1i = x[offset + j1 + 1] * window[j1 + 1];
    double a2r = x[offset + j2] * window[j2];
    double a2i = x[offset + j2 + 1] * window[j2 + 1];
    double a3r = x[offset + j3] * window[j3];
    double a3i = x[offset + j3 + 1] * window[j3 + 1];
    double r0 = a0r + a1r;
    double i0 = a0i + a1i;
    double r1 = a0r - a1r;
    double i1 = a0i - a1i;
    double r2 = a2r + a3r;
    double i2 = a2i + a3i;
    double r3 = a2r - a3r;
    double i3 = a2i - a3i;
    re[s] = r0 + r2;
    im[s] = i0 + i2;
    re[s + 2] = r0 - r2;
    im[s + 2] = i0 - i2;
    re[s + 1] = r1 + i3;
    im[s + 1] = i1 - r3;
    re[s + 3] = r1 - i3;
    im[s + 3] = i1 + r3;
  }

  private void splitPower(double[] re, double[] im, double[] power) {
    int half = m;
    power[0] = sq(re[0] + im[0]);
    power[half] = sq(re[0] - im[0]);
    for (int k = 1; k <= half / 2; k++) {
      int j = half - k;
      // X[k] = (Z[k] + conj Z[j]) / 2 - i·w^k·(Z[k] − conj Z[j]) / 2, and X[j] by symmetry.
      double sumRe = re[k] + re[j];
      double sumIm = im[k] - im[j];
      double difRe = re[k] - re[j];
      double difIm = im[k] + im[j];
      double wr = splitRe[k];
      double wi = splitIm[k];
      // t = w·(dif) ; X[k] = (sum − i·t)/2 ; X[j] = conj(sum + i·t)/2 with the roles mirrored.
      double tRe = wr * difRe - wi * difIm;
      double tIm = wr * difIm + wi * difRe;
      // Twice X[k] and X[j] (X[j]'s imaginary part negated), the halving applied to the power as
      // a quarter: scaling by powers of two is exact, so this is |X|² to the bit, two products fewer.
      double xkRe = sumRe + tIm;
      double xkIm = sumIm - tRe;
      double xjRe = sumRe - tIm;
      double xjIm = sumIm + tRe;
      power[k] = 0.25 * (xkRe * xkRe + xkIm * xkIm);
      power[j] = 0.25 * (xjRe * xjRe + xjIm * xjIm);
    }
  }

  /** Complex spectrum, bins {@code 0..n/2}, of {@code input[0..n)}. */
  public void transform(double[] input, double[] outRe, double[] outIm, Scratch scratch) {
    double[] re = scratch.re;
    double[] im = scratch.im;
    if (packed) {
      packedForward(input, re, im);
      int half = m;
      outRe[0] = re[0] + im[0];
      outIm[0] = 0;
      outRe[half] = re[0] - im[0];
      outIm[half] = 0;
      for (int k = 1; k <= half / 2; k++) {
        int j = half - k;
        double sumRe = re[k] + re[j];
        double sumIm = im[k] - im[j];
        double difRe = re[k] - re[j];
        double difIm = im[k] + im[j];
        double tRe = splitRe[k] * difRe - splitIm[k] * difIm;
        double tIm = splitRe[k] * difIm + splitIm[k] * difRe;
        outRe[k] = 0.5 * (sumRe + tIm);
        outIm[k] = 0.5 * (sumIm - tRe);
        outRe[j] = 0.5 * (sumRe - tIm);
        outIm[j] = 0.5 * (-sumIm - tRe);
      }
    } else {
      bluestein(input, re, im);
      System.arraycopy(re, 0, outRe, 0, n / 2 + 1);
      System.arraycopy(im, 0, outIm, 0, n / 2 + 1);
    }
  }

  private static double sq(double v) {
    return v * v;
  }

  private void packedForward(double[] input, double[] re, double[] im) {
    for (int j = 0; j < m; j++) {
      int r = bitReverse[j];
      re[r] = input[2 * j];
      im[r] = input[2 * j + 1];
    }
    butterflies(re, im, false);
  }

  private void bluestein(double[] input, double[] re, double[] im) {
    for (int k = 0; k < n; k++) {
      re[k] = input[k] * chirpRe[k];
      im[k] = input[k] * chirpIm[k];
    }
    java.util.Arrays.fill(re, n, m, 0.0);
    java.util.Arrays.fill(im, n, m, 0.0);
    complexFft(re, im, false);
    for (int k = 0; k < m; k++) {
      double r = re[k] * kernelRe[k] - im[k] * kernelIm[k];
      double i = re[k] * kernelIm[k] + im[k] * kernelRe[k];
      re[k] = r;
      im[k] = i;
    }
    complexFft(re, im, true);
    for (int k = 0; k <= n / 2; k++) {
      double r = re[k] / m;
      double i = im[k] / m;
      re[k] = r * chirpRe[k] - i * chirpIm[k];
      im[k] = r * chirpIm[k] + i * chirpRe[k];
    }
  }

  private void complexFft(double[] re, double[] im, boolean inverse) {
    for (int i = 0; i < m; i++) {
      int j = bitReverse[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    butterflies(re, im, inverse);
  }

  /**
   * In-place decimation-in-time butterflies over bit-reversed input. The first two stages have
   * trivial twiddles (1 and −i) and are done together; later stages go two at a time (radix 2²),
   * so each point is loaded and stored once per two stages and one twiddle of four is a free
   * quarter turn. Each pass loops over the twiddle outside and the blocks inside, so each twiddle
   * is loaded once per pass.
   */
  private void butterflies(double[] re, double[] im, boolean inverse) {
    double sign = inverse ? -1.0 : 1.0;
    if (m >= 4) {
      for (int s = 0; s < m; s += 4) {
        double r0 = re[s] + re[s + 1];
        double i0 = im[s] + im[s + 1];
        double r1 = re[s] - re[s + 1];
        double i1 = im[s] - im[s + 1];
        double r2 = re[s + 2] + re[s + 3];
        double i2 = im[s + 2] + im[s + 3];
        double r3 = re[s + 2] - re[s + 3];
        double i3 = im[s + 2] - im[s + 3];
        // Forward twiddle −i: (r3 + i·i3)·(−i) = i3 − i·r3; inverse uses +i.
        double t3r = sign * i3;
        double t3i = -sign * r3;
        re[s] = r0 + r2;
        im[s] = i0 + i2;
        re[s + 2] = r0 - r2;
        im[s + 2] = i0 - i2;
        re[s + 1] = r1 + t3r;
        im[s + 1] = i1 + t3i;
        re[s + 3] = r1 - t3r;
        im[s + 3] = i1 - t3i;
      }
    } else if (m == 2) {
      double ar = re[0];
      double ai = im[0];
      re[0] = ar + re[1];
      im[0] = ai + im[1];
      re[1] = ar - re[1];
      im[1] = ai - im[1];
    }
    laterPasses(re, im, sign, 8);
  }

  /** Every stage from size {@code from} on. */
  private void laterPasses(double[] re, double[] im, double sign, int from) {
    int size = from;
    for (; 2 * size <= m; size <<= 2) {
      fusedPass(re, im, size, sign);
    }
    if (size == m) {
      radix2Pass(re, im, size, sign);
    }
  }

  /** Stages {@code size} and {@code 2·size} in one pass over four points at a time, block by block to stay in cache. */
  private void fusedPass(double[] re, double[] im, int size, double sign) {
    int half = size >> 1;
    int block = size << 1;
    int step1 = m / size;
    int step2 = m / block;
    for (int from = 0; from < m; from += block) {
      for (int k = 0; k < half; k++) {
        int a = from + k;
        double w1r = twRe[k * step1];
        double w1i = sign * twIm[k * step1];
        double w2r = twRe[k * step2];
        double w2i = sign * twIm[k * step2];
        // W_{2size}^{k+half} = W_{2size}^k · (−i) forward, (+i) inverse.
        double w3r = sign * w2i;
        double w3i = -sign * w2r;
        int b = a + half;
        int c = a + size;
        int d = c + half;
        double br = re[b] * w1r - im[b] * w1i;
        double bi = re[b] * w1i + im[b] * w1r;
        double dr = re[d] * w1r - im[d] * w1i;
        double di = re[d] * w1i + im[d] * w1r;
        double ar = re[a];
        double ai = im[a];
        double cr = re[c];
        double ci = im[c];
        double x0r = ar + br;
        double x0i = ai + bi;
        double x1r = ar - br;
        double x1i = ai - bi;
        double x2r = cr + dr;
        double x2i = ci + di;
        double x3r = cr - dr;
        double x3i = ci - di;
        double vr = x2r * w2r - x2i * w2i;
        double vi = x2r * w2i + x2i * w2r;
        double zr = x3r * w3r - x3i * w3i;
        double zi = x3r * w3i + x3i * w3r;
        re[a] = x0r + vr;
        im[a] = x0i + vi;
        re[c] = x0r - vr;
        im[c] = x0i - vi;
        re[b] = x1r + zr;
        im[b] = x1i + zi;
        re[d] = x1r - zr;
        im[d] = x1i - zi;
      }
    }
  }

  /** One radix-2 stage of blocks of {@code size}. */
  private void radix2Pass(double[] re, double[] im, int size, double sign) {
    int half = size >> 1;
    int step = m / size;
    for (int from = 0; from < m; from += size) {
      for (int k = 0; k < half; k++) {
        int a = from + k;
        double wr = twRe[k * step];
        double wi = sign * twIm[k * step];
        int b = a + half;
        double br = re[b];
        double bi = im[b];
        double xr = br * wr - bi * wi;
        double xi = br * wi + bi * wr;
        double ar = re[a];
        double ai = im[a];
        re[b] = ar - xr;
        im[b] = ai - xi;
        re[a] = ar + xr;
        im[a] = ai + xi;
      }
    }
  }
}
