package io.soundtag.core.features;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The windowed power spectra of {@link #LANES} frames at once, one frame per SIMD lane of a
 * 256-bit vector (the JDK's incubating Vector API, {@code jdk.incubator.vector}), and their band
 * energies.
 *
 * <p>Every frame takes the same butterflies, so side by side each costs about a quarter of one
 * alone, the bit-reversed reads and the twiddles included. Each lane's arithmetic is exactly that
 * of {@link RealFft#windowedPower} and {@link SparseBands#apply} (the same products and sums in
 * the same order, never fused), so both give the same bits. Arrays are lane-interleaved: value
 * {@code i} of lane {@code l} is at {@code i·LANES + l}.
 *
 * <p>Load this class only where {@link io.soundtag.core.simd.Simd#available} holds: without the
 * module the JVM cannot link it.
 */
final class SpectrumLanes {

  /** Frames computed together. */
  static final int LANES = 4;

  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;

  private final RealFft fft;
  private final double[] window;
  /** Where each lane's frame starts, relative to the first: {@code l·hop}. */
  private final int[] laneOffsets;

  /** Working arrays of one thread. */
  static final class Scratch {
    final double[] re;
    final double[] im;
    /** The power of bin {@code k} of lane {@code l} at {@code k·LANES + l}. */
    final double[] power;
    /** Band {@code b} of lane {@code l} at {@code b·LANES + l}. */
    final double[] bands;
    /** The windowed frames, sample {@code t} of lane {@code l} at {@code t·LANES + l}. */
    final double[] staged;

    private Scratch(int points, int bins, int bandCount) {
      staged = new double[2 * points * LANES];
      re = new double[points * LANES];
      im = new double[points * LANES];
      power = new double[bins * LANES];
      bands = new double[bandCount * LANES];
    }
  }

  /**
   * @param fft a {@link RealFft#packed()} transform of the window's length
   * @param window the analysis window
   * @param hop samples from one frame's start to the next
   */
  SpectrumLanes(RealFft fft, double[] window, int hop) {
    if (!fft.packed() || window.length != fft.length()) {
      throw new IllegalArgumentException("lanes need a power-of-two transform as long as the window");
    }
    this.fft = fft;
    this.window = window;
    this.laneOffsets = new int[LANES];
    for (int l = 0; l < LANES; l++) {
      laneOffsets[l] = l * hop;
    }
  }

  Scratch newScratch(int bandCount) {
    return new Scratch(fft.points(), fft.bins(), bandCount);
  }

  /** Samples from the first lane's frame start to the end of the last lane's frame. */
  int span() {
    return laneOffsets[LANES - 1] + window.length;
  }

  /**
   * Power spectra of the windowed frames {@code x[offset + l·hop + t]·window[t]}, {@code t < n},
   * for every lane {@code l}, into {@code scratch.power}.
   */
  void power(float[] x, int offset, Scratch scratch) {
    double[] re = scratch.re;
    double[] im = scratch.im;
    double[] staged = scratch.staged;
    stage(x, offset, staged);
    int m = fft.points();
    int size;
    if (fft.eightPointFirstPass()) {
      firstPass8(staged, re, im);
      size = 16;
    } else if (m >= 4) {
      firstPass(staged, re, im);
      size = 8;
    } else {
      // m = 2: the bit reversal is the identity, and the pairs are the points.
      for (int j = 0; j < m; j++) {
        DoubleVector.fromArray(D, staged, 2 * j * LANES).intoArray(re, j * LANES);
        DoubleVector.fromArray(D, staged, (2 * j + 1) * LANES).intoArray(im, j * LANES);
      }
      DoubleVector ar = DoubleVector.fromArray(D, re, 0);
      DoubleVector ai = DoubleVector.fromArray(D, im, 0);
      DoubleVector br = DoubleVector.fromArray(D, re, LANES);
      DoubleVector bi = DoubleVector.fromArray(D, im, LANES);
      ar.add(br).intoArray(re, 0);
      ai.add(bi).intoArray(im, 0);
      ar.sub(br).intoArray(re, LANES);
      ai.sub(bi).intoArray(im, LANES);
      size = 8;
    }
    for (; 2 * size <= m; size <<= 2) {
      fusedPass(re, im, size);
    }
    if (size == m) {
      radix2Pass(re, im, size);
    }
    splitPower(re, im, scratch.power);
  }

  /**
   * Every lane's windowed frame, interleaved: sample {@code t} of lane {@code l} at {@code t·LANES + l}
   * is {@code x[offset + l·hop + t]·window[t]}, the product {@link RealFft} forms. Scalar, since the
   * Vector API's gathers do not compile to the machine's.
   */
  private void stage(float[] x, int offset, double[] staged) {
    int n = window.length;
    for (int l = 0; l < LANES; l++) {
      int from = offset + laneOffsets[l];
      for (int t = 0; t < n; t++) {
        staged[t * LANES + l] = x[from + t] * window[t];
      }
    }
  }

  /** The first two stages, reading each point's input pair in bit-reversed order as {@link RealFft} does. */
  private void firstPass(double[] staged, double[] re, double[] im) {
    int[] bitReverse = fft.bitReverse;
    int m = fft.points();
    for (int s = 0; s < m; s += 4) {
      int j0 = 2 * bitReverse[s];
      int j1 = 2 * bitReverse[s + 1];
      int j2 = 2 * bitReverse[s + 2];
      int j3 = 2 * bitReverse[s + 3];
      DoubleVector a0r = DoubleVector.fromArray(D, staged, j0 * LANES);
      DoubleVector a0i = DoubleVector.fromArray(D, staged, (j0 + 1) * LANES);
      DoubleVector a1r = DoubleVector.fromArray(D, staged, j1 * LANES);
      DoubleVector a1i = DoubleVector.fromArray(D, staged, (j1 + 1) * LANES);
      DoubleVector a2r = DoubleVector.fromArray(D, staged, j2 * LANES);
      DoubleVector a2i = DoubleVector.fromArray(D, staged, (j2 + 1) * LANES);
      DoubleVector a3r = DoubleVector.fromArray(D, staged, j3 * LANES);
      DoubleVector a3i = DoubleVector.fromArray(D, staged, (j3 + 1) * LANES);
      DoubleVector r0 = a0r.add(a1r);
      DoubleVector i0 = a0i.add(a1i);
      DoubleVector r1 = a0r.sub(a1r);
      DoubleVector i1 = a0i.sub(a1i);
      DoubleVector r2 = a2r.add(a3r);
      DoubleVector i2 = a2i.add(a3i);
      DoubleVector r3 = a2r.sub(a3r);
      DoubleVector i3 = a2i.sub(a3i);
      int o = s * LANES;
      r0.add(r2).intoArray(re, o);
      i0.add(i2).intoArray(im, o);
      r0.sub(r2).intoArray(re, o + 2 * LANES);
      i0.sub(i2).intoArray(im, o + 2 * LANES);
      r1.add(i3).intoArray(re, o + LANES);
      i1.sub(r3).intoArray(im, o + LANES);
      r1.sub(i3).intoArray(re, o + 3 * LANES);
      i1.add(r3).intoArray(im, o + 3 * LANES);
    }
  }

  /**
   * The first three stages, eight points at a time, as {@link RealFft}'s eight-point first pass.
   * Both four-point transforms are written out here rather than shared with {@link #firstPass}:
   * kept in registers until the size-8 stage they cost about 15 % less per log-Mel frame than
   * stored and read back.
   */
  private void firstPass8(double[] staged, double[] re, double[] im) {
    int[] bitReverse = fft.bitReverse;
    int m = fft.points();
    double w1r = fft.twRe[m / 8];
    double w1i = fft.twIm[m / 8];
    double w3r = fft.twRe[3 * m / 8];
    double w3i = fft.twIm[3 * m / 8];
    for (int s = 0; s < m; s += 8) {
      int j0 = 2 * bitReverse[s];
      int j1 = 2 * bitReverse[s + 1];
      int j2 = 2 * bitReverse[s + 2];
      int j3 = 2 * bitReverse[s + 3];
      DoubleVector a0r = DoubleVector.fromArray(D, staged, j0 * LANES);
      DoubleVector a0i = DoubleVector.fromArray(D, staged, (j0 + 1) * LANES);
      DoubleVector a1r = DoubleVector.fromArray(D, staged, j1 * LANES);
      DoubleVector a1i = DoubleVector.fromArray(D, staged, (j1 + 1) * LANES);
      DoubleVector a2r = DoubleVector.fromArray(D, staged, j2 * LANES);
      DoubleVector a2i = DoubleVector.fromArray(D, staged, (j2 + 1) * LANES);
      DoubleVector a3r = DoubleVector.fromArray(D, staged, j3 * LANES);
      DoubleVector a3i = DoubleVector.fromArray(D, staged, (j3 + 1) * LANES);
      DoubleVector r0 = a0r.add(a1r);
      DoubleVector i0 = a0i.add(a1i);
      DoubleVector r1 = a0r.sub(a1r);
      DoubleVector i1 = a0i.sub(a1i);
      DoubleVector r2 = a2r.add(a3r);
      DoubleVector i2 = a2i.add(a3i);
      DoubleVector r3 = a2r.sub(a3r);
      DoubleVector i3 = a2i.sub(a3i);
      DoubleVector p0r = r0.add(r2);
      DoubleVector p0i = i0.add(i2);
      DoubleVector p2r = r0.sub(r2);
      DoubleVector p2i = i0.sub(i2);
      DoubleVector p1r = r1.add(i3);
      DoubleVector p1i = i1.sub(r3);
      DoubleVector p3r = r1.sub(i3);
      DoubleVector p3i = i1.add(r3);
      int k0 = 2 * bitReverse[s + 4];
      int k1 = 2 * bitReverse[s + 5];
      int k2 = 2 * bitReverse[s + 6];
      int k3 = 2 * bitReverse[s + 7];
      DoubleVector b0r = DoubleVector.fromArray(D, staged, k0 * LANES);
      DoubleVector b0i = DoubleVector.fromArray(D, staged, (k0 + 1) * LANES);
      DoubleVector b1r = DoubleVector.fromArray(D, staged, k1 * LANES);
      DoubleVector b1i = DoubleVector.fromArray(D, staged, (k1 + 1) * LANES);
      DoubleVector b2r = DoubleVector.fromArray(D, staged, k2 * LANES);
      DoubleVector b2i = DoubleVector.fromArray(D, staged, (k2 + 1) * LANES);
      DoubleVector b3r = DoubleVector.fromArray(D, staged, k3 * LANES);
      DoubleVector b3i = DoubleVector.fromArray(D, staged, (k3 + 1) * LANES);
      DoubleVector u0 = b0r.add(b1r);
      DoubleVector v0 = b0i.add(b1i);
      DoubleVector u1 = b0r.sub(b1r);
      DoubleVector v1 = b0i.sub(b1i);
      DoubleVector u2 = b2r.add(b3r);
      DoubleVector v2 = b2i.add(b3i);
      DoubleVector u3 = b2r.sub(b3r);
      DoubleVector v3 = b2i.sub(b3i);
      DoubleVector q0r = u0.add(u2);
      DoubleVector q0i = v0.add(v2);
      DoubleVector q2r = u0.sub(u2);
      DoubleVector q2i = v0.sub(v2);
      DoubleVector e1r = u1.add(v3);
      DoubleVector e1i = v1.sub(u3);
      DoubleVector e3r = u1.sub(v3);
      DoubleVector e3i = v1.add(u3);
      DoubleVector q1r = e1r.mul(w1r).sub(e1i.mul(w1i));
      DoubleVector q1i = e1r.mul(w1i).add(e1i.mul(w1r));
      DoubleVector q3r = e3r.mul(w3r).sub(e3i.mul(w3i));
      DoubleVector q3i = e3r.mul(w3i).add(e3i.mul(w3r));
      int o = s * LANES;
      p0r.add(q0r).intoArray(re, o);
      p0i.add(q0i).intoArray(im, o);
      p0r.sub(q0r).intoArray(re, o + 4 * LANES);
      p0i.sub(q0i).intoArray(im, o + 4 * LANES);
      p1r.add(q1r).intoArray(re, o + LANES);
      p1i.add(q1i).intoArray(im, o + LANES);
      p1r.sub(q1r).intoArray(re, o + 5 * LANES);
      p1i.sub(q1i).intoArray(im, o + 5 * LANES);
      p2r.add(q2i).intoArray(re, o + 2 * LANES);
      p2i.sub(q2r).intoArray(im, o + 2 * LANES);
      p2r.sub(q2i).intoArray(re, o + 6 * LANES);
      p2i.add(q2r).intoArray(im, o + 6 * LANES);
      p3r.add(q3r).intoArray(re, o + 3 * LANES);
      p3i.add(q3i).intoArray(im, o + 3 * LANES);
      p3r.sub(q3r).intoArray(re, o + 7 * LANES);
      p3i.sub(q3i).intoArray(im, o + 7 * LANES);
    }
  }

  /**
   * Stages {@code size} and {@code 2·size} of the forward transform, as {@link RealFft}'s fused pass:
   * block by block, so that a block stays in the L1 cache through its butterflies (twiddle by
   * twiddle over the whole array, the order before, took 7 % more time per log-Mel frame).
   */
  private void fusedPass(double[] re, double[] im, int size) {
    int m = fft.points();
    int half = size >> 1;
    int block = size << 1;
    int step1 = m / size;
    int step2 = m / block;
    for (int from = 0; from < m; from += block) {
      for (int k = 0; k < half; k++) {
        int a = from + k;
        double w1r = fft.twRe[k * step1];
        double w1i = fft.twIm[k * step1];
        double w2r = fft.twRe[k * step2];
        double w2i = fft.twIm[k * step2];
        double w3r = w2i;
        double w3i = -w2r;
        int ia = a * LANES;
        int ib = (a + half) * LANES;
        int ic = (a + size) * LANES;
        int id = (a + size + half) * LANES;
        DoubleVector rb = DoubleVector.fromArray(D, re, ib);
        DoubleVector jb = DoubleVector.fromArray(D, im, ib);
        DoubleVector rd = DoubleVector.fromArray(D, re, id);
        DoubleVector jd = DoubleVector.fromArray(D, im, id);
        DoubleVector br = rb.mul(w1r).sub(jb.mul(w1i));
        DoubleVector bi = rb.mul(w1i).add(jb.mul(w1r));
        DoubleVector dr = rd.mul(w1r).sub(jd.mul(w1i));
        DoubleVector di = rd.mul(w1i).add(jd.mul(w1r));
        DoubleVector ar = DoubleVector.fromArray(D, re, ia);
        DoubleVector ai = DoubleVector.fromArray(D, im, ia);
        DoubleVector cr = DoubleVector.fromArray(D, re, ic);
        DoubleVector ci = DoubleVector.fromArray(D, im, ic);
        DoubleVector x0r = ar.add(br);
        DoubleVector x0i = ai.add(bi);
        DoubleVector x1r = ar.sub(br);
        DoubleVector x1i = ai.sub(bi);
        DoubleVector x2r = cr.add(dr);
        DoubleVector x2i = ci.add(di);
        DoubleVector x3r = cr.sub(dr);
        DoubleVector x3i = ci.sub(di);
        DoubleVector vr = x2r.mul(w2r).sub(x2i.mul(w2i));
        DoubleVector vi = x2r.mul(w2i).add(x2i.mul(w2r));
        DoubleVector zr = x3r.mul(w3r).sub(x3i.mul(w3i));
        DoubleVector zi = x3r.mul(w3i).add(x3i.mul(w3r));
        x0r.add(vr).intoArray(re, ia);
        x0i.add(vi).intoArray(im, ia);
        x0r.sub(vr).intoArray(re, ic);
        x0i.sub(vi).intoArray(im, ic);
        x1r.add(zr).intoArray(re, ib);
        x1i.add(zi).intoArray(im, ib);
        x1r.sub(zr).intoArray(re, id);
        x1i.sub(zi).intoArray(im, id);
      }
    }
  }

  /** One radix-2 stage of blocks of {@code size}, as {@link RealFft}'s. */
  private void radix2Pass(double[] re, double[] im, int size) {
    int m = fft.points();
    int half = size >> 1;
    int step = m / size;
    for (int from = 0; from < m; from += size) {
      for (int k = 0; k < half; k++) {
        int a = from + k;
        double wr = fft.twRe[k * step];
        double wi = fft.twIm[k * step];
        int ia = a * LANES;
        int ib = (a + half) * LANES;
        DoubleVector br = DoubleVector.fromArray(D, re, ib);
        DoubleVector bi = DoubleVector.fromArray(D, im, ib);
        DoubleVector xr = br.mul(wr).sub(bi.mul(wi));
        DoubleVector xi = br.mul(wi).add(bi.mul(wr));
        DoubleVector ar = DoubleVector.fromArray(D, re, ia);
        DoubleVector ai = DoubleVector.fromArray(D, im, ia);
        ar.sub(xr).intoArray(re, ib);
        ai.sub(xi).intoArray(im, ib);
        ar.add(xr).intoArray(re, ia);
        ai.add(xi).intoArray(im, ia);
      }
    }
  }

  /** The real spectrum's power from the half-length complex one, as {@link RealFft}'s split. */
  private void splitPower(double[] re, double[] im, double[] power) {
    int half = fft.points();
    DoubleVector r0 = DoubleVector.fromArray(D, re, 0);
    DoubleVector i0 = DoubleVector.fromArray(D, im, 0);
    DoubleVector sum0 = r0.add(i0);
    DoubleVector dif0 = r0.sub(i0);
    sum0.mul(sum0).intoArray(power, 0);
    dif0.mul(dif0).intoArray(power, half * LANES);
    for (int k = 1; k <= half / 2; k++) {
      int j = half - k;
      DoubleVector rk = DoubleVector.fromArray(D, re, k * LANES);
      DoubleVector ik = DoubleVector.fromArray(D, im, k * LANES);
      DoubleVector rj = DoubleVector.fromArray(D, re, j * LANES);
      DoubleVector ij = DoubleVector.fromArray(D, im, j * LANES);
      DoubleVector sumRe = rk.add(rj);
      DoubleVector sumIm = ik.sub(ij);
      DoubleVector difRe = rk.sub(rj);
      DoubleVector difIm = ik.add(ij);
      double wr = fft.splitRe[k];
      double wi = fft.splitIm[k];
      DoubleVector tRe = difRe.mul(wr).sub(difIm.mul(wi));
      DoubleVector tIm = difIm.mul(wr).add(difRe.mul(wi));
      DoubleVector xkRe = sumRe.add(tIm);
      DoubleVector xkIm = sumIm.sub(tRe);
      DoubleVector xjRe = sumRe.sub(tIm);
      DoubleVector xjIm = sumIm.add(tRe);
      xkRe.mul(xkRe).add(xkIm.mul(xkIm)).mul(0.25).intoArray(power, k * LANES);
      xjRe.mul(xjRe).add(xjIm.mul(xjIm)).mul(0.25).intoArray(power, j * LANES);
    }
  }

  /** Band energies of every lane's power, {@code scratch.power}, into {@code scratch.bands}. */
  static void bands(SparseBands bands, Scratch scratch) {
    double[] power = scratch.power;
    double[] out = scratch.bands;
    for (int b = 0; b < bands.bands(); b++) {
      double[] w = bands.weights[b];
      int at = bands.first[b] * LANES;
      DoubleVector sum = DoubleVector.zero(D);
      for (int k = 0; k < w.length; k++) {
        sum = sum.add(DoubleVector.fromArray(D, power, at + k * LANES).mul(w[k]));
      }
      sum.intoArray(out, b * LANES);
    }
  }
}
