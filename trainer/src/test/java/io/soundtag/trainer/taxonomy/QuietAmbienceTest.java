package io.soundtag.trainer.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuietAmbienceTest {

  @Test
  void windowsAreQuietAndAPureFunctionOfTheSeed() {
    List<float[]> a = QuietAmbience.windows(30, 16000, 7);
    List<float[]> b = QuietAmbience.windows(30, 16000, 7);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i)).containsExactly(b.get(i));
      double energy = 0;
      for (float v : a.get(i)) {
        energy += v * v;
      }
      double db = 10 * Math.log10(energy / a.get(i).length);
      // the level drifts by at most ±3 dB around a level drawn in [−80, −40]
      assertThat(db).isBetween(QuietAmbience.MIN_DBFS - 4, QuietAmbience.MAX_DBFS + 4);
    }
    assertThat(QuietAmbience.windows(1, 16000, 8).get(0)).isNotEqualTo(a.get(0));
  }
}
