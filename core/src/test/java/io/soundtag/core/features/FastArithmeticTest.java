package io.soundtag.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The table logarithm and the FFT against their textbook definitions. */
class FastArithmeticTest {

  @Test
  void decibelsEqualTheLibraryLogarithm() {
    Random random = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      double p = Math.pow(10, -12 + 24 * random.nextDouble());
      assertThat(Decibels.of(p)).isCloseTo(10 * Math.log10(Math.max(p, 1e-10)), within(1e-11));
    }
    assertThat(Decibels.of(0.0)).isEqualTo(-100.0, within(1e-12));
    assertThat(Decibels.of(1.0)).isEqualTo(0.0, within(1e-12));
    assertThat(Decibels.of(Double.POSITIVE_INFINITY)).isInfinite();
    assertThat(Decibels.of(Double.NaN)).isNaN();
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 400, 1000, 27})
  void fftEqualsTheDirectSum(int n) {
    Random random = new Random(n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextGaussian();
    }
    RealFft fft = new RealFft(n);
    RealFft.Scratch scratch = fft.newScratch();
    double[] power = new double[n / 2 + 1];
    double[] re = new double[n / 2 + 1];
    double[] im = new double[n / 2 + 1];
    fft.power(x, power, scratch);
    fft.transform(x, re, im, scratch);
    for (int k = 0; k <= n / 2; k++) {
      double sr = 0;
      double si = 0;
      for (int t = 0; t < n; t++) {
        double angle = -2 * Math.PI * ((long) k * t % n) / n;
        sr += x[t] * Math.cos(angle);
        si += x[t] * Math.sin(angle);
      }
      double tolerance = 1e-9 * n;
      assertThat(re[k]).as("re bin %d", k).isCloseTo(sr, within(tolerance));
      assertThat(im[k]).as("im bin %d", k).isCloseTo(si, within(tolerance));
      assertThat(power[k]).as("power bin %d", k).isCloseTo(sr * sr + si * si, within(tolerance * (1 + sr * sr + si * si)));
    }
  }

  /** The windowed path starts with two stages or, where the stages are odd in number, three. */
  @ParameterizedTest
  @ValueSource(ints = {4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096})
  void windowedPowerEqualsTheDirectSum(int n) {
    Random random = new Random(-n);
    float[] x = new float[n + 7];
    double[] window = new double[n];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int t = 0; t < n; t++) {
      window[t] = 0.5 - 0.5 * Math.cos(2 * Math.PI * t / n);
    }
    RealFft fft = new RealFft(n);
    double[] power = new double[n / 2 + 1];
    fft.windowedPower(x, 7, window, power, fft.newScratch());
    for (int k = 0; k <= n / 2; k++) {
      double sr = 0;
      double si = 0;
      for (int t = 0; t < n; t++) {
        double angle = -2 * Math.PI * ((long) k * t % n) / n;
        sr += x[7 + t] * window[t] * Math.cos(angle);
        si += x[7 + t] * window[t] * Math.sin(angle);
      }
      double p = sr * sr + si * si;
      assertThat(power[k]).as("power bin %d", k).isCloseTo(p, within(1e-9 * n * (1 + p)));
    }
  }
}
