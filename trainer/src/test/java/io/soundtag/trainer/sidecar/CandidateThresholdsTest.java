package io.soundtag.trainer.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.training.ThresholdCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A candidate's thresholds: the false-alarm rule on enough negative gate clips, else the served model's. */
class CandidateThresholdsTest {

  private static final List<String> CLASSES = List.of("siren_horn", "tools", "weather");
  private static final List<Double> OWN = List.of(0.31, 0.32, 0.33);
  private static final ModelBundle SERVED = ManifestBundles.servedTaxonomyBundle(List.of(0.41, 0.42, 0.43), 0.02);

  /** Gate clips: {@code negatives} scoring up to 0.6 on every class, and 30 positives (10 per class) scoring above 0.5 on theirs. */
  private record Gate(float[][] scores, List<float[]> targets) {
    static Gate of(int negatives, long seed) {
      Random random = new Random(seed);
      List<float[]> scores = new ArrayList<>();
      List<float[]> targets = new ArrayList<>();
      for (int i = 0; i < negatives; i++) {
        scores.add(new float[] {0.6f * random.nextFloat(), 0.6f * random.nextFloat(), 0.6f * random.nextFloat()});
        targets.add(new float[3]);
      }
      for (int i = 0; i < 30; i++) {
        float[] s = {0.3f * random.nextFloat(), 0.3f * random.nextFloat(), 0.3f * random.nextFloat()};
        float[] t = new float[3];
        s[i % 3] = 0.5f + 0.5f * random.nextFloat();
        t[i % 3] = 1f;
        scores.add(s);
        targets.add(t);
      }
      return new Gate(scores.toArray(float[][]::new), targets);
    }
  }

  @Test
  void enoughNegativesIsTwoOverTheTargetAndAtLeastTwenty() {
    assertThat(CandidateThresholds.enoughNegatives(0.05)).isEqualTo(40);
    assertThat(CandidateThresholds.enoughNegatives(0.01)).isEqualTo(200);
    assertThat(CandidateThresholds.enoughNegatives(0.2)).isEqualTo(20);
    Gate forty = Gate.of(40, 4);
    Gate thirtyNine = Gate.of(39, 4);
    assertThat(CandidateThresholds.choose(forty.scores(), forty.targets(), 0.05, CLASSES, OWN, SERVED).calibrated()).isTrue();
    assertThat(CandidateThresholds.choose(thirtyNine.scores(), thirtyNine.targets(), 0.05, CLASSES, OWN, SERVED).calibrated())
        .isFalse();
  }

  @Test
  void withEnoughNegativeGateClipsTheThresholdsComeFromTheFalseAlarmRule() {
    Gate gate = Gate.of(60, 1);

    CandidateThresholds t = CandidateThresholds.choose(gate.scores(), gate.targets(), 0.05, CLASSES, OWN, SERVED);

    assertThat(t.calibrated()).isTrue();
    assertThat(t.thresholds()).isEqualTo(ThresholdCalibration.forFalseAlarmRate(gate.scores(), gate.targets(), 0.05))
        .isNotEqualTo(SERVED.manifest().thresholds()).isNotEqualTo(OWN);
    assertThat(t.falseAlarmRate()).isLessThanOrEqualTo(0.05)
        .isEqualTo(ThresholdCalibration.falseAlarmRate(gate.scores(), gate.targets(), t.thresholds()));
    assertThat(t.negatives()).isEqualTo(60);
    assertThat(t.chosenFor()).isEqualTo(0.05);
    assertThat(t.note()).contains("calibrated on the gate's 60 negative clips", "5.0 %");
    // the F1 thresholds of the candidate let far more of these negatives through
    assertThat(ThresholdCalibration.falseAlarmRate(gate.scores(), gate.targets(), OWN)).isGreaterThan(0.5);
  }

  @Test
  void withTooFewNegativeGateClipsTheServedThresholdsAreKeptWithANote() {
    Gate gate = Gate.of(39, 2);

    CandidateThresholds t = CandidateThresholds.choose(gate.scores(), gate.targets(), 0.05, CLASSES, OWN, SERVED);

    assertThat(t.calibrated()).isFalse();
    assertThat(t.thresholds()).isEqualTo(SERVED.manifest().thresholds());
    assertThat(t.chosenFor()).isEqualTo(0.02);
    assertThat(t.falseAlarmRate()).isEqualTo(ThresholdCalibration.falseAlarmRate(gate.scores(), gate.targets(), t.thresholds()));
    assertThat(t.note()).contains("served model's thresholds, kept", "39 negative clips", "fewer than the 40");
  }

  @Test
  void whenTheClassesChangedOrNothingIsServedTheCandidatesOwnThresholdsAreKept() {
    Gate gate = Gate.of(0, 3);
    ModelBundle servedTwo = ManifestBundles.bundle(List.of("siren_horn", "tools"), List.of(0.51, 0.52), Map.of(),
        Map.of(CandidateThresholds.TARGET_METRIC, 0.05), Map.of());

    CandidateThresholds changed = CandidateThresholds.choose(gate.scores(), gate.targets(), 0.05, CLASSES, OWN, servedTwo);
    CandidateThresholds none = CandidateThresholds.choose(gate.scores(), gate.targets(), 0.05, CLASSES, OWN, null);

    assertThat(changed.thresholds()).isEqualTo(OWN);
    assertThat(changed.note()).contains("its head is new", "0 negative clips");
    assertThat(changed.chosenFor()).isNaN();
    assertThat(changed.falseAlarmRate()).isNaN();
    assertThat(none.thresholds()).isEqualTo(OWN);
    assertThat(none.note()).startsWith("the candidate's validation F1 thresholds:");
  }

  @Test
  void theTargetIsTheConfiguredOneElseTheServedBundlesElseFivePercent() {
    assertThat(CandidateThresholds.targetFor(0.1, SERVED)).isEqualTo(0.1);
    assertThat(CandidateThresholds.targetFor(null, SERVED)).isEqualTo(0.02, within(1e-12));
    assertThat(CandidateThresholds.targetFor(null, ManifestBundles.bundle(CLASSES, OWN, Map.of(), Map.of(), Map.of()))).isEqualTo(0.05);
    assertThat(CandidateThresholds.targetFor(null, null)).isEqualTo(0.05);
  }
}
