package io.soundtag.trainer.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.synth.SceneConfig;
import io.soundtag.trainer.training.LabelledWindow;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedWindowsTest {

  private static final int RATE = 8_000;
  private static final SceneConfig SCENE = SceneConfig.defaults(RATE);

  @Test
  void chosenClassesKeepTheSimulatorsOrderAndUnknownOnesAreNamed() {
    assertThat(SimulatedWindows.chosen(List.of("rain", " siren"))).containsExactly("siren", "rain");
    assertThatThrownBy(() -> SimulatedWindows.chosen(List.of("thunder")))
        .hasMessageContaining("'thunder' is not a simulated class").hasMessageContaining("car_horn");
    assertThatThrownBy(() -> SimulatedWindows.chosen(List.of())).hasMessageContaining("at least one");
  }

  @Test
  void aSubsetKeepsEverySoundInTheAudioAndOnlyItsOwnTargets() {
    List<String> some = List.of("siren", "car_horn", "engine_idle", "jackhammer", "drilling", "air_conditioner", "rain");
    List<LabelledWindow> all = new SimulatedWindows(SCENE, RATE, RATE / 2, 0.3).generate("w", 2, 60, 5);
    List<LabelledWindow> subset = new SimulatedWindows(SCENE, RATE, RATE / 2, 0.3, some).generate("w", 2, 60, 5);
    List<String> every = SimulatedWindows.classes();
    assertThat(subset).hasSameSizeAs(all);
    boolean leftOutHeard = false;
    for (int i = 0; i < all.size(); i++) {
      assertThat(subset.get(i).samples()).as("window %d: the same audio", i).isEqualTo(all.get(i).samples());
      float[] full = all.get(i).target();
      float[] part = subset.get(i).target();
      assertThat(part).hasSize(some.size());
      for (int k = 0; k < some.size(); k++) {
        assertThat(part[k]).isEqualTo(full[every.indexOf(some.get(k))]);
      }
      leftOutHeard |= full[every.indexOf("gunshot")] + full[every.indexOf("dog_bark")] + full[every.indexOf("music")] > 0;
    }
    assertThat(leftOutHeard).as("the left-out sounds are still in the windows, as background").isTrue();
  }
}
