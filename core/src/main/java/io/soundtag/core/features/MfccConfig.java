package io.soundtag.core.features;

/**
 * Parameters of MFCCs (docs/ARCHITECTURE.md): the orthonormal DCT-II of the log-Mel dB, optionally with
 * Δ and ΔΔ (regression over ±4 frames, edges replicated) stacked as channels 1 and 2.
 *
 * @param logMel the log-Mel spectrogram the coefficients are taken from
 * @param nMfcc number of coefficients, at most {@code logMel.nMels()}
 * @param deltas whether to add Δ and ΔΔ channels
 */
public record MfccConfig(LogMelConfig logMel, int nMfcc, boolean deltas) implements FeatureConfig {

  /** Validates every parameter; the message says what to change. */
  public MfccConfig {
    if (logMel == null) {
      throw new IllegalArgumentException("MFCC needs a logMel configuration");
    }
    ConfigChecks.positive("nMfcc", nMfcc, "ask for at least one coefficient");
    if (nMfcc > logMel.nMels()) {
      throw new IllegalArgumentException("nMfcc " + nMfcc + " exceeds the " + logMel.nMels()
          + " mel bands it is taken from; lower nMfcc or raise nMels");
    }
  }

  @Override
  public int sampleRate() {
    return logMel.sampleRate();
  }

  @Override
  public Mfcc create() {
    return new Mfcc(this);
  }
}
