package io.soundtag.trainer.recipe;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.evaluation.EvaluationReport;
import io.soundtag.trainer.report.ModelComplexity;
import io.soundtag.trainer.report.ResultRow;
import io.soundtag.trainer.report.TrainingHistory;
import java.util.List;

/**
 * What a run produced.
 *
 * @param bundle the first seed's model (its student, and every branch when asked)
 * @param evaluation the bundle's student on the test windows
 * @param results Gao et al.'s table: each branch independent and/or distilled, and the ensembles
 * @param history per-run, per-branch epoch records
 * @param complexity parameters and MACs of every branch
 */
public record RunOutcome(
    ModelBundle bundle, EvaluationReport evaluation, List<ResultRow> results, TrainingHistory history,
    List<ModelComplexity> complexity) {}
