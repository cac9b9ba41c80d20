package io.soundtag.trainer.job;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.recipe.RunData;
import java.util.List;

/**
 * Training data cut into the recipe's windows.
 *
 * @param name the model name it suggests (the dataset's name)
 * @param description what it is, for the report and the bundle's provenance
 * @param task single- or multi-label
 * @param classes class names in output order
 * @param windows training, validation and test windows
 */
public record PreparedData(String name, String description, TaskType task, List<String> classes, RunData windows) {

  public PreparedData {
    classes = List.copyOf(classes);
  }
}
