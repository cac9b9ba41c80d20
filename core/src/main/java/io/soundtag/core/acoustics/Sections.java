package io.soundtag.core.acoustics;

import java.util.Arrays;

/**
 * A cascade of second-order sections, each {@code b0 b1 b2 a1 a2} with {@code a0 = 1}; immutable.
 * Its response, and a plain filter as the tests' reference; the meter runs its own loops.
 */
public final class Sections {

  private final double[][] coefficients;

  Sections(double[][] coefficients) {
    this.coefficients = new double[coefficients.length][];
    for (int i = 0; i < coefficients.length; i++) {
      if (coefficients[i].length != 5) {
        throw new IllegalArgumentException("a section has 5 coefficients (b0 b1 b2 a1 a2), got " + coefficients[i].length);
      }
      this.coefficients[i] = coefficients[i].clone();
    }
  }

  /** The number of sections. */
  public int size() {
    return coefficients.length;
  }

  /** A copy of section {@code i}: {b0, b1, b2, a1, a2}. */
  public double[] section(int i) {
    return coefficients[i].clone();
  }

  /** The magnitude response in dB at {@code hz} for {@code sampleRate}. */
  public double gainDb(double hz, double sampleRate) {
    double w = 2 * Math.PI * hz / sampleRate;
    double gain = 1;
    for (double[] q : coefficients) {
      gain *= magnitude(q[0], q[1], q[2], w) / magnitude(1, q[3], q[4], w);
    }
    return 20 * Math.log10(gain);
  }

  static double magnitude(double c0, double c1, double c2, double w) {
    double re = c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
    double im = -c1 * Math.sin(w) - c2 * Math.sin(2 * w);
    return Math.hypot(re, im);
  }

  /** Filters {@code x} from a zero state (transposed direct form II, double precision): the tests' reference. */
  double[] filter(double[] x) {
    double[] y = x.clone();
    for (double[] q : coefficients) {
      double s1 = 0;
      double s2 = 0;
      for (int n = 0; n < y.length; n++) {
        double v = y[n];
        double out = q[0] * v + s1;
        s1 = q[1] * v - q[3] * out + s2;
        s2 = q[2] * v - q[4] * out;
        y[n] = out;
      }
    }
    return y;
  }

  /** The same cascade followed by {@code next}'s sections. */
  Sections then(Sections next) {
    double[][] all = Arrays.copyOf(coefficients, coefficients.length + next.coefficients.length);
    System.arraycopy(next.coefficients, 0, all, coefficients.length, next.coefficients.length);
    return new Sections(all);
  }

  /** Scales the first section's numerator by {@code g}. */
  Sections scaled(double g) {
    double[][] c = new double[coefficients.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = coefficients[i].clone();
    }
    for (int i = 0; i < 3; i++) {
      c[0][i] *= g;
    }
    return new Sections(c);
  }
}
