package io.soundtag.trainer.gate;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.evaluation.Metrics;
import java.util.List;

/** What a first candidate is compared with when no model is served yet. */
public final class GateBaseline {

  private GateBaseline() {}

  /**
   * A model that knows only how often each class occurs on the gate set: every clip scored with
   * the class frequencies. Its accuracy is the most frequent class's share and each class's AP its
   * prevalence, so a candidate must have learnt something from the audio to beat it.
   *
   * @param targets gate clip targets over {@code classes}
   */
  public static GateFigures chance(TaskType task, List<String> classes, float[][] targets) {
    float[] prior = new float[classes.size()];
    for (float[] t : targets) {
      for (int c = 0; c < prior.length; c++) {
        prior[c] += t[c] / Math.max(1, targets.length);
      }
    }
    float[][] scores = new float[targets.length][];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = prior.clone();
    }
    return GateFigures.of("chance", task, Metrics.evaluate(classes, scores, targets));
  }
}
