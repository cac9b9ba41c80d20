package io.soundtag.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The CQT evaluated at decimated rates against its definition evaluated directly, at settings the
 * fixtures do not cover: seven octaves from 32.7 Hz at 32 kHz, whose lowest bins are seven
 * halvings down; 96 bins per octave, whose main lobes rather than their tails decide their rate;
 * and an odd hop, whose frame centres fall between the low rates' samples.
 */
class CqtTest {

  @Test
  void theDefaultSettingsMatchTheDefinitionWithinTheParityTolerance() {
    CqtConfig config = CqtConfig.defaults(32000);
    assertWithinParityTolerance(config, signal(32000, 48_000));
  }

  @Test
  void binsNarrowerThanTheFixturesMatchTheDefinitionWithinTheParityTolerance() {
    CqtConfig config = new CqtConfig(16000, 160, 200, 96, 480);
    assertWithinParityTolerance(config, signal(16000, 12_800));
  }

  @Test
  void anOddHopMatchesTheDefinitionWithinTheParityTolerance() {
    CqtConfig config = new CqtConfig(22050, 441, 55, 24, 140);
    assertWithinParityTolerance(config, signal(22050, 30_000));
  }

  /** 0.1 dB wherever the definition is within 60 dB of its maximum, as ParityTest asks. */
  private static void assertWithinParityTolerance(CqtConfig config, float[] x) {
    float[] got = config.create().compute(x).values();
    double[] want = definition(config, x);
    double max = Double.NEGATIVE_INFINITY;
    for (double v : want) {
      max = Math.max(max, v);
    }
    double worst = 0;
    int compared = 0;
    for (int i = 0; i < want.length; i++) {
      if (want[i] >= max - 60) {
        compared++;
        worst = Math.max(worst, Math.abs(got[i] - want[i]));
      }
    }
    assertThat(compared).isGreaterThan(want.length / 2);
    assertThat(worst).isLessThanOrEqualTo(0.1);
  }

  /** Tones from the lowest octave to the highest, a chirp, noise and two clicks. */
  private static float[] signal(int sampleRate, int n) {
    Random random = new Random(3);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) sampleRate;
      x[i] = (float) (0.2 * Math.sin(2 * Math.PI * 41 * t) + 0.2 * Math.sin(2 * Math.PI * 440 * t)
          + 0.1 * Math.sin(2 * Math.PI * 3000 * t) + 0.1 * Math.sin(2 * Math.PI * (100 + 2000 * t) * t)
          + 0.01 * random.nextGaussian());
    }
    x[n / 3] += 0.9f;
    x[2 * n / 3] -= 0.9f;
    return x;
  }

  /** The formula of docs/ARCHITECTURE.md, one dot product per bin and frame, bin-major dB. */
  private static double[] definition(CqtConfig config, float[] x) {
    int frames = x.length / config.hopLength() + 1;
    double[] out = new double[config.nBins() * frames];
    double q = config.q();
    for (int k = 0; k < config.nBins(); k++) {
      int nk = config.kernelLength(k);
      double[] kernelRe = new double[nk];
      double[] kernelIm = new double[nk];
      for (int m = 0; m < nk; m++) {
        double w = (0.5 - 0.5 * Math.cos(2 * Math.PI * m / nk)) / nk;
        kernelRe[m] = w * Math.cos(2 * Math.PI * q * m / nk);
        kernelIm[m] = -w * Math.sin(2 * Math.PI * q * m / nk);
      }
      for (int n = 0; n < frames; n++) {
        double re = 0;
        double im = 0;
        for (int m = 0; m < nk; m++) {
          int s = n * config.hopLength() - nk / 2 + m;
          if (s >= 0 && s < x.length) {
            re += x[s] * kernelRe[m];
            im += x[s] * kernelIm[m];
          }
        }
        out[k * frames + n] = 10 * Math.log10(Math.max(re * re + im * im, 1e-10));
      }
    }
    return out;
  }
}
