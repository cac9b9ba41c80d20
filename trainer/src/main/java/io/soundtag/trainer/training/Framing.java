package io.soundtag.trainer.training;

/**
 * How a branch frames audio: the FFT (and analysis window) length and the hop between frames, in
 * samples at the model's rate. CQT has no FFT size of its own and takes only the hop.
 *
 * @param fftSize FFT length and window length, a power of two
 * @param hopLength samples between frames
 */
public record Framing(int fftSize, int hopLength) {

  /** Validates both; the message says what to change. */
  public Framing {
    if (fftSize < 16 || Integer.bitCount(fftSize) != 1) {
      throw new IllegalArgumentException("FFT size " + fftSize + " must be a power of two of at least 16");
    }
    if (hopLength < 1) {
      throw new IllegalArgumentException("frame hop of " + hopLength + " samples must be at least one sample");
    }
  }

  /** 1024-point FFT and a 10 ms hop, the framing of every representation's defaults. */
  public static Framing defaults(int sampleRate) {
    return new Framing(1024, sampleRate / 100);
  }

  /** A {@code fftSize}-point FFT and a hop of {@code hopMillis} at {@code sampleRate}. */
  public static Framing of(int sampleRate, int fftSize, double hopMillis) {
    int hop = (int) Math.round(sampleRate * hopMillis / 1000.0);
    if (hop < 1) {
      throw new IllegalArgumentException("a frame hop of " + hopMillis + " ms is less than one sample at " + sampleRate + " Hz");
    }
    return new Framing(fftSize, hop);
  }
}
