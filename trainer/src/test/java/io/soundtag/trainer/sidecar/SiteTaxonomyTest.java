package io.soundtag.trainer.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.taxonomy.Taxonomy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A served taxonomy bundle and a site's labels: the candidate's classes, its placed labels, and what it carries. */
class SiteTaxonomyTest {

  private static final ModelBundle SERVED = ManifestBundles.servedTaxonomyBundle(List.of(0.4, 0.5, 0.6), 0.02);

  private static CachedClip clip(String id, boolean negative, String... labels) {
    return new CachedClip(new ClipSummary(id, List.of(labels), negative, SplitHint.ANY, "ana", "sensor s1", 16000, 16000, 0), null);
  }

  /** Site labels of two of the three served classes (by a source label and by a class name), and negatives. */
  private static LabelSnapshot siteLabels() {
    return new LabelSnapshot("audio.labels", Map.of(0, 9L), List.of(
        clip("a", false, "siren"),
        clip("b", false, "tools"),
        clip("c", false, "jackhammer", "car_horn"),
        clip("d", true),
        clip("e", false, "speech"),
        clip("f", false, "siren", "footsteps"),
        clip("g", false, "banjo"),
        clip("h", false, "siren", "banjo"),
        clip("i", false, "kettle")), "hash-1", 0);
  }

  @Test
  void aCandidateOfATaxonomyModelKeepsEveryServedClassInTheServedOrderWhateverTheSiteLabelled() {
    SiteTaxonomy taxonomy = SiteTaxonomy.of(SERVED).orElseThrow();

    assertThat(taxonomy.classes()).isEqualTo(SERVED.manifest().classes()).containsExactly("siren_horn", "tools", "weather");
    assertThat(siteLabels().classes()).doesNotContain("weather");
    assertThat(SidecarRun.task(taxonomy.place(siteLabels()).snapshot(), SERVED)).isEqualTo(TaskType.MULTI_LABEL);
  }

  @Test
  void labelsArePlacedOnFineClassesAndTaxonomyNegativesTrainLikeNegativeClips() {
    SiteTaxonomy.Placed placed = SiteTaxonomy.of(SERVED).orElseThrow().place(siteLabels());
    Map<String, ClipSummary> byId = placed.snapshot().clips().stream().map(CachedClip::summary)
        .collect(Collectors.toMap(ClipSummary::clipId, Function.identity()));

    assertThat(byId).containsOnlyKeys("a", "b", "c", "d", "e", "f");
    assertThat(byId.get("a").labels()).containsExactly("siren_horn");
    assertThat(byId.get("b").labels()).containsExactly("tools");
    assertThat(byId.get("c").labels()).containsExactly("tools", "siren_horn");
    assertThat(byId.get("f").labels()).containsExactly("siren_horn");
    assertThat(byId.get("f").negative()).isFalse();
    for (String negative : List.of("d", "e")) {
      assertThat(byId.get(negative).labels()).isEmpty();
      assertThat(byId.get(negative).negative()).isTrue();
    }
    assertThat(placed.snapshot().labelSetHash()).isEqualTo("hash-1");
  }

  @Test
  void clipsWithALabelTheTaxonomyDoesNotPlaceAreLeftOutWithANote() {
    SiteTaxonomy.Placed placed = SiteTaxonomy.of(SERVED).orElseThrow().place(siteLabels());

    assertThat(placed.unplaced()).containsExactly(Map.entry("banjo", 2), Map.entry("kettle", 1));
    assertThat(placed.note()).contains("banjo=2", "kettle=1", "--negative");
    assertThat(SiteTaxonomy.of(SERVED).orElseThrow().place(new LabelSnapshot("audio.labels", Map.of(), List.of(clip("a", false,
        "rain")), "h", 0)).note()).isEmpty();
  }

  @Test
  void theCandidateCarriesTheServedTaxonomyCoarseGroupsAndTheChosenThresholds() {
    SiteTaxonomy taxonomy = SiteTaxonomy.of(SERVED).orElseThrow();
    // what training gives back: the served classes, F1 thresholds, no coarse groups and no taxonomy
    ModelBundle trained = ManifestBundles.bundle(taxonomy.classes(), List.of(0.3, 0.3, 0.3), Map.of(), Map.of("micro_auprc", 0.7),
        Map.of("command", "soundtag trainer run --deployment site"));
    CandidateThresholds thresholds = new CandidateThresholds(List.of(0.7, 0.8, 0.9), true, 0.05, 40, 0.025, 0.05, "calibrated");

    ModelBundle candidate = SidecarRun.candidate(trained, thresholds, taxonomy, "left out clips …");

    assertThat(candidate.manifest().classes()).isEqualTo(SERVED.manifest().classes());
    assertThat(candidate.manifest().coarseTaxonomy()).isEqualTo(SERVED.manifest().coarseTaxonomy())
        .containsEntry("weather", "nature");
    assertThat(Taxonomy.parse(candidate.manifest().provenance().get(SiteTaxonomy.PROVENANCE_KEY), "candidate"))
        .isEqualTo(ManifestBundles.TAXONOMY);
    assertThat(candidate.manifest().provenance()).containsEntry("thresholds", "calibrated")
        .containsEntry("site_labels", "left out clips …").containsKey("command");
    assertThat(candidate.manifest().thresholds()).containsExactly(0.7, 0.8, 0.9);
    assertThat(candidate.manifest().metrics()).containsEntry(CandidateThresholds.TARGET_METRIC, 0.05)
        .containsEntry("gate_false_alarm_rate", 0.025).containsEntry("micro_auprc", 0.7);
    // and the next run reads the taxonomy back from it
    assertThat(SiteTaxonomy.of(candidate)).isPresent();
  }

  @Test
  void aBundleWithoutATaxonomyHasNoneAndOneThatDisagreesWithItsClassesIsAClearError() {
    assertThat(SiteTaxonomy.of(null)).isEmpty();
    assertThat(SiteTaxonomy.of(ManifestBundles.bundle(List.of("dog", "siren"), List.of(0.5, 0.5), Map.of(), Map.of(), Map.of())))
        .isEmpty();
    ModelBundle disagreeing = ManifestBundles.bundle(List.of("siren_horn", "tools"), List.of(0.5, 0.5), Map.of(), Map.of(),
        SERVED.manifest().provenance());
    assertThatThrownBy(() -> SiteTaxonomy.of(disagreeing)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[siren_horn, tools, weather]").hasMessageContaining("publish a bundle");
    ModelBundle broken = ManifestBundles.bundle(List.of("dog"), List.of(0.5), Map.of(), Map.of(),
        Map.of(SiteTaxonomy.PROVENANCE_KEY, "{\"name\": \"x\""));
    assertThatThrownBy(() -> SiteTaxonomy.of(broken)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not valid");
  }
}
