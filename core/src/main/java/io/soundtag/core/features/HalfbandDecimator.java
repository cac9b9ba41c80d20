package io.soundtag.core.features;

/**
 * Halves a sample rate: a centred 31-tap halfband low-pass (a sinc cut off at a quarter of the
 * input rate, Kaiser window β = 10) keeping every other output: flat within 0.002 dB up to 0.15
 * of the input rate, 0.07 dB down at 0.175, 41 dB down at 0.325 and more than 100 dB from 0.365. Half of a halfband filter's taps are zero, so an output sample costs the centre tap and
 * eight pairs of symmetric ones. Output {@code j} is centred on input {@code 2j}, so the signal
 * keeps its time origin at every rate.
 */
final class HalfbandDecimator {

  /** Input samples on each side of {@code 2j} that output {@code j} depends on. */
  static final int REACH = 15;

  private static final double KAISER_BETA = 10;

  private final double centre;
  /** {@code odd[i]} is the tap at offsets ±(2i + 1). */
  private final double[] odd = new double[(REACH + 1) / 2];

  HalfbandDecimator() {
    double[] taps = new double[REACH + 1];
    double sum = 0;
    for (int t = 0; t <= REACH; t++) {
      double x = t / 2.0;
      double sinc = t == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double r = t / (double) REACH;
      taps[t] = 0.5 * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
      sum += t == 0 ? taps[t] : 2 * taps[t];
    }
    // Unit gain at 0 Hz exactly, whatever the window did to the sinc's sum.
    centre = taps[0] / sum;
    for (int i = 0; i < odd.length; i++) {
      odd[i] = taps[2 * i + 1] / sum;
    }
  }

  /**
   * Output samples {@code [outFrom, outFrom + out.length)} from input samples held in {@code in}
   * from index {@code inFrom} on; {@code in} must cover {@code [2·outFrom − REACH, 2·(last
   * output) + REACH]}.
   */
  void halve(double[] in, long inFrom, double[] out, long outFrom) {
    // The eight tap pairs written out and summed as two chains: a loop over the taps cost twice as
    // much, mostly in index arithmetic and one long chain of dependent additions.
    double h1 = odd[0];
    double h3 = odd[1];
    double h5 = odd[2];
    double h7 = odd[3];
    double h9 = odd[4];
    double h11 = odd[5];
    double h13 = odd[6];
    double h15 = odd[7];
    int c = (int) (2 * outFrom - inFrom);
    for (int i = 0; i < out.length; i++, c += 2) {
      double near = centre * in[c] + h1 * (in[c - 1] + in[c + 1]) + h3 * (in[c - 3] + in[c + 3])
          + h5 * (in[c - 5] + in[c + 5]) + h7 * (in[c - 7] + in[c + 7]);
      double far = h9 * (in[c - 9] + in[c + 9]) + h11 * (in[c - 11] + in[c + 11])
          + h13 * (in[c - 13] + in[c + 13]) + h15 * (in[c - 15] + in[c + 15]);
      out[i] = near + far;
    }
  }

  /** The modified Bessel function of the first kind, order 0, by its power series. */
  private static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    for (int k = 1; term > 1e-17 * sum; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
    }
    return sum;
  }
}
