package io.soundtag.core.features;

/**
 * Parameters of the constant-Q transform (docs/ARCHITECTURE.md, after Brown 1991): bins
 * {@code f_k = fmin·2^(k/binsPerOctave)}, {@code Q = 1/(2^(1/b) − 1)}, kernel lengths
 * {@code N_k = ceil(Q·sr/f_k)}, output {@code 10·log10(max(|X|², 1e-10))}.
 *
 * @param sampleRate input sample rate in Hz
 * @param hopLength samples between frames
 * @param fmin centre frequency of bin 0 in Hz
 * @param binsPerOctave bins per octave
 * @param nBins number of bins; the highest centre must lie below the Nyquist frequency
 */
public record CqtConfig(int sampleRate, int hopLength, double fmin, int binsPerOctave, int nBins)
    implements FeatureConfig {

  /** Validates every parameter; the message says what to change. */
  public CqtConfig {
    ConfigChecks.sampleRate(sampleRate);
    ConfigChecks.positive("hopLength", hopLength, "use the number of samples between frames");
    if (!(fmin > 0)) {
      throw new IllegalArgumentException("CQT fmin must be above 0 Hz, got " + fmin);
    }
    ConfigChecks.positive("binsPerOctave", binsPerOctave, "12 gives semitones");
    ConfigChecks.positive("nBins", nBins, "ask for at least one bin");
    double top = fmin * Math.pow(2, (nBins - 1) / (double) binsPerOctave);
    if (top >= sampleRate / 2.0) {
      throw new IllegalArgumentException(String.format(
          "the highest CQT bin (%d bins from %.1f Hz at %d per octave) is at %.1f Hz, not below the Nyquist "
              + "frequency %.1f Hz; lower nBins or fmin, or raise the sample rate",
          nBins, fmin, binsPerOctave, top, sampleRate / 2.0));
    }
  }

  /** {@code Q = 1/(2^(1/binsPerOctave) − 1)}. */
  public double q() {
    return 1.0 / (Math.pow(2, 1.0 / binsPerOctave) - 1);
  }

  /** Length of the kernel of bin {@code k}: {@code ceil(Q·sr/f_k)}. */
  public int kernelLength(int k) {
    return (int) Math.ceil(q() * sampleRate / (fmin * Math.pow(2, k / (double) binsPerOctave)));
  }

  /** 84 semitone bins (7 octaves) from 32.70 Hz (C1), hop 10 ms, fewer bins if Nyquist demands. */
  public static CqtConfig defaults(int sampleRate) {
    double fmin = 32.703195662574764;
    int bins = 84;
    while (fmin * Math.pow(2, (bins - 1) / 12.0) >= sampleRate / 2.0) {
      bins--;
    }
    return new CqtConfig(sampleRate, sampleRate / 100, fmin, 12, bins);
  }

  @Override
  public Cqt create() {
    return new Cqt(this);
  }
}
