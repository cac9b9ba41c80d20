package io.soundtag.core.features;

/**
 * Parameters of the power STFT in dB (docs/ARCHITECTURE.md): periodic Hann window zero-padded (centred) to
 * {@code nFft}, {@code center=True} with zero padding, {@code 10·log10(max(|X|², 1e-10))}.
 *
 * @param sampleRate input sample rate in Hz
 * @param nFft FFT length; the output has {@code nFft/2 + 1} bins
 * @param winLength Hann window length, at most {@code nFft}
 * @param hopLength samples between frames, at most {@code winLength}
 */
public record StftConfig(int sampleRate, int nFft, int winLength, int hopLength) implements FeatureConfig {

  /** Validates every parameter; the message says what to change. */
  public StftConfig {
    ConfigChecks.sampleRate(sampleRate);
    ConfigChecks.framing(nFft, winLength, hopLength);
  }

  @Override
  public Stft create() {
    return new Stft(this);
  }
}
