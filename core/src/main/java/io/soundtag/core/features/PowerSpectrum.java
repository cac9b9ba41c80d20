package io.soundtag.core.features;

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

  /** Reusable buffers of one thread. */
  static final class Workspace {
    final double[] frame;
    final double[] power;
    final RealFft.Scratch scratch;

    private Workspace(int nFft, RealFft fft) {
      frame = new double[nFft];
      power = new double[nFft / 2 + 1];
      scratch = fft.newScratch();
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

  Workspace newWorkspace() {
    return new Workspace(nFft, fft);
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
