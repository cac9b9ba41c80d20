package io.soundtag.dashboard.audio;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.features.FeatureMatrix;
import io.soundtag.core.features.LogMel;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MelScale;

/**
 * Draws audio as a log-Mel spectrogram with core's {@link LogMel}: 64 Slaney bands up to
 * Nyquist, a window of 43–64 ms (a power of two in samples) every 20 ms, and 70 dB of range under the loudest cell.
 */
public final class Spectrograms {

  /** Mel bands drawn. */
  public static final int BANDS = 64;
  /** Dynamic range drawn, dB. */
  public static final double RANGE_DB = 70;

  private Spectrograms() {}

  /** The spectrogram of {@code clip}. */
  public static SpectrogramImage of(SensorAudio.Clip clip) {
    MonoAudio audio = clip.audio();
    int rate = audio.sampleRate();
    int nFft = Integer.highestOneBit(Math.max(512, rate / 15));
    int hop = Math.max(1, rate / 50);
    LogMel mel = new LogMelConfig(rate, nFft, nFft, Math.min(hop, nFft), BANDS, 0, rate / 2.0, MelScale.SLANEY).create();
    FeatureMatrix m = mel.compute(audio.samples());
    int frames = m.shape().frames();
    float peak = -Float.MAX_VALUE;
    for (float v : m.values()) {
      peak = Math.max(peak, v);
    }
    double floor = peak - RANGE_DB;
    byte[] levels = new byte[frames * BANDS];
    for (int f = 0; f < frames; f++) {
      for (int b = 0; b < BANDS; b++) {
        double x = (m.get(0, b, f) - floor) / RANGE_DB;
        levels[f * BANDS + b] = (byte) Math.round(255 * Math.max(0, Math.min(1, x)));
      }
    }
    double hopMicros = mel.hopLength() * 1e6 / rate;
    return new SpectrogramImage(clip.startMicros(), hopMicros, frames, BANDS, floor, peak, levels);
  }
}
