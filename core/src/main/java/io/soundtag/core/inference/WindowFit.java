package io.soundtag.core.inference;

import io.soundtag.core.audio.Resampler;
import io.soundtag.core.bundle.BundleManifest;

/**
 * Fits a window of audio to a model's input: resampled to the model's rate, then centred in its
 * input length (cropped equally at both ends, or padded with silence equally at both ends). Used
 * where a window was cut for one model and is scored by another: the few windows cut just before
 * a hot-swap, and the dashboard's candidate model scoring the served model's windows.
 */
public final class WindowFit {

  private WindowFit() {}

  /** The samples, at {@code sampleRate}, as the model's input. */
  public static float[] fit(float[] samples, int sampleRate, BundleManifest model) {
    float[] at = sampleRate == model.sampleRate() ? samples : new Resampler(sampleRate, model.sampleRate()).resample(samples);
    int want = model.windowSamples();
    if (at.length == want) {
      return at;
    }
    float[] out = new float[want];
    if (at.length > want) {
      System.arraycopy(at, (at.length - want) / 2, out, 0, want);
    } else {
      System.arraycopy(at, 0, out, (want - at.length) / 2, at.length);
    }
    return out;
  }

  /** Whether the samples already are the model's input as they are. */
  public static boolean fits(float[] samples, int sampleRate, BundleManifest model) {
    return sampleRate == model.sampleRate() && samples.length == model.windowSamples();
  }
}
