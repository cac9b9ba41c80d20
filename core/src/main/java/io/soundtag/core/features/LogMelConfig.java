package io.soundtag.core.features;

/**
 * Parameters of the log-Mel spectrogram (docs/ARCHITECTURE.md, Representations): power STFT with a periodic
 * Hann window, triangular mel filters with Slaney area normalisation, {@code 10·log10(max(S, 1e-10))}.
 *
 * @param sampleRate input sample rate in Hz
 * @param nFft FFT length
 * @param winLength Hann window length, at most {@code nFft} (zero-padded, centred)
 * @param hopLength samples between frames, at most {@code winLength}
 * @param nMels number of mel bands; each must cover at least one FFT bin
 * @param fmin lowest band edge in Hz
 * @param fmax highest band edge in Hz, at most the Nyquist frequency
 * @param scale mel scale; filters are always area-normalised (Slaney norm)
 */
public record LogMelConfig(
    int sampleRate, int nFft, int winLength, int hopLength, int nMels, double fmin, double fmax, MelScale scale)
    implements FeatureConfig {

  /** Validates every parameter; the message says what to change. */
  public LogMelConfig {
    ConfigChecks.sampleRate(sampleRate);
    ConfigChecks.framing(nFft, winLength, hopLength);
    ConfigChecks.positive("nMels", nMels, "ask for at least one mel band");
    ConfigChecks.band("log-Mel", fmin, fmax, sampleRate);
    if (scale == null) {
      throw new IllegalArgumentException("scale must be SLANEY or HTK");
    }
    int empty = MelFilterbank.firstEmptyFilter(sampleRate, nFft, nMels, fmin, fmax, scale);
    if (empty >= 0) {
      throw new IllegalArgumentException("mel band " + empty + " of " + nMels + " covers no FFT bin (bins are "
          + (double) sampleRate / nFft + " Hz apart); lower nMels or raise nFft");
    }
  }

  /** 64 Slaney bands over 0..Nyquist, {@code nFft} 1024, hop 10 ms, window = {@code nFft}. */
  public static LogMelConfig defaults(int sampleRate) {
    return new LogMelConfig(sampleRate, 1024, 1024, sampleRate / 100, 64, 0, sampleRate / 2.0, MelScale.SLANEY);
  }

  @Override
  public LogMel create() {
    return new LogMel(this);
  }
}
