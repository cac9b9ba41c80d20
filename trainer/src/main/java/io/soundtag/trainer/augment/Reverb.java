package io.soundtag.trainer.augment;

import java.util.SplittableRandom;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Reverberation by a synthetic room impulse response: exponentially decaying Gaussian noise
 * {@code h[t] = n[t] · 10^(−3 t / (RT60 · fs))}, so its energy falls by 60 dB in {@code RT60}
 * seconds, with {@code RT60 ~ U[minRt60, maxRt60]} and the noise drawn from the seed; {@code h}
 * has unit energy and ends at the −60 dB point. The waveform is convolved with it (by FFT) and
 * cut to its own length, so a sound's tail rings on past its end as in a room.
 *
 * @param sampleRate sample rate of the waveforms, Hz
 * @param minRt60 shortest reverberation time, seconds (&gt; 0)
 * @param maxRt60 longest reverberation time, seconds (≤ 2)
 */
public record Reverb(int sampleRate, double minRt60, double maxRt60) implements WaveformAugmentation {

  /** Longest RT60 accepted: longer responses cost more than they teach for 1 s windows. */
  public static final double MAX_RT60 = 2.0;

  public Reverb {
    if (sampleRate <= 0 || !(minRt60 > 0) || !(maxRt60 >= minRt60) || maxRt60 > MAX_RT60) {
      throw new IllegalArgumentException("reverb needs 0 < min RT60 <= max RT60 <= " + MAX_RT60 + " s; got "
          + minRt60 + ".." + maxRt60 + " s at " + sampleRate + " Hz");
    }
  }

  @Override
  public float[] apply(float[] waveform, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double rt60 = minRt60 + (maxRt60 - minRt60) * random.nextDouble();
    return convolve(waveform, impulseResponse(sampleRate, rt60, random));
  }

  /** The unit-energy response of {@code rt60} seconds, {@code ceil(rt60 · fs)} taps. */
  static double[] impulseResponse(int sampleRate, double rt60, SplittableRandom random) {
    int taps = (int) Math.ceil(rt60 * sampleRate);
    double[] h = new double[taps];
    double energy = 0;
    for (int t = 0; t < taps; t++) {
      h[t] = BetaSampler.normal(random) * Math.pow(10, -3.0 * t / (rt60 * sampleRate));
      energy += h[t] * h[t];
    }
    double scale = 1 / Math.sqrt(energy);
    for (int t = 0; t < taps; t++) {
      h[t] *= scale;
    }
    return h;
  }

  /** {@code (x ∗ h)[0 .. x.length)}. */
  static float[] convolve(float[] x, double[] h) {
    int size = Integer.highestOneBit(Math.max(1, x.length + h.length - 2)) << 1;
    double[] a = new double[size];
    double[] b = new double[size];
    for (int i = 0; i < x.length; i++) {
      a[i] = x[i];
    }
    System.arraycopy(h, 0, b, 0, h.length);
    FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
    Complex[] fa = fft.transform(a, TransformType.FORWARD);
    Complex[] fb = fft.transform(b, TransformType.FORWARD);
    for (int k = 0; k < size; k++) {
      fa[k] = fa[k].multiply(fb[k]);
    }
    Complex[] y = fft.transform(fa, TransformType.INVERSE);
    float[] out = new float[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) y[i].getReal();
    }
    return out;
  }
}
