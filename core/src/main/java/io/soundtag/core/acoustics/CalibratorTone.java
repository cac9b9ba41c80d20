package io.soundtag.core.acoustics;

/**
 * The calibration of a sensor from a recording of a sound calibrator (IEC 60942: 1 kHz at a known
 * level, usually 94 or 114 dB): C is the calibrator's level minus the tone's level in dBFS, so
 * that {@code 10·log10(mean square) + C} reads the calibrator's level.
 *
 * <p>The tone's level is the Leq of the 1 kHz one-third-octave band after the first 0.5 s (band
 * filters settled, the calibrator seated); a recording whose 1 kHz band holds less than 90 % of its
 * energy (band level more than 0.46 dB below the unweighted Leq) is refused, as is one whose Fast
 * level varies by more than 1 dB, so that background noise or a loose coupler cannot become a calibration.
 */
public final class CalibratorTone {

  /** The recording must be at least this long, seconds. */
  public static final double MIN_SECONDS = 1.5;
  /** Skipped at the start, seconds. */
  public static final double SETTLE_SECONDS = 0.5;

  private static final double MIN_BAND_SHARE = 0.9;
  private static final double MAX_SPREAD_DB = 1.0;

  /**
   * A measured calibration.
   *
   * @param calibrationDb C
   * @param toneDbfs the tone's level in dBFS (1 kHz band Leq)
   * @param bandShare the 1 kHz band's share of the recording's energy
   * @param seconds the span measured
   */
  public record Result(double calibrationDb, double toneDbfs, double bandShare, double seconds) {}

  private CalibratorTone() {}

  /**
   * Measures the calibrator tone in {@code samples} for a calibrator of {@code referenceDb}.
   *
   * @throws IllegalArgumentException with what is wrong and what to do, when the recording is no calibrator tone
   */
  public static Result measure(float[] samples, int sampleRate, double referenceDb) {
    if (!(referenceDb >= 60 && referenceDb <= 160)) {
      throw new IllegalArgumentException("the calibrator's level must be 60 to 160 dB (94 or 114 usually), got " + referenceDb);
    }
    int skip = (int) Math.round(SETTLE_SECONDS * sampleRate);
    int span = samples.length - skip;
    if (samples.length < MIN_SECONDS * sampleRate) {
      throw new IllegalArgumentException(String.format("the recording is %.2f s; record the calibrator for at least %.1f s",
          samples.length / (double) sampleRate, MIN_SECONDS));
    }
    LevelMeter meter = LevelMeter.fromSample(sampleRate, span / (double) sampleRate, skip);
    IntervalLevels l = meter.push(samples).get(0);
    Double band = l.thirdOctave().get("1000");
    if (band == null) {
      throw new IllegalArgumentException("the sample rate " + sampleRate + " Hz has no 1 kHz band");
    }
    double share = Math.pow(10, (band - l.lzeq()) / 10);
    if (share < MIN_BAND_SHARE) {
      throw new IllegalArgumentException(String.format(
          "no 1 kHz calibrator tone: the 1 kHz band holds %.0f %% of the energy (needs %.0f %%); check the calibrator is on "
              + "and seated on the microphone", 100 * share, 100 * MIN_BAND_SHARE));
    }
    double spread = l.lafmax() - l.lafmin();
    if (spread > MAX_SPREAD_DB) {
      throw new IllegalArgumentException(String.format(
          "the tone's Fast level varies by %.1f dB (at most %.1f dB); hold the calibrator steady and record again", spread,
          MAX_SPREAD_DB));
    }
    if (l.overload()) {
      throw new IllegalArgumentException("the recording is clipped; lower the input gain and record again");
    }
    return new Result(referenceDb - band, band, share, span / (double) sampleRate);
  }
}
