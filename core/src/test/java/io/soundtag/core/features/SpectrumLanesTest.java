package io.soundtag.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.simd.Simd;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Spectra four frames at a time in SIMD lanes give, bit for bit, the frames computed one by one. */
class SpectrumLanesTest {

  static List<FeatureConfig> configs() {
    return List.of(
        LogMelConfig.defaults(16000),
        LogMelConfig.defaults(32000),
        new LogMelConfig(16000, 512, 512, 320, 64, 0, 8000, MelScale.SLANEY),
        new LogMelConfig(22050, 2048, 2048, 512, 128, 30, 11025, MelScale.HTK),
        new LogMelConfig(8000, 8, 8, 3, 2, 0, 4000, MelScale.SLANEY),
        new StftConfig(16000, 256, 256, 100),
        new StftConfig(16000, 4, 4, 1),
        new GammatoneConfig(16000, 512, 512, 160, 32, 50, 8000));
  }

  private static float[] signal(int n, long seed) {
    Random random = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16000.0) + 0.05 * random.nextGaussian());
    }
    // Silence and full-scale clicks, so tiny and huge powers both occur.
    java.util.Arrays.fill(x, n / 3, n / 3 + 2000, 0f);
    for (int i = 0; i < n; i += 1777) {
      x[i] = i % 2 == 0 ? 1f : -1f;
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void lanesGiveTheFramesOneByOne(FeatureConfig config) {
    float[] x = signal(19_999, config.hashCode());
    FeatureMatrix together = config.create().compute(x);
    FeatureMatrix alone = oneByOne(config.create(), x, together.shape());
    assertThat(together.values()).containsExactly(alone.values());
  }

  @Test
  void theBuildRunsTheSpectraInLanes() {
    PowerSpectrum spectrum = new PowerSpectrum(512, 512, 160);
    PowerSpectrum.Workspace ws = spectrum.newWorkspace(0);
    float[] x = signal(4000, 1);
    // Wherever the JVM has the lanes, four frames inside the buffer take them; a frame past its edge never does.
    assertThat(spectrum.computeFour(x, 0, 5, ws)).isEqualTo(Simd.available());
    assertThat(spectrum.computeFour(x, 0, 0, ws)).isFalse();
    PowerSpectrum shorterWindow = new PowerSpectrum(512, 400, 160);
    assertThat(shorterWindow.computeFour(x, 0, 5, shorterWindow.newWorkspace(0))).isFalse();
  }

  /** Every frame by itself, through the scalar path the lanes must match. */
  private static FeatureMatrix oneByOne(Representation r, float[] x, FeatureShape shape) {
    PowerSpectrumFrames frames = (PowerSpectrumFrames) r;
    PowerSpectrum.Workspace ws = frames.newWorkspace();
    float[] values = new float[shape.bins() * shape.frames()];
    double[] out = new double[shape.bins()];
    for (int n = 0; n < shape.frames(); n++) {
      frames.frame(x, 0, n, out, ws);
      for (int b = 0; b < out.length; b++) {
        values[b * shape.frames() + n] = (float) out[b];
      }
    }
    return new FeatureMatrix(shape, values);
  }
}
