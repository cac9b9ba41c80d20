package io.soundtag.trainer.training;

import io.soundtag.trainer.evaluation.TagDecision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-class decision thresholds chosen on validation scores. Operators asked first for control of
 * false positives; a per-class threshold is that control, and the bundle carries it. Two rules:
 *
 * <ul>
 *   <li>{@link #calibrate}: for each class the threshold that maximises F1 of "score ≥ threshold"
 *       against the labels (closed-set data, where every window is of some class);
 *   <li>{@link #forFalseAlarmRate}: open-set data, where some clips are of none of the classes.
 *       Each class's threshold lets at most a share {@code 1 − q} of the clips that are not of that
 *       class (other classes' clips and the negatives) score above it, and {@code q} is the lowest
 *       level, in steps of 0.001 from 0.5, at which at most the target share of the negative clips
 *       raise any tag. One level for every class keeps the rule simple; a class's threshold still
 *       follows its own score distribution.
 * </ul>
 */
public final class ThresholdCalibration {

  private final double fallback;

  /** @param fallback threshold for a class with no positive validation window (F1 rule) */
  public ThresholdCalibration(double fallback) {
    this.fallback = fallback;
  }

  public List<Double> calibrate(float[][] scores, List<float[]> targets, int classes) {
    List<Double> thresholds = new ArrayList<>(classes);
    for (int c = 0; c < classes; c++) {
      thresholds.add(bestF1Threshold(scores, targets, c));
    }
    return thresholds;
  }

  /**
   * Thresholds for a false-alarm target on open-set clips.
   *
   * @param clipScores clip scores {@code [clip][class]}
   * @param clipTargets clip targets; an all-zero target is a negative ("none of these") clip
   * @param target the largest share of negative clips that may raise any tag, in (0, 1)
   * @throws IllegalArgumentException without negative clips, or with a target outside (0, 1)
   */
  public static List<Double> forFalseAlarmRate(float[][] clipScores, List<float[]> clipTargets, double target) {
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("the false-alarm target is a share in (0, 1), got " + target);
    }
    if (clipScores.length != clipTargets.size() || clipScores.length == 0) {
      throw new IllegalArgumentException("need one target per clip scored, and at least one clip");
    }
    int classes = clipScores[0].length;
    long negatives = clipTargets.stream().filter(ThresholdCalibration::negative).count();
    if (negatives == 0) {
      throw new IllegalArgumentException("calibrating to a false-alarm rate needs negative clips (of none of the classes)");
    }
    float[][] others = new float[classes][];
    for (int c = 0; c < classes; c++) {
      float[] s = new float[clipScores.length];
      int n = 0;
      for (int i = 0; i < clipScores.length; i++) {
        if (clipTargets.get(i)[c] <= 0.5f) {
          s[n++] = clipScores[i][c];
        }
      }
      others[c] = Arrays.copyOf(s, n);
      Arrays.sort(others[c]);
    }
    List<Double> chosen = null;
    // no class may let more than the target share of the clips that are not of it through
    for (int step = (int) Math.ceil(1000 * (1 - target) - 1e-9); step <= 1000; step++) {
      List<Double> thresholds = new ArrayList<>(classes);
      for (int c = 0; c < classes; c++) {
        thresholds.add(levelThreshold(others[c], step / 1000.0));
      }
      chosen = thresholds;
      if (falseAlarmRate(clipScores, clipTargets, thresholds) <= target) {
        break;
      }
    }
    return chosen;
  }

  /** The share of negative clips with any class at or above its threshold. */
  public static double falseAlarmRate(float[][] clipScores, List<float[]> clipTargets, List<Double> thresholds) {
    int negatives = 0;
    int alarms = 0;
    for (int i = 0; i < clipScores.length; i++) {
      if (!negative(clipTargets.get(i))) {
        continue;
      }
      negatives++;
      if (TagDecision.raisesATag(clipScores[i], thresholds)) {
        alarms++;
      }
    }
    return negatives == 0 ? Double.NaN : (double) alarms / negatives;
  }

  /** The lowest threshold that at most a share {@code 1 − level} (level > 0) of the sorted scores reach. */
  private static double levelThreshold(float[] sortedAscending, double level) {
    int n = sortedAscending.length;
    if (n == 0) {
      return 0.5;
    }
    int allowed = (int) Math.floor((1 - level) * n + 1e-9);
    // strictly above the (allowed + 1)-th largest score, so at most `allowed` reach it
    return Math.min(1.0, Math.nextUp((double) sortedAscending[n - 1 - allowed]));
  }

  private static boolean negative(float[] target) {
    for (float t : target) {
      if (t > 0.5f) {
        return false;
      }
    }
    return true;
  }

  private double bestF1Threshold(float[][] scores, List<float[]> targets, int c) {
    int positives = 0;
    for (float[] t : targets) {
      if (t[c] > 0.5f) {
        positives++;
      }
    }
    if (positives == 0) {
      return fallback;
    }
    double best = fallback;
    double bestF1 = -1;
    for (int step = 1; step < 100; step++) {
      double threshold = step / 100.0;
      int tp = 0;
      int fp = 0;
      for (int i = 0; i < scores.length; i++) {
        if (scores[i][c] >= threshold) {
          if (targets.get(i)[c] > 0.5f) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      double f1 = 2.0 * tp / (2.0 * tp + fp + (positives - tp));
      if (f1 > bestF1) {
        bestF1 = f1;
        best = threshold;
      }
    }
    return best;
  }
}
