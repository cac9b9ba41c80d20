package io.soundtag.core.features;

import io.soundtag.core.simd.Simd;
import java.util.Arrays;

/**
 * The power spectrum of one STFT frame: periodic Hann window of {@code winLength} samples,
 * zero-padded (centred) to {@code nFft}; frame {@code n} covers signal samples
 * {@code [n·hop − nFft/2, n·hop + nFft/2)}, samples outside the known signal taken as zero
 * ({@code center=True} with constant padding). Thread-safe; per-thread state is a {@link Workspace}.
 */
final class PowerSpectrum {

  private final int nFft;
  private final int hop;
  private final int windowStart;
  private final double[] window;
  private final RealFft fft;
  /** Four frames at once where the JVM has SIMD lanes and the window fills a power-of-two frame; else null. */
  private final SpectrumLanes lanes;

  /** Reusable buffers of one thread. */
  static final class Workspace {
    final double[] frame;
    final double[] power;
    final RealFft.Scratch scratch;
    /** The lanes' arrays, or null without lanes. */
    final SpectrumLanes.Scratch lanes;

    private Workspace(int nFft, RealFft fft, SpectrumLanes lanes, int bands) {
      frame = new double[nFft];
      power = new double[nFft / 2 + 1];
      scratch = fft.newScratch();
      this.lanes = lanes == null ? null : lanes.newScratch(bands);
    }
  }

  PowerSpectrum(int nFft, int winLength, int hop) {
    this.nFft = nFft;
    this.hop = hop;
    this.windowStart = (nFft - winLength) / 2;
    this.window = new double[winLength];
    for (int i = 0; i < winLength; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / winLength);
    }
    this.fft = new RealFft(nFft);
    this.lanes = Simd.available() && fft.packed() && winLength == nFft ? new SpectrumLanes(fft, window, hop) : null;
  }

  int bins() {
    return nFft / 2 + 1;
  }

  int hop() {
    return hop;
  }

  /** Samples a frame reads before its centre {@code n·hop}. */
  int reachBefore() {
    return nFft / 2;
  }

  /** Samples a frame reads from its centre on. */
  int reachAfter() {
    return nFft - nFft / 2;
  }

  /** Buffers for one thread, with room for {@code bands} band energies per frame of the lanes. */
  Workspace newWorkspace(int bands) {
    return new Workspace(nFft, fft, lanes, bands);
  }

  /**
   * Power of frames {@code n} to {@code n + 3} into {@code ws.lanes.power}, lane {@code l} holding
   * frame {@code n + l}, with the same bits as {@link #compute}; false, and nothing computed, unless
   * the JVM has lanes and all four frames lie inside the buffer.
   */
  boolean computeFour(float[] buffer, long bufferStart, long n, Workspace ws) {
    if (lanes == null) {
      return false;
    }
    long first = n * hop - nFft / 2 - bufferStart;
    if (first < 0 || first + lanes.span() > buffer.length) {
      return false;
    }
    lanes.power(buffer, (int) first, ws.lanes);
    return true;
  }

  /**
   * Power of frame {@code n} into {@code ws.power}, reading signal sample {@code s} from
   * {@code buffer[s − bufferStart]} and zero where that index is outside the buffer.
   */
  void compute(float[] buffer, long bufferStart, long n, Workspace ws) {
    double[] frame = ws.frame;
    long first = n * hop - nFft / 2 + windowStart - bufferStart;
    int len = window.length;
    int lo = (int) Math.max(0, Math.min(len, -first));
    int hi = (int) Math.max(lo, Math.min(len, buffer.length - first));
    if (lo == 0 && hi == nFft && fft.packed()) {
      // The frame lies inside the buffer and the window fills it: window while packing, same products.
      fft.windowedPower(buffer, (int) first, window, ws.power, ws.scratch);
      return;
    }
    if (windowStart > 0) {
      Arrays.fill(frame, 0, windowStart, 0.0);
      Arrays.fill(frame, windowStart + len, nFft, 0.0);
    }
    Arrays.fill(frame, windowStart, windowStart + lo, 0.0);
    int base = (int) (first + lo);
    for (int i = lo; i < hi; i++) {
      frame[windowStart + i] = buffer[base + i - lo] * window[i];
    }
    Arrays.fill(frame, windowStart + hi, windowStart + len, 0.0);
    fft.power(frame, ws.power, ws.scratch);
  }
}
