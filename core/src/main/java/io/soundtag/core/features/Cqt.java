package io.soundtag.core.features;

/**
 * Constant-Q transform by its definition (Brown 1991, as docs/ARCHITECTURE.md states it):
 * {@code X[k,n] = (1/N_k) Σ_m x[n·hop − floor(N_k/2) + m]·w_k[m]·exp(−2πi·Q·m/N_k)} with
 * {@code w_k} the periodic Hann window of length {@code N_k}; evaluated directly, one dot product
 * per bin and frame, against kernels computed once.
 */
public final class Cqt extends FrameByFrame<double[]> {

  private final CqtConfig config;
  private final double[][] kernelRe;
  private final double[][] kernelIm;
  private final int[] halves;
  private final int reachBefore;
  private final int reachAfter;

  Cqt(CqtConfig config) {
    this.config = config;
    int bins = config.nBins();
    double q = config.q();
    kernelRe = new double[bins][];
    kernelIm = new double[bins][];
    halves = new int[bins];
    int before = 0;
    int after = 0;
    for (int k = 0; k < bins; k++) {
      int nk = config.kernelLength(k);
      halves[k] = nk / 2;
      kernelRe[k] = new double[nk];
      kernelIm[k] = new double[nk];
      for (int m = 0; m < nk; m++) {
        double w = (0.5 - 0.5 * Math.cos(2 * Math.PI * m / nk)) / nk;
        double phase = -2 * Math.PI * q * m / nk;
        kernelRe[k][m] = w * Math.cos(phase);
        kernelIm[k][m] = w * Math.sin(phase);
      }
      before = Math.max(before, nk / 2);
      after = Math.max(after, nk - nk / 2);
    }
    reachBefore = before;
    reachAfter = after;
  }

  /** Length of the longest kernel (bin 0), the shortest clip {@link #compute} accepts. */
  public int longestKernel() {
    return kernelRe[0].length;
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
    return super.compute(samples);
  }

  /** The workspace holds one kernel's worth of samples, zero where the signal is unknown. */
  @Override
  double[] newWorkspace() {
    return new double[longestKernel()];
  }

  @Override
  void frame(float[] buffer, long bufferStart, long n, double[] out, double[] segment) {
    for (int k = 0; k < out.length; k++) {
      double[] re = kernelRe[k];
      double[] im = kernelIm[k];
      int nk = re.length;
      long first = n * config.hopLength() - halves[k] - bufferStart;
      double sumRe = 0;
      double sumIm = 0;
      if (first >= 0 && first + nk <= buffer.length) {
        int base = (int) first;
        for (int m = 0; m < nk; m++) {
          double x = buffer[base + m];
          sumRe += x * re[m];
          sumIm += x * im[m];
        }
      } else {
        for (int m = 0; m < nk; m++) {
          long s = first + m;
          segment[m] = s >= 0 && s < buffer.length ? buffer[(int) s] : 0.0;
        }
        for (int m = 0; m < nk; m++) {
          sumRe += segment[m] * re[m];
          sumIm += segment[m] * im[m];
        }
      }
      out[k] = decibels(sumRe * sumRe + sumIm * sumIm);
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
