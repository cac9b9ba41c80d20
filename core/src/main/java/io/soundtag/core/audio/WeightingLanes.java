package io.soundtag.core.audio;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Four stretches of one window through the same three biquads (transposed direct form II), one
 * per lane of a 256-bit vector (the JDK's incubating Vector API, {@code jdk.incubator.vector}):
 * the window LAeq's quarters. A recursion waits on its previous sample, so four side by side
 * cost about what one does.
 *
 * <p>Load this class only where {@link io.soundtag.core.simd.Simd#available} says the
 * JVM has the module and the machine the vectors.
 */
final class WeightingLanes {

  static final int LANES = 4;
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
  // The interleaved input is scratch: a window's worth (128 kB at 16 kHz) allocated per call would cost a tenth of the work.
  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

  private WeightingLanes() {}

  /**
   * Runs lane {@code l} over {@code x[starts[l] .. starts[l] + n)} from its state {@code state[l]}
   * (six values, updated) and adds the sum of squares of its output to {@code sums[l]}.
   */
  static void run(double[][] sections, float[] x, int[] starts, int n, double[][] state, double[] sums) {
    double[] a = sections[0];
    double[] b = sections[1];
    double[] d = sections[2];
    DoubleVector a0 = DoubleVector.broadcast(SPECIES, a[0]);
    DoubleVector a1 = DoubleVector.broadcast(SPECIES, a[1]);
    DoubleVector a2 = DoubleVector.broadcast(SPECIES, a[2]);
    DoubleVector a3 = DoubleVector.broadcast(SPECIES, a[3]);
    DoubleVector a4 = DoubleVector.broadcast(SPECIES, a[4]);
    DoubleVector b0 = DoubleVector.broadcast(SPECIES, b[0]);
    DoubleVector b1 = DoubleVector.broadcast(SPECIES, b[1]);
    DoubleVector b2 = DoubleVector.broadcast(SPECIES, b[2]);
    DoubleVector b3 = DoubleVector.broadcast(SPECIES, b[3]);
    DoubleVector b4 = DoubleVector.broadcast(SPECIES, b[4]);
    DoubleVector d0 = DoubleVector.broadcast(SPECIES, d[0]);
    DoubleVector d1 = DoubleVector.broadcast(SPECIES, d[1]);
    DoubleVector d2 = DoubleVector.broadcast(SPECIES, d[2]);
    DoubleVector d3 = DoubleVector.broadcast(SPECIES, d[3]);
    DoubleVector d4 = DoubleVector.broadcast(SPECIES, d[4]);
    double[] lanes = new double[6 * LANES];
    for (int l = 0; l < LANES; l++) {
      for (int k = 0; k < 6; k++) {
        lanes[k * LANES + l] = state[l][k];
      }
    }
    DoubleVector sa1 = DoubleVector.fromArray(SPECIES, lanes, 0);
    DoubleVector sa2 = DoubleVector.fromArray(SPECIES, lanes, LANES);
    DoubleVector sb1 = DoubleVector.fromArray(SPECIES, lanes, 2 * LANES);
    DoubleVector sb2 = DoubleVector.fromArray(SPECIES, lanes, 3 * LANES);
    DoubleVector sd1 = DoubleVector.fromArray(SPECIES, lanes, 4 * LANES);
    DoubleVector sd2 = DoubleVector.fromArray(SPECIES, lanes, 5 * LANES);
    DoubleVector sum = DoubleVector.zero(SPECIES);
    // The four stretches interleaved, so that each step loads one vector.
    double[][] scratch = SCRATCH.get();
    if (scratch[0].length < LANES * n) {
      scratch[0] = new double[LANES * n];
    }
    double[] in = scratch[0];
    for (int l = 0; l < LANES; l++) {
      for (int i = 0, k = l, s = starts[l]; i < n; i++, k += LANES) {
        in[k] = x[s + i];
      }
    }
    for (int i = 0; i < n; i++) {
      DoubleVector v = DoubleVector.fromArray(SPECIES, in, LANES * i);
      DoubleVector ya = a0.mul(v).add(sa1);
      sa1 = a1.mul(v).sub(a3.mul(ya)).add(sa2);
      sa2 = a2.mul(v).sub(a4.mul(ya));
      DoubleVector yb = b0.mul(ya).add(sb1);
      sb1 = b1.mul(ya).sub(b3.mul(yb)).add(sb2);
      sb2 = b2.mul(ya).sub(b4.mul(yb));
      DoubleVector yd = d0.mul(yb).add(sd1);
      sd1 = d1.mul(yb).sub(d3.mul(yd)).add(sd2);
      sd2 = d2.mul(yb).sub(d4.mul(yd));
      sum = sum.add(yd.mul(yd));
    }
    sa1.intoArray(lanes, 0);
    sa2.intoArray(lanes, LANES);
    sb1.intoArray(lanes, 2 * LANES);
    sb2.intoArray(lanes, 3 * LANES);
    sd1.intoArray(lanes, 4 * LANES);
    sd2.intoArray(lanes, 5 * LANES);
    for (int l = 0; l < LANES; l++) {
      for (int k = 0; k < 6; k++) {
        state[l][k] = lanes[k * LANES + l];
      }
    }
    double[] out = new double[LANES];
    sum.intoArray(out, 0);
    for (int l = 0; l < LANES; l++) {
      sums[l] += out[l];
    }
  }
}
