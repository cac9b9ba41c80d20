package io.soundtag.core.acoustics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CalibratorToneTest {

  @ParameterizedTest
  @ValueSource(ints = {16000, 44100, 48000})
  void aToneAtMinus20DbfsFrom94DbGivesCOf117(int rate) {
    float[] x = LevelMeterTest.sine(rate, 1000, Math.sqrt(2) * 0.1, 3 * rate);
    Random r = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] += (float) (0.001 * r.nextGaussian());
    }
    CalibratorTone.Result c = CalibratorTone.measure(x, rate, 94.0);
    assertThat(c.toneDbfs()).isCloseTo(-20.0, within(0.02));
    assertThat(c.calibrationDb()).isCloseTo(114.0, within(0.02));
    // The calibrated level of the recording is the calibrator's.
    IntervalLevels l = LevelMeter.fromSample(rate, 2.0, rate).push(x).get(0).calibrated(c.calibrationDb());
    assertThat(l.laeq()).isCloseTo(94.0, within(0.05));
  }

  @ParameterizedTest
  @ValueSource(ints = {16000})
  void noiseOrAWrongToneIsRefusedWithAReason(int rate) {
    Random r = new Random(2);
    float[] noise = new float[2 * rate];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * r.nextGaussian());
    }
    assertThatThrownBy(() -> CalibratorTone.measure(noise, rate, 94)).hasMessageContaining("no 1 kHz calibrator tone");
    assertThatThrownBy(() -> CalibratorTone.measure(LevelMeterTest.sine(rate, 250, 0.1, 2 * rate), rate, 94))
        .hasMessageContaining("no 1 kHz calibrator tone");
    assertThatThrownBy(() -> CalibratorTone.measure(LevelMeterTest.sine(rate, 1000, 0.1, rate), rate, 94))
        .hasMessageContaining("at least 1.5 s");
    float[] unsteady = LevelMeterTest.sine(rate, 1000, 0.1, 3 * rate);
    for (int i = 2 * rate; i < unsteady.length; i++) {
      unsteady[i] *= 0.5f;
    }
    assertThatThrownBy(() -> CalibratorTone.measure(unsteady, rate, 94)).hasMessageContaining("varies by");
  }
}
