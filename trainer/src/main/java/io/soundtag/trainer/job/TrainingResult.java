package io.soundtag.trainer.job;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.recipe.RunOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link TrainingJob} produced.
 *
 * @param bundle the model (student only unless every branch was asked for)
 * @param outcome its evaluation, the results table, the training history and the branches' complexity
 * @param data the data it was trained on
 * @param report the report's {@code index.html}, or null when no report directory was given
 * @param warmStarted branches that started from the warm-start bundle's parameters
 */
public record TrainingResult(ModelBundle bundle, RunOutcome outcome, PreparedData data, Path report, List<String> warmStarted) {

  public TrainingResult {
    warmStarted = List.copyOf(warmStarted);
  }
}
