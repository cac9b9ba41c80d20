package io.soundtag.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.FeatureBatch;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.inference.TorchExport;
import io.soundtag.ops.model.DefaultModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped student exported into PyTorch scores the same features as DJL serves them, within 1e-4. */
class TorchExportTest {

  private static final String PYTHON = "/usr/bin/python3";

  @TempDir
  Path dir;

  @Test
  void thePyTorchModuleScoresLikeDjl() throws Exception {
    assumeTrue(PythonModules.importable(PYTHON, "torch"), "skipped: " + PYTHON + " cannot import torch (Debian: apt-get install python3-torch)");
    ModelBundle bundle = DefaultModel.load(null);
    Path script = TorchExport.write(bundle, dir.resolve("export"));
    List<float[]> windows = windows(8, bundle.manifest().windowSamples(), bundle.manifest().sampleRate());
    float[][] djl;
    FeatureBatch batch;
    try (ServingModel model = ServingModel.load(bundle, ServingMode.STUDENT, Device.cpu());
        InferenceSession session = model.newSession()) {
      batch = session.features(windows);
      djl = session.scoreFeatures(batch);
    }
    Path in = dir.resolve("features.f32");
    Path out = dir.resolve("scores.f32");
    ByteBuffer bytes = ByteBuffer.allocate(batch.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(batch.values());
    Files.write(in, bytes.array());
    var s = batch.shape();
    run(PYTHON, script.toString(), dir.resolve("export").toString(), "--scores", in.toString(),
        String.valueOf(batch.size()), String.valueOf(s.channels()), String.valueOf(s.bins()),
        String.valueOf(s.frames()), out.toString());
    ByteBuffer back = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
    int classes = bundle.manifest().classes().size();
    assertThat(back.remaining()).isEqualTo(batch.size() * classes * 4);
    double worst = 0;
    double spread = 0;
    for (int w = 0; w < batch.size(); w++) {
      for (int c = 0; c < classes; c++) {
        float torch = back.getFloat();
        worst = Math.max(worst, Math.abs(torch - djl[w][c]));
        spread = Math.max(spread, Math.abs(djl[w][c] - djl[0][c]));
      }
    }
    System.out.printf("largest |PyTorch - DJL| score over %d windows x %d classes: %.2e%n", batch.size(), classes, worst);
    assertThat(spread).as("the windows score differently, so equal scores mean equal networks").isGreaterThan(0.05);
    assertThat(worst).as("largest |PyTorch − DJL| score").isLessThanOrEqualTo(1e-4);
  }

  /** Tones, noise and silence: windows the student scores differently. */
  static List<float[]> windows(int count, int samples, int rate) {
    Random random = new Random(7);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      float[] w = new float[samples];
      double f = 200 + 600 * i;
      double level = i % 3 == 0 ? 0.0 : 0.3;
      for (int t = 0; t < samples; t++) {
        w[t] = (float) (level * Math.sin(2 * Math.PI * f * t / rate) + 0.02 * (i + 1) * random.nextGaussian());
      }
      out.add(w);
    }
    return out;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }
}
