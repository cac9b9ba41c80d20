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
 * @param falseAlarms how often it raises a tag on the gate's negatives ({@link FalseAlarms#NONE}
 *     when not measured)
 */
public record GateFigures(String model, String metric, double primary, int clips, Map<String, Double> perClassAp,
    FalseAlarms falseAlarms) {

  /** Prefix of the per-class AP keys in {@link #asMap()}. */
  public static final String AP_PREFIX = "ap.";

  public GateFigures {
    perClassAp = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perClassAp));
    java.util.Objects.requireNonNull(falseAlarms, "falseAlarms (FalseAlarms.NONE when not measured)");
  }

  /** Figures without false alarms measured. */
  public GateFigures(String model, String metric, double primary, int clips, Map<String, Double> perClassAp) {
    this(model, metric, primary, clips, perClassAp, FalseAlarms.NONE);
  }

  /** The same figures with {@code measured} false alarms. */
  public GateFigures withFalseAlarms(FalseAlarms measured) {
    return new GateFigures(model, metric, primary, clips, perClassAp, measured);
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
   * The figures as a release records them: {@code METRIC}, {@code gate_clips}, {@code ap.CLASS}
   * (finite values only) and, when measured, {@code gate_negatives} and {@code false_alarm_rate}.
   */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    if (Double.isFinite(primary)) {
      m.put(metric, primary);
    }
    m.put("gate_clips", (double) clips);
    if (falseAlarms.measured()) {
      m.put("gate_negatives", (double) falseAlarms.negatives());
      m.put("false_alarm_rate", falseAlarms.share());
    }
    perClassAp.forEach((c, ap) -> {
      if (Double.isFinite(ap)) {
        m.put(AP_PREFIX + c, ap);
      }
    });
    return m;
  }
}
