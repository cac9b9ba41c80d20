package io.soundtag.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdCalibrationTest {

  @Test
  void theFalseAlarmTargetIsMetOnTheNegativesAndNoHigherThanNeeded() {
    SplittableRandom r = new SplittableRandom(3);
    List<float[]> targets = new ArrayList<>();
    List<float[]> scores = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int kind = i % 4; // 0, 1: a clip of class 0 or 1; 2, 3: a negative
      float[] t = new float[2];
      if (kind < 2) {
        t[kind] = 1;
      }
      targets.add(t);
      float[] s = new float[2];
      for (int c = 0; c < 2; c++) {
        s[c] = (float) (t[c] > 0 ? 0.5 + 0.5 * r.nextDouble() : 0.7 * r.nextDouble());
      }
      scores.add(s);
    }
    float[][] matrix = scores.toArray(float[][]::new);
    List<Double> thresholds = ThresholdCalibration.forFalseAlarmRate(matrix, targets, 0.05);
    double rate = ThresholdCalibration.falseAlarmRate(matrix, targets, thresholds);
    assertThat(rate).isLessThanOrEqualTo(0.05);
    // one step lower (0.001 in level) would break the target, or the level is already the lowest
    assertThat(rate).isGreaterThan(0.02);
    assertThat(thresholds).allSatisfy(t -> assertThat(t).isBetween(0.5, 0.7));
  }

  @Test
  void withoutNegativesOrWithABadTargetItSaysWhy() {
    float[][] s = {{0.9f}};
    assertThatThrownBy(() -> ThresholdCalibration.forFalseAlarmRate(s, List.of(new float[] {1}), 0.05))
        .hasMessageContaining("needs negative clips");
    assertThatThrownBy(() -> ThresholdCalibration.forFalseAlarmRate(s, List.of(new float[] {0}), 1.5))
        .hasMessageContaining("share in (0, 1)");
  }
}
