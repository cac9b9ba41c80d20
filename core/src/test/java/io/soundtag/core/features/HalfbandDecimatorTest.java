package io.soundtag.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The halving filter's gain where the CQT relies on it: flat low down, and a deep stop band. */
class HalfbandDecimatorTest {

  @Test
  void passesFrequenciesUpToAThirdOfTheOutputRateUnchanged() {
    for (double f : new double[] {0, 0.02, 0.08, 0.12, 0.15}) {
      assertThat(gainDb(f)).as("gain at %s of the input rate", f).isCloseTo(0, within(0.002));
    }
  }

  @Test
  void stopsWhatWouldFoldOntoTheKeptBand() {
    for (double f : new double[] {0.365, 0.4, 0.45, 0.5}) {
      assertThat(gainDb(f)).as("gain at %s of the input rate", f).isLessThan(-100);
    }
  }

  @Test
  void keepsTheTimeOriginOutputJIsCentredOnInput2J() {
    int n = 101;
    double[] impulse = new double[n];
    impulse[50] = 1;
    double[] out = new double[21];
    new HalfbandDecimator().halve(impulse, 0, out, 15);
    // Output 25 is centred on input 50 and sees the centre tap; 24 and 26 see the zero taps at ±2.
    assertThat(out[25 - 15]).isCloseTo(0.5, within(0.01));
    assertThat(out[24 - 15]).isZero();
    assertThat(out[26 - 15]).isZero();
  }

  /**
   * The filter's gain at {@code f} (cycles per input sample), from the taps it applies: the
   * halving's output at 0 of a unit impulse placed at each input offset is the tap at that offset.
   */
  private static double gainDb(double f) {
    int reach = HalfbandDecimator.REACH;
    double re = 0;
    double im = 0;
    for (int t = -reach; t <= reach; t++) {
      double[] in = new double[2 * reach + 1];
      in[reach - t] = 1;
      double[] out = new double[1];
      new HalfbandDecimator().halve(in, -reach, out, 0);
      re += out[0] * Math.cos(2 * Math.PI * f * t);
      im -= out[0] * Math.sin(2 * Math.PI * f * t);
    }
    return 10 * Math.log10(re * re + im * im);
  }
}
