package io.soundtag.core.acoustics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WeightingTest {

  /** IEC 61672-1:2013 Table 3, nominal A weighting at the one-third-octave frequencies 10 Hz–20 kHz. */
  private static final double[] A_TABLE = {
    -70.4, -63.4, -56.7, -50.5, -44.7, -39.4, -34.6, -30.2, -26.2, -22.5, -19.1, -16.1, -13.4, -10.9, -8.6,
    -6.6, -4.8, -3.2, -1.9, -0.8, 0.0, 0.6, 1.0, 1.2, 1.3, 1.2, 1.0, 0.5, -0.1, -1.1, -2.5, -4.3, -6.6, -9.3,
  };

  /** IEC 61672-1:2013 Table 3, nominal C weighting at the same frequencies. */
  private static final double[] C_TABLE = {
    -14.3, -11.2, -8.5, -6.2, -4.4, -3.0, -2.0, -1.3, -0.8, -0.5, -0.3, -0.2, -0.1, 0.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.1, -0.2, -0.3, -0.5, -0.8, -1.3, -2.0, -3.0, -4.4, -6.2, -8.5, -11.2,
  };

  /** IEC 61672-1:2013 Table 3, class 1 acceptance limits (+, −) at the same frequencies; −∞ written as −1000. */
  private static final double[][] CLASS_1 = {
    {3.5, -1000}, {3.0, -1000}, {2.5, -4.5}, {2.5, -2.5}, {2.5, -2.0}, {2.0, -2.0}, {1.5, -1.5}, {1.5, -1.5},
    {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.4, -1.4}, {1.4, -1.4},
    {1.4, -1.4}, {1.4, -1.4}, {1.4, -1.4}, {1.4, -1.4}, {1.1, -1.1}, {1.4, -1.4}, {1.6, -1.6}, {1.6, -1.6},
    {1.6, -1.6}, {1.6, -1.6}, {1.6, -1.6}, {2.1, -2.1}, {2.1, -2.6}, {2.1, -3.1}, {2.6, -3.6}, {3.0, -6.0},
    {3.5, -17.0}, {4.0, -1000},
  };

  private static double tableHz(int i) {
    // The table is computed at the exact base-ten frequencies 1000·10^(n/10), rounded to 0.1 dB.
    return 1000 * Math.pow(10, (i - 20) / 10.0);
  }

  @Test
  void theAnalyticWeightingsAreTheStandardsTables() {
    for (int i = 0; i < A_TABLE.length; i++) {
      assertThat(Weighting.A.analyticDb(tableHz(i))).as("A at %.1f Hz", tableHz(i)).isCloseTo(A_TABLE[i], within(0.05 + 1e-9));
      assertThat(Weighting.C.analyticDb(tableHz(i))).as("C at %.1f Hz", tableHz(i)).isCloseTo(C_TABLE[i], within(0.05 + 1e-9));
      assertThat(Weighting.Z.analyticDb(tableHz(i))).isEqualTo(0.0);
    }
    assertThat(Weighting.A.analyticDb(1000)).isCloseTo(0, within(1e-12));
    assertThat(Weighting.C.analyticDb(1000)).isCloseTo(0, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void theDigitalWeightingsAreWithinATenthOfADecibelOfTheAnalyticOnes(int rate) {
    double top = Math.min(10000, 0.35 * rate);
    double worst = 0;
    for (Weighting w : new Weighting[] {Weighting.A, Weighting.C}) {
      Sections f = w.filter(rate);
      assertThat(f.gainDb(1000, rate)).isCloseTo(0.0, within(1e-9));
      for (double hz = 31.5; hz <= top; hz *= 1.01) {
        double error = f.gainDb(hz, rate) - w.analyticDb(hz);
        worst = Math.max(worst, Math.abs(error));
        assertThat(error).as("%s error at %.1f Hz, %d Hz rate", w, hz, rate).isBetween(-0.1, 0.1);
      }
      double error = f.gainDb(top, rate) - w.analyticDb(top);
      assertThat(error).as("%s error at %.1f Hz, %d Hz rate", w, top, rate).isBetween(-0.1, 0.1);
    }
    System.out.printf("weighting at %d Hz: worst error %.4f dB from 31.5 Hz to %.0f Hz%n", rate, worst, top);
  }

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void theDigitalWeightingsMeetClass1AtTheTableFrequenciesBelowNyquist(int rate) {
    for (Weighting w : new Weighting[] {Weighting.A, Weighting.C}) {
      double[] table = w == Weighting.A ? A_TABLE : C_TABLE;
      for (int i = 0; i < table.length && tableHz(i) < 0.5 * rate; i++) {
        double deviation = w.filter(rate).gainDb(tableHz(i), rate) - table[i];
        if (tableHz(i) <= Math.min(10000, 0.35 * rate)) {
          assertThat(deviation).as("%s at %.1f Hz, %d Hz rate", w, tableHz(i), rate)
              .isBetween(CLASS_1[i][1], CLASS_1[i][0]);
        }
      }
    }
  }

  @Test
  void zIsFlat() {
    assertThat(Weighting.Z.filter(16000).size()).isZero();
    assertThat(Weighting.Z.filter(16000).gainDb(5000, 16000)).isEqualTo(0.0);
  }

  @Test
  void aIsCThenItsTail() {
    assertThat(Weighting.A.filter(48000).size()).isEqualTo(3);
    for (double hz = 20; hz < 20000; hz *= 1.3) {
      assertThat(Weighting.A.filter(48000).gainDb(hz, 48000))
          .isCloseTo(Weighting.cFilter(48000).gainDb(hz, 48000) + Weighting.aTail(48000).gainDb(hz, 48000), within(1e-9));
    }
  }

  @Test
  void aSineThroughTheFilterReadsItsWeighting() {
    int rate = 16000;
    double hz = 5000;
    double[] x = new double[rate];
    for (int n = 0; n < x.length; n++) {
      x[n] = Math.sin(2 * Math.PI * hz * n / rate);
    }
    double[] y = Weighting.A.filter(rate).filter(x);
    double sum = 0;
    for (int n = rate / 2; n < rate; n++) {
      sum += y[n] * y[n];
    }
    double level = 10 * Math.log10(sum / (rate / 2.0) * 2);
    assertThat(level).isCloseTo(Weighting.A.analyticDb(hz), within(0.1));
  }
}
