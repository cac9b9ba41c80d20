package io.soundtag.core.inference;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.InvalidBundleException;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.FeatureShape;
import io.soundtag.core.features.Representation;
import io.soundtag.core.nn.BatchNormFolding;
import io.soundtag.core.nn.Int8Network;
import io.soundtag.core.nn.Networks;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/** One branch of a bundle (float32, or int8 dequantised at load), its parameters loaded on a device, ready to score windows. */
final class LoadedBranch implements AutoCloseable {

  /** Window tails a session keeps for frame reuse: more than the streams one tagger thread serves. */
  private static final int OVERLAP_TAILS = 4096;

  private final BranchManifest manifest;
  private final Representation representation;
  private final Normalisation normalisation;
  private final TaskType task;
  private final Model model;

  /**
   * @param windowSamples the model's input length, which fixes the input shape an int8 branch is
   *     rebuilt with
   */
  LoadedBranch(BranchManifest manifest, byte[] parameters, TaskType task, int classes, int windowSamples, Device device) {
    this.manifest = manifest;
    this.representation = manifest.features().create();
    this.normalisation = manifest.normalisation();
    // A manifest from the network is checked against what its own features produce, so that a lie
    // about their size is refused here by name rather than failing inside the first batch.
    int rows = representation.channels() * representation.bins();
    if (normalisation.rows() != rows) {
      throw new InvalidBundleException("branch " + manifest.name() + " normalises " + normalisation.rows() + " feature rows but its "
          + "features have " + rows + " (" + representation.channels() + " channels x " + representation.bins() + " bins)");
    }
    this.task = task;
    this.model = Model.newInstance(manifest.name(), device);
    if (manifest.quantised()) {
      FeatureShape shape = representation.shape(windowSamples);
      try {
        // int8 weights are dequantised here and served in float32 with the inputs fake-quantised as in training;
        // the PyTorch engine under DJL has no int8 convolution to run them on (Int8Network says why)
        model.setBlock(Int8Network.load(manifest.network(), classes, new Shape(1, shape.channels(), shape.bins(), shape.frames()),
            manifest.quantisation(), parameters, model.getNDManager()).block());
      } catch (RuntimeException e) {
        model.close();
        throw e instanceof InvalidBundleException ? e : new InvalidBundleException("int8 branch " + manifest.name()
            + " does not fit its network " + manifest.network() + ": " + e.getMessage(), e);
      }
      return;
    }
    Block block = Networks.build(manifest.network(), classes);
    model.setBlock(block);
    try {
      block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(parameters)));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new InvalidBundleException("parameters of branch " + manifest.name() + " do not fit its network "
          + manifest.network() + ": " + e.getMessage(), e);
    }
    // Serving never trains: each conv → batch norm runs as one folded conv (same scores within float rounding).
    model.setBlock(BatchNormFolding.fold(block, model.getNDManager()));
  }

  BranchManifest manifest() {
    return manifest;
  }

  Predictor<FeatureBatch, float[][]> newPredictor() {
    return model.newPredictor(new ScoreTranslator(task));
  }

  /** Frames of windows {@code windowSamples} long cut every {@code hopSamples}, reusing shared frames; one per session. */
  OverlapFrames newOverlapFrames(int windowSamples, int hopSamples) {
    return new OverlapFrames(representation, windowSamples, hopSamples, OVERLAP_TAILS);
  }

  /** Features of each window, normalised and stacked, the frames shared with earlier windows taken from {@code overlap}. */
  FeatureBatch features(List<float[]> windows, OverlapFrames overlap) {
    FeatureShape shape = representation.shape(windows.get(0).length);
    int size = shape.size();
    float[] values = new float[windows.size() * size];
    for (int i = 0; i < windows.size(); i++) {
      FeatureMatrix m = overlap.compute(windows.get(i));
      float[] v = m.values().clone();
      normalisation.applyInPlace(v, shape.frames());
      System.arraycopy(v, 0, values, i * size, size);
    }
    return new FeatureBatch(windows.size(), shape, values);
  }

  @Override
  public void close() {
    model.close();
  }
}
