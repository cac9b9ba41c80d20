package io.soundtag.trainer.recipe;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.evaluation.EvaluationReport;
import io.soundtag.trainer.report.ModelComplexity;
import io.soundtag.trainer.report.ResultRow;
import io.soundtag.trainer.report.TrainingHistory;
import java.util.List;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param bundle the first seed's model (its student, and every branch when asked)
 * @param evaluation the bundle's student on the test windows
 * @param float32Evaluation the same student before its int8 fine-tuning, when the run quantised it;
 *     else {@code evaluation}
 * @param results Gao et al.'s table: each branch independent and/or distilled, and the ensembles
 * @param history per-run, per-branch epoch records
 * @param complexity parameters and MACs of every branch
 * @param bundleBytes sizes of the first seed's bundle files: {@code bundle} (the one returned) and,
 *     when the student was quantised, {@code float32 student} and {@code int8 student} (each the
 *     student alone)
 * @param coarseHeadAccuracy branch → top-1 of its coarse head (Bai et al.) on the validation
 *     windows, for the first seed; empty when the run trained none
 */
public record RunOutcome(
    ModelBundle bundle, EvaluationReport evaluation, EvaluationReport float32Evaluation, List<ResultRow> results, TrainingHistory history,
    List<ModelComplexity> complexity, Map<String, Long> bundleBytes, Map<String, Double> coarseHeadAccuracy) {

  public RunOutcome {
    bundleBytes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bundleBytes));
    coarseHeadAccuracy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(coarseHeadAccuracy));
  }

  /** The sizes, e.g. {@code bundle 61,874 B; float32 student 61,874 B; int8 student 24,410 B}. */
  public String bundleBytesSummary() {
    StringBuilder s = new StringBuilder();
    bundleBytes.forEach((k, v) -> s.append(s.isEmpty() ? "" : "; ").append(k).append(' ')
        .append(String.format(java.util.Locale.ROOT, "%,d", v)).append(" B"));
    return s.toString();
  }
}
