package io.soundtag.trainer.gate;

/**
 * When a candidate may replace the served model.
 *
 * @param minGain how much the primary metric (accuracy for single-label, micro-AUPRC for
 *     multi-label) must rise over the served model's on the gate set; the rise must be positive
 *     in any case
 * @param minClassClips classes with at least this many gate clips are watched for a drop
 * @param maxClassDrop the most a watched class's AP may fall
 * @param maxFalseAlarmRise the most the share of the gate's negatives (negative gate clips and
 *     quiet ambience) that raise a tag may rise over the served model's; 1 turns the rule off
 */
public record GateRules(double minGain, int minClassClips, double maxClassDrop, double maxFalseAlarmRise) {

  public GateRules {
    if (!(minGain >= 0 && minGain < 1)) {
      throw new IllegalArgumentException("--min-gain must be in [0, 1), got " + minGain);
    }
    if (minClassClips < 1) {
      throw new IllegalArgumentException("--min-class-clips must be at least 1, got " + minClassClips);
    }
    if (!(maxClassDrop >= 0 && maxClassDrop <= 1)) {
      throw new IllegalArgumentException("--max-class-drop must be in [0, 1], got " + maxClassDrop);
    }
    if (!(maxFalseAlarmRise >= 0 && maxFalseAlarmRise <= 1)) {
      throw new IllegalArgumentException("--max-false-alarm-rise must be in [0, 1], got " + maxFalseAlarmRise);
    }
  }

  /**
   * A gain of at least 0.01, classes with 5 or more gate clips may lose at most 0.10 AP, and the
   * share of negatives raising a tag may rise by at most 0.05.
   */
  public static GateRules defaults() {
    return new GateRules(0.01, 5, 0.10, 0.05);
  }
}
