package io.soundtag.trainer.gate;

/**
 * When a candidate may replace the served model.
 *
 * @param minGain how much the primary metric (accuracy for single-label, micro-AUPRC for
 *     multi-label) must rise over the served model's on the gate set; the rise must be positive
 *     in any case
 * @param minClassClips classes with at least this many gate clips are watched for a drop
 * @param maxClassDrop the most a watched class's AP may fall
 */
public record GateRules(double minGain, int minClassClips, double maxClassDrop) {

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
  }

  /** A gain of at least 0.01, classes with 5 or more gate clips may lose at most 0.10 AP. */
  public static GateRules defaults() {
    return new GateRules(0.01, 5, 0.10);
  }
}
