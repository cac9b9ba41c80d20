package io.soundtag.trainer.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.trainer.simulated.SimulatedWindows;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

  private final Taxonomy builtIn = Taxonomy.builtIn();

  @Test
  void everySimulatedClassHasAPlaceInTheBuiltInTaxonomy() {
    for (String simulated : SimulatedWindows.classes()) {
      assertThat(builtIn.fineOf(simulated)).as(simulated).isPresent();
    }
    assertThat(builtIn.fineOf("siren")).contains("siren_horn");
    assertThat(builtIn.fineOf("car_horn")).contains("siren_horn");
    assertThat(builtIn.fineOf("jackhammer")).contains("tools");
    assertThat(builtIn.fineOf("rain")).contains("weather");
    assertThat(builtIn.fineOf("dog_bark")).contains("animal");
  }

  @Test
  void aClipsLabelsTrainEachFineClassOnceAndNegativesTrainNone() {
    assertThat(builtIn.fineClassesOf(List.of("siren", "car_horn", "gunshot"))).containsExactly("siren_horn", "gunshot");
    assertThat(builtIn.fineClassesOf(List.of("birds", "speech"))).isEmpty();
    assertThatThrownBy(() -> builtIn.fineClassesOf(List.of("kazoo"))).hasMessageContaining("'kazoo'");
  }

  @Test
  void devSetLabelsAreClassesOrNegatives() {
    for (String label : List.of("birds", "crowd", "door", "explosion", "farm_animal", "footsteps", "gunshot", "music", "scream",
        "siren_horn", "speech", "tools", "vehicle_engine", "water", "weather")) {
      assertThat(builtIn.isNegative(label) || builtIn.fineOf(label).isPresent()).as(label).isTrue();
    }
    assertThat(builtIn.fineOf("footsteps")).isEmpty();
    assertThat(builtIn.target(List.of("speech"))).containsOnly(0f);
  }

  @Test
  void simulatedTargetsMergeOntoFineClasses() {
    List<String> sim = List.of("siren", "car_horn", "music");
    float[] t = builtIn.target(new float[] {1, 1, 0}, sim);
    assertThat(t[builtIn.classNames().indexOf("siren_horn")]).isEqualTo(1f);
    assertThat(t[builtIn.classNames().indexOf("music")]).isEqualTo(0f);
  }

  @Test
  void coarseGroupsFollowTheClasses() {
    assertThat(builtIn.coarseGroups()).containsExactly("threat", "alarm", "traffic", "machinery", "music", "nature");
    assertThat(builtIn.coarseOf()).containsEntry("gunshot", "threat").containsEntry("tools", "machinery");
  }

  @Test
  void anUnplacedLabelIsAnErrorThatSaysWhatToDo() {
    assertThatThrownBy(() -> builtIn.fineOf("glass_break"))
        .hasMessageContaining("'glass_break' is neither a class nor a negative").hasMessageContaining("\"negatives\"");
    assertThat(builtIn.places("glass_break")).isFalse();
    assertThat(builtIn.places("tools")).isTrue();
    assertThat(builtIn.places("jackhammer")).isTrue();
    assertThat(builtIn.places("footsteps")).isTrue();
  }

  @Test
  void aLabelInTwoClassesIsRefused() {
    assertThatThrownBy(() -> new Taxonomy("t", List.of(new FineClass("a", "x", List.of("s")), new FineClass("b", "x", List.of("s"))),
        List.of())).hasMessageContaining("'s' maps to both a and b");
  }

  @Test
  void jsonRoundTrips() {
    Taxonomy again = Taxonomy.parse(builtIn.toJson(), "test");
    assertThat(again).isEqualTo(builtIn);
    assertThatThrownBy(() -> Taxonomy.parse("{\"name\":\"t\",\"classes\":[],\"extra\":1}", "bad.json"))
        .hasMessageContaining("taxonomy bad.json is not valid");
  }
}
