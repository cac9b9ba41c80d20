package io.soundtag.core.features;

/**
 * {@code 10·log10(max(p, 1e-10))} by table: the exponent from the bits, the logarithm of the
 * mantissa's top 10 bits from a table and the rest by three terms of {@code ln(1 + r)}, within
 * 1e-11 dB of {@link Math#log10}. A frame of log-Mel calls it once per band, and the library
 * logarithm was an eighth of the whole computation.
 */
final class Decibels {

  private static final int TABLE_BITS = 10;
  private static final double[] LOG2_HEAD = new double[1 << TABLE_BITS];
  private static final double[] INVERSE_HEAD = new double[1 << TABLE_BITS];
  private static final double DB_PER_OCTAVE = 10.0 * Math.log10(2.0);
  private static final double INV_LN2 = 1.0 / Math.log(2.0);
  private static final long MANTISSA = (1L << 52) - 1;
  private static final long ONE = Double.doubleToRawLongBits(1.0);

  static {
    for (int i = 0; i < LOG2_HEAD.length; i++) {
      double head = 1.0 + i / (double) LOG2_HEAD.length;
      LOG2_HEAD[i] = Math.log(head) * INV_LN2;
      INVERSE_HEAD[i] = 1.0 / head;
    }
  }

  private Decibels() {}

  /** The power {@code p} in dB, floored at −100 dB. */
  static double of(double power) {
    double p = Math.max(power, 1e-10);
    if (!(p <= Double.MAX_VALUE)) {
      return 10.0 * Math.log10(p);
    }
    long bits = Double.doubleToRawLongBits(p);
    int exponent = (int) (bits >>> 52) - 1023;
    int head = (int) (bits >>> (52 - TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
    double mantissa = Double.longBitsToDouble((bits & MANTISSA) | ONE);
    // mantissa = head·(1 + r) with 0 ≤ r < 2^-10, so the series' next term is below 1e-12.
    double r = mantissa * INVERSE_HEAD[head] - 1.0;
    double log1p = r * (1.0 + r * (-0.5 + r * (1.0 / 3.0)));
    return DB_PER_OCTAVE * (exponent + LOG2_HEAD[head] + log1p * INV_LN2);
  }
}
