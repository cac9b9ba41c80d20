package io.soundtag.trainer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeanIntervalTest {

  @Test
  void matchesAHandComputedTInterval() {
    // d = 1..5: mean 3, sd = √2.5 = 1.58114, se = sd/√5 = 0.70711, t(0.975, 4) = 2.77645 → 3 ± 1.96324
    MeanInterval i = MeanInterval.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 0.95);
    assertThat(i.mean()).isCloseTo(3.0, within(1e-12));
    assertThat(i.low()).isCloseTo(1.03676, within(1e-4));
    assertThat(i.high()).isCloseTo(4.96324, within(1e-4));
    assertThat(i.n()).isEqualTo(5);
    assertThat(i.excludesZeroAbove()).isTrue();
  }

  @Test
  void pairedGainsOfMixedSignIncludeZero() {
    // d = (+0.05, −0.02, +0.03): mean 0.02, sd 0.036056, se 0.020817, t(0.975, 2) = 4.30265 → 0.02 ± 0.08957
    MeanInterval i = MeanInterval.of(List.of(0.05, -0.02, 0.03), 0.95);
    assertThat(i.low()).isCloseTo(-0.06957, within(1e-4));
    assertThat(i.high()).isCloseTo(0.10957, within(1e-4));
    assertThat(i.excludesZeroAbove()).isFalse();
  }

  @Test
  void oneValueHasAMeanButNoInterval() {
    MeanInterval i = MeanInterval.of(List.of(0.4), 0.95);
    assertThat(i.mean()).isEqualTo(0.4);
    assertThat(i.low()).isNaN();
    assertThat(i.excludesZeroAbove()).isFalse();
  }
}
