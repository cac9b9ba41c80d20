package io.soundtag.trainer.evaluation;

import java.util.List;

/**
 * Whether scores raise a tag as the tagger raises them: some class at or above its own threshold.
 * Threshold calibration, the open-set figures and the gate's false alarms all count by this rule.
 */
public final class TagDecision {

  private TagDecision() {}

  /** Whether any class of {@code scores} is at or above its threshold ({@code thresholds} in the same order). */
  public static boolean raisesATag(float[] scores, List<Double> thresholds) {
    for (int c = 0; c < thresholds.size(); c++) {
      if (scores[c] >= thresholds.get(c)) {
        return true;
      }
    }
    return false;
  }
}
