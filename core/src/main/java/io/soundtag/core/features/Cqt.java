package io.soundtag.core.features;

import java.util.Arrays;

/**
 * Constant-Q transform of the definition (Brown 1991, as docs/ARCHITECTURE.md states it):
 * {@code X[k,n] = (1/N_k) Σ_m x[n·hop − floor(N_k/2) + m]·w_k[m]·exp(−2πi·Q·m/N_k)} with
 * {@code w_k} the periodic Hann window of length {@code N_k}, evaluated at decimated rates in the
 * manner of Schörkhuber and Klapuri ("Constant-Q transform toolbox for music processing"): the
 * signal is halved in rate again and again by {@link HalfbandDecimator}, and each bin is computed
 * at the lowest rate whose pass band still holds its kernel's spectrum, as a dot product with its
 * kernel sampled at that rate. A bin an octave lower sits one rate lower with about as many kernel
 * samples, so every octave costs about what the top one costs instead of twice the octave above.
 *
 * <p>A bin at rate {@code sr/2^L} (level {@code L}) reads the level's samples at times
 * {@code j·2^L} with the kernel's continuous form {@code 2^L·w(t)·exp(−2πi·Q·t/N_k)/N_k} sampled
 * at the matching times {@code t}; when {@code 2^L} does not divide the hop, frame centres fall
 * between the level's samples and the bin keeps one sampled kernel per offset. A bin is moved to
 * level {@code L} only if {@code f_k·(1 + 16/Q)}, its centre plus sixteen of its bandwidths
 * {@code f_k/Q} (past which the Hann kernel's spectrum is more than 80 dB down), lies below
 * {@code 0.35·sr/2^L}, and its main lobe, {@code f_k·(1 + 2/Q)}, below {@code 0.3·sr/2^L} (which
 * binds only above about 57 bins per octave): the main lobe then lies where the last halving is
 * flat within 0.002 dB, and what that halving folds onto it was at least 75 dB down. The bins too
 * high for level 1 are the definition itself. On the parity fixtures this stays within 0.02 dB of the definition
 * wherever the definition is within 60 dB of its maximum.
 *
 * <p>Each level's samples are a fixed function of the input samples within
 * {@code 15·(2^L − 1)} of their time, computed in the same order whatever buffer they come from,
 * and {@link #reachBefore()}/{@link #reachAfter()} include that spread; so the streaming contract
 * of {@link Representation} holds bit for bit.
 */
public final class Cqt implements Representation {

  /** How many bandwidths {@code f_k/Q} above its centre a kernel's spectrum must be kept. */
  private static final double KEPT_BANDWIDTHS = 16;
  /** Fraction of a level's rate up to which a bin's kept spectrum may reach (see the class comment). */
  private static final double PASSBAND = 0.35;
  /** Fraction of a level's rate up to which a bin's main lobe, two bandwidths either side, may reach. */
  private static final double FLAT_BAND = 0.3;

  /**
   * One bin's kernel at its level: for each offset {@code r = p·phaseStep} of a frame's centre
   * past the level's sample grid, the kernel samples {@code re[p], im[p]}, the first of which
   * multiplies the level's sample {@code first[p]} places after the one at or before the centre.
   */
  private record Kernel(int level, int phaseStep, int[] first, double[][] re, double[][] im, int lowest,
      int highest) {}

  private final CqtConfig config;
  private final HalfbandDecimator decimator = new HalfbandDecimator();
  private final Kernel[] kernels;
  private final int levels;
  private final int reachBefore;
  private final int reachAfter;

  Cqt(CqtConfig config) {
    this.config = config;
    int bins = config.nBins();
    double q = config.q();
    kernels = new Kernel[bins];
    int before = 0;
    int after = 0;
    int deepest = 0;
    for (int k = 0; k < bins; k++) {
      double fk = config.fmin() * Math.pow(2, k / (double) config.binsPerOctave());
      int level = level(Math.max(fk * (1 + KEPT_BANDWIDTHS / q) / PASSBAND, fk * (1 + 2 / q) / FLAT_BAND));
      kernels[k] = kernel(config.kernelLength(k), level, q);
      deepest = Math.max(deepest, level);
      Kernel kernel = kernels[k];
      int d = 1 << level;
      int spread = HalfbandDecimator.REACH * (d - 1);
      for (int p = 0; p < kernel.first().length; p++) {
        int r = p * kernel.phaseStep();
        before = Math.max(before, r - kernel.first()[p] * d + spread);
        after = Math.max(after, (kernel.first()[p] + kernel.re()[p].length - 1) * d - r + spread + 1);
      }
    }
    levels = deepest + 1;
    reachBefore = before;
    reachAfter = after;
  }

  /** The highest level whose rate is at least {@code neededRate}. */
  private int level(double neededRate) {
    int level = 0;
    for (double rate = config.sampleRate() / 2.0; neededRate <= rate; rate /= 2) {
      level++;
    }
    return level;
  }

  private Kernel kernel(int nk, int level, double q) {
    int d = 1 << level;
    int half = nk / 2;
    int step = gcd(config.hopLength(), d);
    int phases = d / step;
    int[] first = new int[phases];
    double[][] re = new double[phases][];
    double[][] im = new double[phases][];
    int lowest = Integer.MAX_VALUE;
    int highest = Integer.MIN_VALUE;
    for (int p = 0; p < phases; p++) {
      int r = p * step;
      // Kernel time t = i·d − r + floor(N_k/2) must lie in [0, N_k).
      int from = Math.floorDiv(r - half + d - 1, d);
      int to = Math.floorDiv(nk - 1 + r - half, d);
      first[p] = from;
      re[p] = new double[to - from + 1];
      im[p] = new double[to - from + 1];
      for (int i = from; i <= to; i++) {
        int t = i * d - r + half;
        double w = d * (0.5 - 0.5 * Math.cos(2 * Math.PI * t / nk)) / nk;
        double phase = -2 * Math.PI * q * t / nk;
        re[p][i - from] = w * Math.cos(phase);
        im[p][i - from] = w * Math.sin(phase);
      }
      lowest = Math.min(lowest, from);
      highest = Math.max(highest, to);
    }
    return new Kernel(level, step, first, re, im, lowest, highest);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** Length of the longest kernel (bin 0) at the input rate, the shortest clip {@link #compute} accepts. */
  public int longestKernel() {
    return config.kernelLength(0);
  }

  @Override
  public CqtConfig config() {
    return config;
  }

  @Override
  public int hopLength() {
    return config.hopLength();
  }

  @Override
  public int channels() {
    return 1;
  }

  @Override
  public int bins() {
    return config.nBins();
  }

  @Override
  public int reachBefore() {
    return reachBefore;
  }

  @Override
  public int reachAfter() {
    return reachAfter;
  }

  /** Rejects a clip shorter than the longest kernel, whose lowest bins would be mostly padding. */
  @Override
  public FeatureMatrix compute(float[] samples) {
    if (samples.length < longestKernel()) {
      throw new IllegalArgumentException(String.format(
          "the CQT kernel at fmin %.1f Hz is %d samples, longer than the %d-sample input; raise fmin or "
              + "lower binsPerOctave, or pass a longer clip",
          config.fmin(), longestKernel(), samples.length));
    }
    return computeFrames(samples, 0, 0, frameCount(samples.length));
  }

  @Override
  public FeatureMatrix computeFrames(float[] buffer, long bufferStart, long firstFrame, int count) {
    FrameByFrame.checkFrames(firstFrame, count);
    int bins = bins();
    float[] values = new float[bins * count];
    if (count > 0) {
      long[] from = new long[levels];
      double[][] signal = levelSignals(buffer, bufferStart, firstFrame, firstFrame + count - 1, from);
      for (int k = 0; k < bins; k++) {
        bin(kernels[k], signal[kernels[k].level()], from[kernels[k].level()], firstFrame, values, k * count, count);
      }
    }
    return new FeatureMatrix(new FeatureShape(1, bins, count), values);
  }

  /**
   * Each level's samples that the frames {@code firstFrame..lastFrame} read, directly or through
   * a lower rate: level {@code L}'s array holds its samples from index {@code from[L]} on.
   */
  private double[][] levelSignals(float[] buffer, long bufferStart, long firstFrame, long lastFrame, long[] from) {
    long[] to = new long[levels];
    Arrays.fill(from, Long.MAX_VALUE);
    Arrays.fill(to, Long.MIN_VALUE);
    long hop = config.hopLength();
    for (Kernel kernel : kernels) {
      int level = kernel.level();
      from[level] = Math.min(from[level], Math.floorDiv(firstFrame * hop, 1L << level) + kernel.lowest());
      to[level] = Math.max(to[level], Math.floorDiv(lastFrame * hop, 1L << level) + kernel.highest() + 1);
    }
    for (int level = levels - 1; level > 0; level--) {
      if (from[level] < to[level]) {
        from[level - 1] = Math.min(from[level - 1], 2 * from[level] - HalfbandDecimator.REACH);
        to[level - 1] = Math.max(to[level - 1], 2 * (to[level] - 1) + HalfbandDecimator.REACH + 1);
      }
    }
    double[][] signal = new double[levels][];
    signal[0] = new double[Math.toIntExact(to[0] - from[0])];
    for (int i = 0; i < signal[0].length; i++) {
      long s = from[0] + i - bufferStart;
      signal[0][i] = s >= 0 && s < buffer.length ? buffer[(int) s] : 0.0;
    }
    for (int level = 1; level < levels; level++) {
      if (from[level] < to[level]) {
        signal[level] = new double[Math.toIntExact(to[level] - from[level])];
        decimator.halve(signal[level - 1], from[level - 1], signal[level], from[level]);
      }
    }
    return signal;
  }

  /** One bin's values for {@code count} frames, written to {@code values[offset..offset+count)}. */
  private void bin(Kernel kernel, double[] signal, long signalFrom, long firstFrame, float[] values, int offset,
      int count) {
    long d = 1L << kernel.level();
    long hop = config.hopLength();
    for (int f = 0; f < count; f++) {
      long centre = (firstFrame + f) * hop;
      long grid = Math.floorDiv(centre, d);
      int p = (int) (centre - grid * d) / kernel.phaseStep();
      double[] re = kernel.re()[p];
      double[] im = kernel.im()[p];
      int base = (int) (grid + kernel.first()[p] - signalFrom);
      // Four partial sums each, so that the additions do not wait on one another; the order is
      // fixed by the kernel's length alone, so every buffer gives the same bits.
      double re0 = 0;
      double re1 = 0;
      double re2 = 0;
      double re3 = 0;
      double im0 = 0;
      double im1 = 0;
      double im2 = 0;
      double im3 = 0;
      int m = 0;
      for (; m + 3 < re.length; m += 4) {
        double x0 = signal[base + m];
        double x1 = signal[base + m + 1];
        double x2 = signal[base + m + 2];
        double x3 = signal[base + m + 3];
        re0 += x0 * re[m];
        re1 += x1 * re[m + 1];
        re2 += x2 * re[m + 2];
        re3 += x3 * re[m + 3];
        im0 += x0 * im[m];
        im1 += x1 * im[m + 1];
        im2 += x2 * im[m + 2];
        im3 += x3 * im[m + 3];
      }
      for (; m < re.length; m++) {
        double x = signal[base + m];
        re0 += x * re[m];
        im0 += x * im[m];
      }
      double sumRe = (re0 + re1) + (re2 + re3);
      double sumIm = (im0 + im1) + (im2 + im3);
      values[offset + f] = (float) Decibels.of(sumRe * sumRe + sumIm * sumIm);
    }
  }

  @Override
  public double[] binFrequencies() {
    double[] f = new double[bins()];
    for (int k = 0; k < f.length; k++) {
      f[k] = config.fmin() * Math.pow(2, k / (double) config.binsPerOctave());
    }
    return f;
  }
}
