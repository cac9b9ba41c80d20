package io.soundtag.trainer.training;

import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.features.FeatureConfig;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.features.Representation;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of a list of windows, computed once with one representation and standardised
 * with statistics of the training windows.
 */
public final class FeatureTable {

  private final FeatureShape shape;
  private final List<float[]> rows;

  private FeatureTable(FeatureShape shape, List<float[]> rows) {
    this.shape = shape;
    this.rows = rows;
  }

  /**
   * Raw (unnormalised) features of each window, computed on all cores (representations are
   * thread-safe); an empty list gives an empty table.
   */
  public static FeatureTable computeAll(FeatureConfig config, List<float[]> windows) {
    Representation representation = config.create();
    if (windows.isEmpty()) {
      return new FeatureTable(representation.shape(1), List.of());
    }
    FeatureShape shape = representation.shape(windows.get(0).length);
    List<float[]> rows = windows.parallelStream().map(w -> representation.compute(w).values().clone()).toList();
    return new FeatureTable(shape, new ArrayList<>(rows));
  }

  public FeatureShape shape() {
    return shape;
  }

  public int size() {
    return rows.size();
  }

  /** The features of window {@code i}. */
  public float[] get(int i) {
    return rows.get(i);
  }

  /** The features of windows {@code from..to}, one after another: a batch as the network takes it. */
  public float[] batch(int from, int to) {
    int size = shape.size();
    float[] out = new float[(to - from) * size];
    for (int i = from; i < to; i++) {
      System.arraycopy(rows.get(i), 0, out, (i - from) * size, size);
    }
    return out;
  }

  /** Per-row statistics over all windows of this table. */
  public Normalisation measureNormalisation() {
    return Normalisation.measure(rows, shape.channels() * shape.bins());
  }

  /** Standardises every window in place. */
  public void normalise(Normalisation normalisation) {
    for (float[] r : rows) {
      normalisation.applyInPlace(r, shape.frames());
    }
  }
}
