package io.soundtag.core.features;

/**
 * Mel-frequency cepstral coefficients: the orthonormal DCT-II over the log-Mel dB of each frame,
 * and with {@code deltas} the Δ and ΔΔ channels by the regression formula
 * {@code Δc[t] = Σ_{i=1..4} i·(c[t+i] − c[t−i]) / 60} over frames clamped to the signal's first
 * and last frame (edge replication, as torchaudio's {@code compute_deltas(win_length=9)}).
 */
public final class Mfcc implements Representation {

  private static final int DELTA_REACH = 4;
  private static final double DELTA_DENOMINATOR = 60.0;
  /** Log-Mel frames computed together, so the spectra can run several at a time; a multiple of the DCT's four. */
  private static final int MEL_BLOCK = 16;

  private final MfccConfig config;
  private final LogMel logMel;
  private final double[][] dct;

  Mfcc(MfccConfig config) {
    this.config = config;
    this.logMel = config.logMel().create();
    int nMels = config.logMel().nMels();
    this.dct = new double[config.nMfcc()][nMels];
    for (int i = 0; i < config.nMfcc(); i++) {
      double scale = Math.sqrt((i == 0 ? 1.0 : 2.0) / nMels);
      for (int m = 0; m < nMels; m++) {
        dct[i][m] = scale * Math.cos(Math.PI / nMels * (m + 0.5) * i);
      }
    }
  }

  @Override
  public MfccConfig config() {
    return config;
  }

  @Override
  public int hopLength() {
    return logMel.hopLength();
  }

  @Override
  public int channels() {
    return config.deltas() ? 3 : 1;
  }

  @Override
  public int bins() {
    return config.nMfcc();
  }

  private int frameContext() {
    return config.deltas() ? 2 * DELTA_REACH : 0;
  }

  @Override
  public int reachBefore() {
    return logMel.reachBefore() + frameContext() * hopLength();
  }

  @Override
  public int reachAfter() {
    return logMel.reachAfter() + frameContext() * hopLength();
  }

  @Override
  public FeatureMatrix computeFrames(float[] buffer, long bufferStart, long firstFrame, int count) {
    FrameByFrame.checkFrames(firstFrame, count);
    int nMfcc = config.nMfcc();
    int channels = channels();
    float[] values = new float[channels * nMfcc * count];
    FeatureShape shape = new FeatureShape(channels, nMfcc, count);
    if (count == 0) {
      return new FeatureMatrix(shape, values);
    }
    long lastFrame = (bufferStart + buffer.length) / hopLength();
    if (config.deltas() && firstFrame + count - 1 > lastFrame) {
      throw new IllegalArgumentException("frame " + (firstFrame + count - 1) + " is past the last frame "
          + lastFrame + " of the buffer, where the deltas replicate; ask for fewer frames");
    }
    long lo = Math.max(0, firstFrame - frameContext());
    long hi = config.deltas() ? Math.min(lastFrame, firstFrame + count - 1 + frameContext()) : firstFrame + count - 1;
    int span = (int) (hi - lo + 1);
    double[][] c = new double[span][nMfcc];
    double[][] mels = new double[MEL_BLOCK][config.logMel().nMels()];
    double[][] four = new double[4][nMfcc];
    PowerSpectrum.Workspace ws = logMel.newWorkspace();
    for (int t0 = 0; t0 < span; t0 += MEL_BLOCK) {
      int frames = Math.min(MEL_BLOCK, span - t0);
      logMel.frames(buffer, bufferStart, lo + t0, frames, mels, ws);
      for (int t = 0; t < frames; t += 4) {
        dctFour(mels, t, four);
        for (int j = 0; j < 4 && t + j < frames; j++) {
          System.arraycopy(four[j], 0, c[t0 + t + j], 0, nMfcc);
        }
      }
    }
    int offset = (int) (firstFrame - lo);
    write(c, offset, count, 0, values, nMfcc);
    if (config.deltas()) {
      double[][] d1 = deltas(c, lo, lastFrame);
      double[][] d2 = deltas(d1, lo, lastFrame);
      write(d1, offset, count, 1, values, nMfcc);
      write(d2, offset, count, 2, values, nMfcc);
    }
    return new FeatureMatrix(shape, values);
  }

  /**
   * The DCT of rows {@code mels[t..t+3]} into {@code out[0..3]}, four frames at a time because
   * four independent sums keep the core busy where one waits on each addition before the next.
   * Every frame takes this path (past the last frame, the rows' results are dropped), so a frame's
   * bits do not depend on its neighbours.
   */
  private void dctFour(double[][] mels, int t, double[][] out) {
    double[] m0 = mels[t];
    double[] m1 = mels[t + 1];
    double[] m2 = mels[t + 2];
    double[] m3 = mels[t + 3];
    for (int i = 0; i < dct.length; i++) {
      double[] row = dct[i];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int m = 0; m < row.length; m++) {
        double w = row[m];
        s0 += w * m0[m];
        s1 += w * m1[m];
        s2 += w * m2[m];
        s3 += w * m3[m];
      }
      out[0][i] = s0;
      out[1][i] = s1;
      out[2][i] = s2;
      out[3][i] = s3;
    }
  }

  /**
   * Deltas of rows {@code x[t]} (frame {@code lo + t}), clamping neighbours to frames
   * {@code [0, lastFrame]}; a neighbour outside the computed rows only occurs where the caller
   * never reads the result, and is then clamped to the rows.
   */
  private static double[][] deltas(double[][] x, long lo, long lastFrame) {
    int span = x.length;
    int width = x[0].length;
    double[][] d = new double[span][width];
    for (int t = 0; t < span; t++) {
      for (int i = 1; i <= DELTA_REACH; i++) {
        double[] after = x[row(lo + t + i, lo, lastFrame, span)];
        double[] before = x[row(lo + t - i, lo, lastFrame, span)];
        for (int b = 0; b < width; b++) {
          d[t][b] += i * (after[b] - before[b]);
        }
      }
      for (int b = 0; b < width; b++) {
        d[t][b] /= DELTA_DENOMINATOR;
      }
    }
    return d;
  }

  private static int row(long frame, long lo, long lastFrame, int span) {
    long clamped = Math.max(0, Math.min(lastFrame, frame));
    return (int) Math.max(0, Math.min(span - 1, clamped - lo));
  }

  private static void write(double[][] rows, int offset, int count, int channel, float[] values, int bins) {
    for (int t = 0; t < count; t++) {
      double[] r = rows[offset + t];
      for (int b = 0; b < bins; b++) {
        values[(channel * bins + b) * count + t] = (float) r[b];
      }
    }
  }
}
