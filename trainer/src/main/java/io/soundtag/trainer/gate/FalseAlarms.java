package io.soundtag.trainer.gate;

/**
 * How often a model raises a tag where nothing it knows sounds: of {@code negatives} pieces of
 * audio (negative gate clips and quiet ambience windows), {@code raised} gave some class a score
 * at or above that class's threshold, as the tagger would tag it.
 *
 * @param negatives negatives scored; 0 when none were
 * @param raised how many raised a tag
 */
public record FalseAlarms(int negatives, int raised) {

  /** Nothing measured, as for a chance baseline: the false-alarm rule then does not apply. */
  public static final FalseAlarms NONE = new FalseAlarms(0, 0);

  /**
   * The fewest negatives the gate compares shares on: with fewer, one clip moves the share by
   * more than the allowance, and the comparison would decide by chance.
   */
  public static final int MIN_NEGATIVES = 20;

  public FalseAlarms {
    if (negatives < 0 || raised < 0 || raised > negatives) {
      throw new IllegalArgumentException("false alarms need 0 <= raised <= negatives, got " + raised + " of " + negatives);
    }
  }

  /** Whether anything was measured. */
  public boolean measured() {
    return negatives > 0;
  }

  /** Whether this and {@code other} were both measured on at least {@link #MIN_NEGATIVES} negatives. */
  public boolean comparableWith(FalseAlarms other) {
    return negatives >= MIN_NEGATIVES && other.negatives >= MIN_NEGATIVES;
  }

  /** {@code raised / negatives}; NaN when nothing was measured. */
  public double share() {
    return measured() ? (double) raised / negatives : Double.NaN;
  }
}
