package io.soundtag.core.features;

/**
 * Gammatone spectrogram by the definition in docs/ARCHITECTURE.md: band {@code k} sums the STFT power weighted by
 * the 4th-order gammatone magnitude response {@code (1 + ((f − f_k)/(1.019·ERB(f_k)))²)^(−4)}
 * (Patterson et al.; ERB of Glasberg &amp; Moore 1990, {@code 24.7·(4.37·f/1000 + 1)}), with centres
 * equally spaced on the ERB-rate scale {@code 21.4·log10(1 + 0.00437·f)}.
 */
public final class Gammatone extends PowerSpectrumFrames {

  /** Gains below −120 dB are dropped so a band sums only its neighbourhood; the parity tests bound the effect. */
  private static final double GAIN_FLOOR = 1e-12;

  private final GammatoneConfig config;
  private final double[] centres;

  Gammatone(GammatoneConfig config) {
    super(new PowerSpectrum(config.nFft(), config.winLength(), config.hopLength()),
        new SparseBands(gains(config, centres(config)), GAIN_FLOOR));
    this.config = config;
    this.centres = centres(config);
  }

  /** Centre frequencies equally spaced on the ERB-rate scale from fmin to fmax. */
  private static double[] centres(GammatoneConfig config) {
    int k = config.nBands();
    double eMin = erbRate(config.fmin());
    double eMax = erbRate(config.fmax());
    double[] centres = new double[k];
    for (int b = 0; b < k; b++) {
      centres[b] = inverseErbRate(eMin + b * (eMax - eMin) / (k - 1));
    }
    return centres;
  }

  /** Power gain of each band at each STFT bin. */
  private static double[][] gains(GammatoneConfig config, double[] centres) {
    int bins = config.nFft() / 2 + 1;
    double[][] gains = new double[centres.length][bins];
    for (int b = 0; b < centres.length; b++) {
      double width = 1.019 * 24.7 * (4.37 * centres[b] / 1000 + 1);
      for (int i = 0; i < bins; i++) {
        double x = ((double) i * config.sampleRate() / config.nFft() - centres[b]) / width;
        double s = 1 + x * x;
        gains[b][i] = 1.0 / (s * s * s * s);
      }
    }
    return gains;
  }

  static double erbRate(double hz) {
    return 21.4 * Math.log10(1 + 0.00437 * hz);
  }

  static double inverseErbRate(double erbRate) {
    return (Math.pow(10, erbRate / 21.4) - 1) / 0.00437;
  }

  /** Centre frequency of each band in Hz. */
  public double[] centreFrequencies() {
    return centres.clone();
  }

  @Override
  public GammatoneConfig config() {
    return config;
  }

  @Override
  public double[] binFrequencies() {
    return centreFrequencies();
  }
}
