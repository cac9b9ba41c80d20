package io.soundtag.core.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SoundLevelTest {

  /** IEC 61672-1:2013 Table 3, A-weighting at the nominal one-third-octave frequencies 10 Hz–20 kHz. */
  private static final double[] TABLE_DB = {
    -70.4, -63.4, -56.7, -50.5, -44.7, -39.4, -34.6, -30.2, -26.2, -22.5, -19.1, -16.1, -13.4, -10.9, -8.6,
    -6.6, -4.8, -3.2, -1.9, -0.8, 0.0, 0.6, 1.0, 1.2, 1.3, 1.2, 1.0, 0.5, -0.1, -1.1, -2.5, -4.3, -6.6, -9.3,
  };

  @Test
  void aWeightingMatchesTheStandardsTable() {
    for (int i = 0; i < TABLE_DB.length; i++) {
      // The table is computed at the exact base-ten frequencies 1000·10^(n/10), rounded to 0.1 dB.
      double hz = 1000 * Math.pow(10, (i - 20) / 10.0);
      assertThat(SoundLevel.aWeightingDb(hz)).as("%.1f Hz", hz).isCloseTo(TABLE_DB[i], within(0.05 + 1e-9));
    }
  }

  /** IEC 61672-1:2013 Table 3, class 1 acceptance limits (+, −) at the same frequencies; −∞ is written as −1000. */
  private static final double[][] CLASS_1_LIMITS_DB = {
    {3.5, -1000}, {3.0, -1000}, {2.5, -4.5}, {2.5, -2.5}, {2.5, -2.0}, {2.0, -2.0}, {1.5, -1.5}, {1.5, -1.5},
    {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.5, -1.5}, {1.4, -1.4}, {1.4, -1.4},
    {1.4, -1.4}, {1.4, -1.4}, {1.4, -1.4}, {1.4, -1.4}, {1.1, -1.1}, {1.4, -1.4}, {1.6, -1.6}, {1.6, -1.6},
    {1.6, -1.6}, {1.6, -1.6}, {1.6, -1.6}, {2.1, -2.1}, {2.1, -2.6}, {2.1, -3.1}, {2.6, -3.6}, {3.0, -6.0},
    {3.5, -17.0}, {4.0, -1000},
  };

  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100, 48000})
  void theDigitalWeightingIsWithinClass1LimitsBelow40PercentOfTheRate(int rate) {
    assertThat(SoundLevel.digitalWeightingDb(1000, rate)).isCloseTo(0.0, within(1e-9));
    int checked = 0;
    for (int i = 0; i < TABLE_DB.length; i++) {
      double hz = 1000 * Math.pow(10, (i - 20) / 10.0);
      if (hz > 0.4 * rate) {
        break;
      }
      double error = SoundLevel.digitalWeightingDb(hz, rate) - SoundLevel.aWeightingDb(hz);
      assertThat(error).as("error at %.1f Hz, %d Hz rate", hz, rate)
          .isBetween(CLASS_1_LIMITS_DB[i][1], CLASS_1_LIMITS_DB[i][0]);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(28);
  }

  @Test
  void theDigitalWeightingIsCloseToTheAnalyticOneWellBelowNyquist() {
    for (double hz = 20; hz <= 6400; hz *= 1.1) {
      assertThat(SoundLevel.digitalWeightingDb(hz, 32000)).as("%.1f Hz", hz)
          .isCloseTo(SoundLevel.aWeightingDb(hz), within(0.2));
    }
  }

  /**
   * The definition itself: the window as one period of a periodic signal, i.e. filtered from rest
   * over two copies of itself, the second copy measured. Lengths that take each way through
   * {@link SoundLevel}: quarters in SIMD lanes (0.8 s and more, odd lengths too), halves
   * (0.4–0.8 s) and one pass (shorter).
   */
  @ParameterizedTest
  @ValueSource(ints = {16000, 22050, 32000, 44100})
  void everyWayThroughTheWindowReadsThePeriodicDefinition(int rate) {
    java.util.Random r = new java.util.Random(rate);
    for (double seconds : new double[] {1.0, 0.93, 0.5, 0.3}) {
      float[] x = new float[(int) (seconds * rate) | 1];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (0.2 * r.nextGaussian() + 0.3 * Math.sin(i * 0.37));
      }
      io.soundtag.core.acoustics.Sections a = io.soundtag.core.acoustics.Weighting.A.filter(rate);
      double[] y = new double[2 * x.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = x[i % x.length];
      }
      for (int k = 0; k < a.size(); k++) {
        double[] q = a.section(k);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < y.length; i++) {
          double v = y[i];
          double out = q[0] * v + s1;
          s1 = q[1] * v - q[3] * out + s2;
          s2 = q[2] * v - q[4] * out;
          y[i] = out;
        }
      }
      double sum = 0;
      for (int i = x.length; i < y.length; i++) {
        sum += y[i] * y[i];
      }
      assertThat(SoundLevel.laeq(x, rate)).as(seconds + " s at " + rate + " Hz")
          .isCloseTo(10 * Math.log10(sum / x.length), within(1e-4));
    }
  }

  @Test
  void aFullScaleSineAt1kHzReadsMinus3dB() {
    assertThat(SoundLevel.laeq(sine(32000, 1000, 1.0, 32000), 32000)).isCloseTo(-3.0103, within(0.001));
    assertThat(SoundLevel.leq(sine(32000, 1000, 1.0, 32000))).isCloseTo(-3.0103, within(0.001));
  }

  @Test
  void lowTonesAreAttenuatedByTheWeighting() {
    double level = SoundLevel.laeq(sine(16000, 100, 0.1, 16000), 16000);
    // The weighting is digital: within 0.1 dB of the analytic value at 100 Hz even at 16 kHz.
    assertThat(level).isCloseTo(-20 - 3.0103 + SoundLevel.aWeightingDb(100), within(0.1));
    assertThat(level).isCloseTo(-20 - 3.0103 + SoundLevel.digitalWeightingDb(100, 16000), within(0.001));
    assertThat(SoundLevel.aWeightingDb(100)).isCloseTo(-19.1, within(0.05));
  }

  @Test
  void tonesAddInPowerAndSilenceReadsTheFloor() {
    float[] a = sine(44100, 1000, 0.5, 44100);
    float[] b = sine(44100, 4000, 0.25, 44100);
    float[] sum = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i];
    }
    double expected = 10 * Math.log10(Math.pow(10, SoundLevel.laeq(a, 44100) / 10) + Math.pow(10, SoundLevel.laeq(b, 44100) / 10));
    assertThat(SoundLevel.laeq(sum, 44100)).isCloseTo(expected, within(0.001));
    assertThat(SoundLevel.laeq(new float[1000], 16000)).isEqualTo(SoundLevel.FLOOR_DB);
  }

  @Test
  void aToneNearNyquistReadsTheDigitalWeightingWithoutAStartUpTransient() {
    // 10 kHz fits the 1 s window a whole number of times, so the periodic priming leaves no transient.
    double level = SoundLevel.laeq(sine(32000, 10000, 0.5, 32000), 32000);
    assertThat(level).isCloseTo(20 * Math.log10(0.5) - 3.0103 + SoundLevel.digitalWeightingDb(10000, 32000), within(0.001));
  }

  @Test
  void aDcOffsetIsWeightedAwayWithoutAStartUpTransient() {
    float[] tone = sine(32000, 1000, 0.1, 32000);
    float[] offset = tone.clone();
    for (int i = 0; i < offset.length; i++) {
      offset[i] += 0.5f;
    }
    // A filter started from rest would ring on the jump to 0.5 at the first sample and read louder.
    assertThat(SoundLevel.laeq(offset, 32000)).isCloseTo(SoundLevel.laeq(tone, 32000), within(0.001));
  }

  private static float[] sine(int rate, double hz, double amplitude, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return x;
  }
}
