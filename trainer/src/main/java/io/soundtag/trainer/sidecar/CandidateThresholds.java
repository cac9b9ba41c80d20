package io.soundtag.trainer.sidecar;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.training.ThresholdCalibration;
import java.util.List;
import java.util.Locale;

/**
 * A candidate's per-class thresholds, chosen for a false-alarm target on the gate's negative clips
 * ({@link ThresholdCalibration#forFalseAlarmRate}), as the shipped model's are on its held-out
 * negatives. The gate set is used because training never sees it and the gate's figures are
 * threshold-free (accuracy, AP), so choosing thresholds there does not tilt the decision.
 *
 * <p>With fewer than {@link #enoughNegatives} negative gate clips the rule has too little to go
 * on, and the served model's thresholds are kept when the candidate has its classes; when the
 * classes changed (a new head) or nothing is served, the candidate's validation F1 thresholds.
 *
 * @param thresholds per class, in the candidate's class order
 * @param calibrated whether they were calibrated to the target
 * @param target the false-alarm target
 * @param negatives negative gate clips
 * @param falseAlarmRate the share of those raising any tag at {@code thresholds}, NaN without negatives
 * @param chosenFor the false-alarm target the thresholds were chosen for: {@code target} when calibrated, the
 *     served bundle's recorded one when they are kept from it, else NaN
 * @param note one line on how they were chosen, for the log and the candidate's provenance
 */
record CandidateThresholds(List<Double> thresholds, boolean calibrated, double target, int negatives, double falseAlarmRate,
    double chosenFor, String note) {

  /** The target when neither the configuration nor the served bundle gives one: the shipped model's. */
  static final double DEFAULT_TARGET = 0.05;
  /** The metric under which a bundle records the false-alarm target of its thresholds. */
  static final String TARGET_METRIC = "false_alarm_target";

  /**
   * Negative gate clips needed to calibrate to {@code target}: {@code 2 / target}, at least 20. With
   * fewer than {@code 1 / target} the rule may let no negative through, so every class's threshold
   * sits just above the single loudest negative clip; at {@code 2 / target} (40 at 5 %) two may raise
   * a tag and the measured share moves in steps of half the target. The floor of 20 keeps a lax
   * target from being calibrated on a handful of clips.
   */
  static int enoughNegatives(double target) {
    return Math.max(20, (int) Math.ceil(2 / target - 1e-9));
  }

  /** {@code configured} when given, else the target the served bundle records, else {@link #DEFAULT_TARGET}. */
  static double targetFor(Double configured, ModelBundle served) {
    if (configured != null) {
      return configured;
    }
    Double recorded = served == null ? null : served.manifest().metrics().get(TARGET_METRIC);
    return recorded != null && recorded > 0 && recorded < 1 ? recorded : DEFAULT_TARGET;
  }

  /**
   * @param gateScores the candidate's clip scores on the gate clips, {@code [clip][class]} in {@code classes} order
   * @param gateTargets the gate clips' targets; all zero for a negative clip
   * @param target the false-alarm target, in (0, 1)
   * @param classes the candidate's classes
   * @param own the candidate's own (validation F1) thresholds, in {@code classes} order
   * @param served the served bundle, or null
   */
  static CandidateThresholds choose(float[][] gateScores, List<float[]> gateTargets, double target, List<String> classes,
      List<Double> own, ModelBundle served) {
    int negatives = (int) gateTargets.stream().filter(CandidateThresholds::negative).count();
    int enough = enoughNegatives(target);
    if (negatives >= enough) {
      List<Double> t = ThresholdCalibration.forFalseAlarmRate(gateScores, gateTargets, target);
      double rate = ThresholdCalibration.falseAlarmRate(gateScores, gateTargets, t);
      return new CandidateThresholds(t, true, target, negatives, rate, target, String.format(Locale.ROOT,
          "calibrated on the gate's %d negative clips for at most %.1f %% raising a tag (%.1f %% do)", negatives, 100 * target,
          100 * rate));
    }
    // The served thresholds belong to the served head: kept only when the candidate has the same
    // classes (its warm start carries the head over); with other classes the head is new.
    boolean sameHead = served != null && served.manifest().classes().equals(classes);
    List<Double> kept = sameHead ? served.manifest().thresholds() : own;
    double rate = negatives == 0 ? Double.NaN : ThresholdCalibration.falseAlarmRate(gateScores, gateTargets, kept);
    Double servedTarget = sameHead ? served.manifest().metrics().get(TARGET_METRIC) : null;
    String which = sameHead ? "the served model's thresholds, kept"
        : served == null ? "the candidate's validation F1 thresholds"
        : "the candidate's validation F1 thresholds (its classes differ from the served model's, so its head is new)";
    return new CandidateThresholds(kept, false, target, negatives, rate, servedTarget == null ? Double.NaN : servedTarget,
        String.format(Locale.ROOT, "%s: the gate has %d negative clips, fewer than the %d a %.1f %% false-alarm target needs"
            + " (label more with --negative --split gate)", which, negatives, enough, 100 * target));
  }

  private static boolean negative(float[] target) {
    for (float t : target) {
      if (t > 0.5f) {
        return false;
      }
    }
    return true;
  }
}
