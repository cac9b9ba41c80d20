package io.soundtag.core.features;

/**
 * Parameters of the gammatone spectrogram (docs/ARCHITECTURE.md): {@code nBands} centre frequencies equally
 * spaced on the ERB-rate scale from {@code fmin} to {@code fmax}, 4th-order gammatone power gains
 * applied to the power STFT, output in dB.
 *
 * @param sampleRate input sample rate in Hz
 * @param nFft FFT length of the underlying STFT
 * @param winLength Hann window length, at most {@code nFft}
 * @param hopLength samples between frames, at most {@code winLength}
 * @param nBands number of bands, at least 2
 * @param fmin centre frequency of the lowest band in Hz
 * @param fmax centre frequency of the highest band in Hz, at most the Nyquist frequency
 */
public record GammatoneConfig(
    int sampleRate, int nFft, int winLength, int hopLength, int nBands, double fmin, double fmax)
    implements FeatureConfig {

  /** Validates every parameter; the message says what to change. */
  public GammatoneConfig {
    ConfigChecks.sampleRate(sampleRate);
    ConfigChecks.framing(nFft, winLength, hopLength);
    if (nBands < 2) {
      throw new IllegalArgumentException(
          "nBands must be at least 2 (fmin and fmax are both band centres), got " + nBands);
    }
    ConfigChecks.band("gammatone", fmin, fmax, sampleRate);
  }

  /** 64 bands from 50 Hz to min(8 kHz, Nyquist), {@code nFft} 1024, hop 10 ms. */
  public static GammatoneConfig defaults(int sampleRate) {
    return new GammatoneConfig(sampleRate, 1024, 1024, sampleRate / 100, 64, 50, Math.min(8000, sampleRate / 2.0));
  }

  @Override
  public Gammatone create() {
    return new Gammatone(this);
  }
}
