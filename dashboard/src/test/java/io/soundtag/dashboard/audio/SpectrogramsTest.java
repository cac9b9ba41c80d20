package io.soundtag.dashboard.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.audio.MonoAudio;
import org.junit.jupiter.api.Test;

class SpectrogramsTest {

  @Test
  void aToneIsBrightestInTheMelBandOfItsFrequency() {
    int rate = 16_000;
    float[] x = new float[rate * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 2000 * i / rate));
    }
    SpectrogramImage img = Spectrograms.of(new SensorAudio.Clip(new MonoAudio(x, rate), 5_000_000));
    assertThat(img.frames()).isEqualTo(x.length / 320 + 1);
    assertThat(img.hopMicros()).isEqualTo(20_000.0);
    assertThat(img.startMicros()).isEqualTo(5_000_000);
    int frame = img.frames() / 2;
    int best = 0;
    for (int b = 1; b < img.bins(); b++) {
      if ((img.levels()[frame * img.bins() + b] & 0xff) > (img.levels()[frame * img.bins() + best] & 0xff)) {
        best = b;
      }
    }
    // The band whose centre is nearest 2 kHz on the Slaney mel scale, 64 bands from 0 to 8 kHz.
    double step = slaneyMel(rate / 2.0) / (img.bins() + 1);
    int expected = (int) Math.round(slaneyMel(2000) / step) - 1;
    assertThat(best).isBetween(expected - 1, expected + 1);
    assertThat(img.levels()[frame * img.bins() + best] & 0xff).isGreaterThan(240);
  }

  /** Slaney's mel scale (Auditory Toolbox): 200/3 Hz per mel up to 1 kHz, then logarithmic, 27 mels per factor 6.4. */
  private static double slaneyMel(double hz) {
    return hz < 1000 ? hz / (200.0 / 3) : 15 + Math.log(hz / 1000) / (Math.log(6.4) / 27);
  }
}
