package io.soundtag.trainer.gate;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.evaluation.EvaluationReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model's figures on the gate set.
 *
 * @param model what was scored, e.g. {@code candidate}, {@code urban-sounds:3} or {@code chance}
 * @param metric the primary metric's name: {@code accuracy} or {@code micro_auprc}
 * @param primary its value
 * @param clips gate clips scored
 * @param perClassAp class → AP on the gate set ({@code NaN} for a class without gate clips, or one
 *     the model does not know)
 */
public record GateFigures(String model, String metric, double primary, int clips, Map<String, Double> perClassAp) {

  /** Prefix of the per-class AP keys in {@link #asMap()}. */
  public static final String AP_PREFIX = "ap.";

  public GateFigures {
    perClassAp = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perClassAp));
  }

  /** The figures of an evaluation: accuracy is primary for single-label tasks, micro-AUPRC for multi-label ones. */
  public static GateFigures of(String model, TaskType task, EvaluationReport report) {
    boolean single = task == TaskType.SINGLE_LABEL;
    return new GateFigures(model, primaryMetric(task), single ? report.accuracy() : report.microAuprc(), report.n(),
        report.perClassAp());
  }

  /** {@code accuracy} for single-label tasks, {@code micro_auprc} for multi-label ones. */
  public static String primaryMetric(TaskType task) {
    return task == TaskType.SINGLE_LABEL ? "accuracy" : "micro_auprc";
  }

  /**
   * The figures as a release records them: {@code METRIC}, {@code gate_clips} and {@code ap.CLASS}
   * (finite values only).
   */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (Double.isFinite(primary)) {
      m.put(metric, primary);
    }
    m.put("gate_clips", (double) clips);
    perClassAp.forEach((c, ap) -> {
      if (Double.isFinite(ap)) {
        m.put(AP_PREFIX + c, ap);
      }
    });
    return m;
  }
}
