package io.soundtag.trainer.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes an {@link EvaluationReport} from class scores and 0/1 targets. */
public final class Metrics {

  /** mAP@3 ranks the three best-scoring classes, as DCASE 2018 task 2 and Gao et al. do. */
  public static final int MAP_K = 3;

  private Metrics() {}

  /**
   * @param classes class names, in score order
   * @param scores {@code scores[clip][class]}: probabilities or logits (only the order matters)
   * @param targets {@code targets[clip][class]}: 1 for a true label, 0 otherwise (one-hot for
   *     single-label tasks)
   */
  public static EvaluationReport evaluate(List<String> classes, float[][] scores, float[][] targets) {
    int n = scores.length;
    int c = classes.size();
    if (targets.length != n) {
      throw new IllegalArgumentException(n + " score rows but " + targets.length + " target rows");
    }
    for (int i = 0; i < n; i++) {
      if (scores[i].length != c || targets[i].length != c) {
        throw new IllegalArgumentException("row " + i + " must have " + c + " scores and targets (one per class)");
      }
    }
    boolean singleLabel = true;
    for (float[] t : targets) {
      singleLabel &= count(t) == 1;
    }
    Map<String, Double> perClass = new LinkedHashMap<>();
    double apSum = 0;
    int apClasses = 0;
    for (int k = 0; k < c; k++) {
      double[] s = new double[n];
      boolean[] p = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = scores[i][k];
        p[i] = targets[i][k] > 0.5f;
      }
      double ap = AveragePrecision.of(s, p);
      perClass.put(classes.get(k), ap);
      if (!Double.isNaN(ap)) {
        apSum += ap;
        apClasses++;
      }
    }
    double[] flatScores = new double[n * c];
    boolean[] flatPositive = new boolean[n * c];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < c; k++) {
        flatScores[i * c + k] = scores[i][k];
        flatPositive[i * c + k] = targets[i][k] > 0.5f;
      }
    }
    return new EvaluationReport(
        n,
        classes,
        accuracy(scores, targets),
        mapAtK(scores, targets, MAP_K),
        apClasses == 0 ? Double.NaN : apSum / apClasses,
        AveragePrecision.of(flatScores, flatPositive),
        perClass,
        singleLabel ? confusion(scores, targets, c) : null);
  }

  /**
   * Share of labelled clips whose best-scoring class is one of their labels (plain accuracy for
   * single-label tasks); clips without labels are not counted. Ties go to the lower class index.
   */
  public static double accuracy(float[][] scores, float[][] targets) {
    long labelled = 0;
    long hits = 0;
    for (int i = 0; i < scores.length; i++) {
      if (count(targets[i]) == 0) {
        continue;
      }
      labelled++;
      hits += targets[i][argmax(scores[i])] > 0.5f ? 1 : 0;
    }
    return labelled == 0 ? Double.NaN : (double) hits / labelled;
  }

  /**
   * Mean over labelled clips of AP@k: {@code (1 / min(|labels|, k)) Σ_{r≤k} P(r)·rel(r)} over the
   * k best-scoring classes (ties to the lower class index). For one label per clip this is
   * {@code 1/rank} of the true class when it ranks in the top k, else 0 — the DCASE 2018 task 2
   * (FSDKaggle2018) mAP@3 that Gao et al. report.
   */
  public static double mapAtK(float[][] scores, float[][] targets, int k) {
    double sum = 0;
    long labelled = 0;
    for (int i = 0; i < scores.length; i++) {
      int labels = count(targets[i]);
      if (labels == 0) {
        continue;
      }
      labelled++;
      List<Integer> ranked = ranking(scores[i]);
      int hits = 0;
      double ap = 0;
      for (int r = 0; r < Math.min(k, ranked.size()); r++) {
        if (targets[i][ranked.get(r)] > 0.5f) {
          hits++;
          ap += hits / (r + 1.0);
        }
      }
      sum += ap / Math.min(labels, k);
    }
    return labelled == 0 ? Double.NaN : sum / labelled;
  }

  private static long[][] confusion(float[][] scores, float[][] targets, int c) {
    long[][] matrix = new long[c][c];
    for (int i = 0; i < scores.length; i++) {
      matrix[argmax(targets[i])][argmax(scores[i])]++;
    }
    return matrix;
  }

  private static List<Integer> ranking(float[] scores) {
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < scores.length; k++) {
      order.add(k);
    }
    // List.sort is stable: equal scores keep the lower class index first
    order.sort((a, b) -> Float.compare(scores[b], scores[a]));
    return order;
  }

  static int argmax(float[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return best;
  }

  private static int count(float[] target) {
    int labels = 0;
    for (float t : target) {
      labels += t > 0.5f ? 1 : 0;
    }
    return labels;
  }
}
