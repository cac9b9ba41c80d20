package io.soundtag.core.features;

/**
 * A single-channel representation whose frames are independent of each other: each is computed
 * from its own samples by {@link #frame}, in the same arithmetic whatever buffer it is read from.
 *
 * @param <W> the per-call workspace, so the per-frame path allocates nothing
 */
abstract class FrameByFrame<W> implements Representation {

  /** Frames transposed together into the bin-major result. */
  private static final int BLOCK = 16;

  /** A fresh workspace for one call of {@link #computeFrames}. */
  abstract W newWorkspace();

  /**
   * Writes frame {@code n} into {@code out[0..bins())}, reading signal sample {@code s} from
   * {@code buffer[s − bufferStart]} and taking samples outside the buffer as zero.
   */
  abstract void frame(float[] buffer, long bufferStart, long n, double[] out, W workspace);

  /**
   * Frames {@code n} to {@code n + count − 1} into {@code out[0..count)}, each as {@link #frame}
   * writes it; a representation that computes several frames at once overrides this.
   */
  void frames(float[] buffer, long bufferStart, long n, int count, double[][] out, W workspace) {
    for (int i = 0; i < count; i++) {
      frame(buffer, bufferStart, n + i, out[i], workspace);
    }
  }

  @Override
  public int channels() {
    return 1;
  }

  @Override
  public FeatureMatrix computeFrames(float[] buffer, long bufferStart, long firstFrame, int count) {
    checkFrames(firstFrame, count);
    int bins = bins();
    float[] values = new float[bins * count];
    // Frames come one at a time but are stored bin-major: a block of them is transposed at once so
    // that each bin's row is written in runs instead of one scattered value per frame.
    double[][] block = new double[BLOCK][bins];
    W workspace = newWorkspace();
    for (int t0 = 0; t0 < count; t0 += BLOCK) {
      int frames = Math.min(BLOCK, count - t0);
      frames(buffer, bufferStart, firstFrame + t0, frames, block, workspace);
      for (int b = 0; b < bins; b++) {
        int row = b * count + t0;
        for (int i = 0; i < frames; i++) {
          values[row + i] = (float) block[i][b];
        }
      }
    }
    return new FeatureMatrix(new FeatureShape(1, bins, count), values);
  }

  static void checkFrames(long firstFrame, int count) {
    if (firstFrame < 0 || count < 0) {
      throw new IllegalArgumentException(
          "frames start at 0 and count is not negative; got firstFrame=" + firstFrame + " count=" + count);
    }
  }

  /** {@code 10·log10(max(p, 1e-10))}, the dB of docs/ARCHITECTURE.md. */
  static double decibels(double power) {
    return Decibels.of(power);
  }
}
