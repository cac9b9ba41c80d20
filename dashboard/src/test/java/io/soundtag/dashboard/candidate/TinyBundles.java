package io.soundtag.dashboard.candidate;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MelScale;
import io.soundtag.core.nn.NetworkSpec;
import io.soundtag.core.nn.Networks;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small real bundles (random-initialised networks at 8 kHz, 0.5 s windows) that load and score in milliseconds. */
final class TinyBundles {

  static final List<String> CLASSES = List.of("siren", "dog_bark", "rain");
  static final int RATE = 8_000;
  static final int WINDOW = 4_000;
  private static final int MELS = 16;

  private TinyBundles() {}

  /** A bundle named {@code tiny}, version {@code version}, its weights drawn from {@code seed}. */
  static ModelBundle bundle(String version, long seed) {
    LogMelConfig features = new LogMelConfig(RATE, 256, 256, 80, MELS, 0, RATE / 2.0, MelScale.SLANEY);
    NetworkSpec network = NetworkSpec.defaults("smallcnn");
    float[] scale = new float[MELS];
    Arrays.fill(scale, 20f);
    float[] mean = new float[MELS];
    Arrays.fill(mean, -60f); // log-Mel dB of quiet audio: centred, the random network's outputs vary
    BranchManifest branch = new BranchManifest("logmel-smallcnn", features, network, new Normalisation(mean, scale),
        "branches/logmel-smallcnn.params");
    BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "tiny", version, null, 0L,
        TaskType.MULTI_LABEL, CLASSES, List.of(0.5, 0.5, 0.5), Map.of(), RATE, WINDOW, WINDOW / 2,
        List.of(branch), branch.name(), Map.of(), Map.of());
    return new ModelBundle(manifest, Map.of(branch.parametersEntry(), parameters(network, seed)));
  }

  private static byte[] parameters(NetworkSpec network, long seed) {
    try (NDManager manager = NDManager.newBaseManager()) {
      manager.getEngine().setRandomSeed((int) seed);
      Block block = Networks.build(network, CLASSES.size());
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, MELS, WINDOW / 80 + 1));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      block.saveParameters(new DataOutputStream(bytes));
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
