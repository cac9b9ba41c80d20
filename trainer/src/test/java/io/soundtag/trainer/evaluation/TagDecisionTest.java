package io.soundtag.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagDecisionTest {

  @Test
  void aClassAtItsOwnThresholdRaisesATagAndOneJustBelowDoesNot() {
    List<Double> thresholds = List.of(0.5, 0.9);
    assertThat(TagDecision.raisesATag(new float[] {0.5f, 0.1f}, thresholds)).isTrue();
    assertThat(TagDecision.raisesATag(new float[] {0.49f, 0.89f}, thresholds)).isFalse();
    // each class against its own threshold: 0.6 passes the first class's, not the second's
    assertThat(TagDecision.raisesATag(new float[] {0.1f, 0.6f}, thresholds)).isFalse();
  }
}
