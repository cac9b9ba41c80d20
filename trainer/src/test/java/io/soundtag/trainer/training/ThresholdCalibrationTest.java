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
    // and no class lets more than 5 % of the clips not of it through
    for (int c = 0; c < 2; c++) {
      int others = 0;
      int through = 0;
      for (int i = 0; i < matrix.length; i++) {
        if (targets.get(i)[c] == 0) {
          others++;
          through += matrix[i][c] >= thresholds.get(c) ? 1 : 0;
        }
      }
      assertThat((double) through / others).isLessThanOrEqualTo(0.05);
    }
    // negatives score below 0.7, clips of a class from 0.5: the thresholds sit in between, near the top
    assertThat(thresholds).allSatisfy(t -> assertThat(t).isBetween(0.6, 0.7));
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
