package io.soundtag.core.acoustics;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Up to {@link #width()} independent cascades of {@link #SECTIONS} all-pole sections, one per
 * SIMD lane, run sample by sample over the same stretch of a stage's signal (the JDK's
 * incubating Vector API, {@code jdk.incubator.vector}).
 *
 * <p>One band's recursion waits on its previous sample, so a scalar loop leaves most of the core
 * idle; side by side, every band of a stage (and its anti-alias low-pass) costs about what one
 * does. Each lane's arithmetic is exactly the scalar loops' of {@link LevelMeter}:
 * {@code w = (in − a2·w[n−2]) − a1·w[n−1]} per section, the sum of squares of the last section's
 * output added sample by sample, so both give the same bits. A lane with fewer sections has the
 * rest as {@code a1 = a2 = 0}, which pass its signal through unchanged.
 *
 * <p>Load this class only where {@link io.soundtag.core.simd.Simd#available} holds: without the
 * module the JVM cannot link it.
 */
final class SectionLanes {

  /** The sections every lane runs (a lane of fewer has the rest as identities). */
  static final int SECTIONS = 4;

  // Four doubles: every AVX2 core has them, and where 512-bit operations take two passes (AMD's Zen 4) a group of
  // eight lanes costs as much as two of four, while most stages fill only four.
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;

  private final double[] coefficients;
  private final boolean[] fromDifference3;
  private final boolean[] fromDifference4;

  /**
   * A group of lanes.
   *
   * @param coefficients {a1, a2} of each section of each lane, at {@code (2·section + k)·width + lane}
   * @param fromDifference3 lanes whose input is the signal through (1 − z⁻²)³ (order-3 bands)
   * @param fromDifference4 lanes whose input is the signal through (1 − z⁻²)⁴; the others take the signal itself
   */
  SectionLanes(double[] coefficients, boolean[] fromDifference3, boolean[] fromDifference4) {
    int w = width();
    if (coefficients.length != 2 * SECTIONS * w || fromDifference3.length != w || fromDifference4.length != w) {
      throw new IllegalArgumentException("a group of " + w + " lanes needs " + 2 * SECTIONS * w + " coefficients");
    }
    this.coefficients = coefficients.clone();
    this.fromDifference3 = fromDifference3.clone();
    this.fromDifference4 = fromDifference4.clone();
  }

  /** Lanes per group. */
  static int width() {
    return SPECIES.length();
  }


  /**
   * Runs every lane over samples {@code [from, to)}.
   *
   * @param x the stage's signal
   * @param d3 {@code x} through (1 − z⁻²)³, read by lanes that take it
   * @param d4 {@code x} through (1 − z⁻²)⁴, read by lanes that take it
   * @param state {w[n−1], w[n−2]} of each section of each lane, laid out as the coefficients; updated
   * @param sums each lane's running sum of squares of its last section's output; updated
   * @param out where each sample's last-section outputs go, {@code width()} per sample from {@code from}, or null
   */
  void run(double[] x, double[] d3, double[] d4, int from, int to, double[] state, double[] sums, double[] out) {
    int w = width();
    VectorMask<Double> m3 = VectorMask.fromArray(SPECIES, fromDifference3, 0);
    VectorMask<Double> m4 = VectorMask.fromArray(SPECIES, fromDifference4, 0);
    double[] q = coefficients;
    DoubleVector p1 = DoubleVector.fromArray(SPECIES, q, 0);
    DoubleVector p2 = DoubleVector.fromArray(SPECIES, q, w);
    DoubleVector q1 = DoubleVector.fromArray(SPECIES, q, 2 * w);
    DoubleVector q2 = DoubleVector.fromArray(SPECIES, q, 3 * w);
    DoubleVector r1 = DoubleVector.fromArray(SPECIES, q, 4 * w);
    DoubleVector r2 = DoubleVector.fromArray(SPECIES, q, 5 * w);
    DoubleVector h1 = DoubleVector.fromArray(SPECIES, q, 6 * w);
    DoubleVector h2 = DoubleVector.fromArray(SPECIES, q, 7 * w);
    DoubleVector w1 = DoubleVector.fromArray(SPECIES, state, 0);
    DoubleVector w2 = DoubleVector.fromArray(SPECIES, state, w);
    DoubleVector v1 = DoubleVector.fromArray(SPECIES, state, 2 * w);
    DoubleVector v2 = DoubleVector.fromArray(SPECIES, state, 3 * w);
    DoubleVector z1 = DoubleVector.fromArray(SPECIES, state, 4 * w);
    DoubleVector z2 = DoubleVector.fromArray(SPECIES, state, 5 * w);
    DoubleVector k1 = DoubleVector.fromArray(SPECIES, state, 6 * w);
    DoubleVector k2 = DoubleVector.fromArray(SPECIES, state, 7 * w);
    DoubleVector sum = DoubleVector.fromArray(SPECIES, sums, 0);
    for (int i = from; i < to; i++) {
      DoubleVector in = DoubleVector.broadcast(SPECIES, x[i])
          .blend(DoubleVector.broadcast(SPECIES, d3[i]), m3)
          .blend(DoubleVector.broadcast(SPECIES, d4[i]), m4);
      DoubleVector a = in.sub(p2.mul(w2)).sub(p1.mul(w1));
      w2 = w1;
      w1 = a;
      DoubleVector b = a.sub(q2.mul(v2)).sub(q1.mul(v1));
      v2 = v1;
      v1 = b;
      DoubleVector c = b.sub(r2.mul(z2)).sub(r1.mul(z1));
      z2 = z1;
      z1 = c;
      DoubleVector d = c.sub(h2.mul(k2)).sub(h1.mul(k1));
      k2 = k1;
      k1 = d;
      sum = sum.add(d.mul(d));
      if (out != null) {
        d.intoArray(out, w * (i - from));
      }
    }
    w1.intoArray(state, 0);
    w2.intoArray(state, w);
    v1.intoArray(state, 2 * w);
    v2.intoArray(state, 3 * w);
    z1.intoArray(state, 4 * w);
    z2.intoArray(state, 5 * w);
    k1.intoArray(state, 6 * w);
    k2.intoArray(state, 7 * w);
    sum.intoArray(sums, 0);
  }
}
