package io.soundtag.core.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.soundtag.core.bundle.BundleManifest;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores batches of windows with one or more branches (averaging their scores). Consecutive
 * windows of a stream, cut every hop, share frames: each branch computes those once (see
 * {@link OverlapFrames}), which changes no score. Not thread-safe: one per thread.
 */
public final class InferenceSession implements AutoCloseable {

  private final BundleManifest manifest;
  private final List<LoadedBranch> branches;
  private final List<Predictor<FeatureBatch, float[][]>> predictors = new ArrayList<>();
  private final List<OverlapFrames> overlaps = new ArrayList<>();

  InferenceSession(BundleManifest manifest, List<LoadedBranch> branches) {
    this.manifest = manifest;
    this.branches = branches;
    for (LoadedBranch b : branches) {
      predictors.add(b.newPredictor());
      overlaps.add(b.newOverlapFrames(manifest.windowSamples(), manifest.hopSamples()));
    }
  }

  /**
   * Scores windows of {@code windowSamples} mono samples at the bundle's rate in one forward pass per branch.
   *
   * @return scores[window][class] in [0, 1], classes in the bundle's order
   * @throws WindowLengthMismatch when a window is not of the model's length
   * @throws IllegalStateException when a branch's forward pass fails
   */
  public float[][] score(List<float[]> windows) {
    if (windows.isEmpty()) {
      return new float[0][];
    }
    for (float[] w : windows) {
      if (w.length != manifest.windowSamples()) {
        throw new WindowLengthMismatch("window of " + w.length + " samples; the model takes "
            + manifest.windowSamples() + " at " + manifest.sampleRate() + " Hz");
      }
    }
    float[][] sum = null;
    for (int i = 0; i < branches.size(); i++) {
      float[][] scores;
      try {
        scores = predictors.get(i).predict(branches.get(i).features(windows, overlaps.get(i)));
      } catch (TranslateException e) {
        throw new IllegalStateException("inference failed in branch " + branches.get(i).manifest().name() + ": " + e.getMessage(), e);
      }
      if (sum == null) {
        sum = scores;
      } else {
        for (int w = 0; w < sum.length; w++) {
          for (int c = 0; c < sum[w].length; c++) {
            sum[w][c] += scores[w][c];
          }
        }
      }
    }
    if (branches.size() > 1) {
      for (float[] row : sum) {
        for (int c = 0; c < row.length; c++) {
          row[c] /= branches.size();
        }
      }
    }
    return sum;
  }

  /**
   * Normalised features of {@code windows} as the single branch of this session computes them:
   * the first half of {@link #score}, for measuring the two halves apart.
   *
   * @throws IllegalStateException when the session serves more than one branch
   */
  public FeatureBatch features(List<float[]> windows) {
    singleBranch();
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a batch holds at least one window");
    }
    for (float[] w : windows) {
      if (w.length != manifest.windowSamples()) {
        throw new IllegalArgumentException("window of " + w.length + " samples; the model takes "
            + manifest.windowSamples() + " at " + manifest.sampleRate() + " Hz");
      }
    }
    return branches.get(0).features(windows, overlaps.get(0));
  }

  /**
   * Scores of a batch from {@link #features}: the forward pass alone, the second half of {@link #score}.
   *
   * @throws IllegalStateException when the session serves more than one branch
   */
  public float[][] scoreFeatures(FeatureBatch batch) {
    singleBranch();
    try {
      return predictors.get(0).predict(batch);
    } catch (TranslateException e) {
      throw new IllegalStateException("inference failed in branch " + branches.get(0).manifest().name() + ": " + e.getMessage(), e);
    }
  }

  private void singleBranch() {
    if (branches.size() != 1) {
      throw new IllegalStateException("features and forward pass apart need a session serving one branch; load the "
          + "model with ServingMode.STUDENT");
    }
  }

  @Override
  public void close() {
    predictors.forEach(Predictor::close);
  }
}
