package io.soundtag.tagger.scoring;

import io.soundtag.tagger.reassembly.SensorWindow;
import java.util.List;
import java.util.Map;

/**
 * A window and what the model said about it.
 *
 * @param window the window
 * @param scores one score per class, in {@code classes} order; null when the level gate kept it from the model
 * @param laeqDb the window's LAeq, dB re full scale
 * @param modelVersion the model that scored it
 * @param classes that model's classes
 * @param thresholds that model's per-class thresholds
 * @param coarseOf that model's class → coarse group (empty when it has none)
 */
public record ScoredWindow(SensorWindow window, float[] scores, double laeqDb, String modelVersion, List<String> classes,
    List<Double> thresholds, Map<String, String> coarseOf) {

  public ScoredWindow {
    coarseOf = coarseOf == null ? Map.of() : coarseOf;
  }

  /** A window scored by a model without coarse groups. */
  public ScoredWindow(SensorWindow window, float[] scores, double laeqDb, String modelVersion, List<String> classes,
      List<Double> thresholds) {
    this(window, scores, laeqDb, modelVersion, classes, thresholds, Map.of());
  }

  /** The score of {@code label}, 0 when the model does not know it or did not score the window. */
  public double score(String label) {
    int c = classes.indexOf(label);
    return scores == null || c < 0 ? 0 : scores[c];
  }
}
