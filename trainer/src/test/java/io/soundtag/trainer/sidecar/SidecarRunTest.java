package io.soundtag.trainer.sidecar;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a run derives from the labels alone: the task and the class order; and a candidate's identity. */
class SidecarRunTest {

  private static CachedClip clip(String id, boolean negative, String... labels) {
    return new CachedClip(new ClipSummary(id, List.of(labels), negative, SplitHint.ANY, "ana", "file", 16000, 16000, 0), null);
  }

  private static LabelSnapshot snapshot(CachedClip... clips) {
    return new LabelSnapshot("audio.labels", Map.of(0, 3L), List.of(clips), "h", 0);
  }

  @Test
  void oneLabelPerClipIsSingleLabelAndANegativeOrASecondLabelMakesItMultiLabel() {
    assertThat(SidecarRun.task(snapshot(clip("a", false, "dog"), clip("b", false, "siren")), null)).isEqualTo(TaskType.SINGLE_LABEL);
    assertThat(SidecarRun.task(snapshot(clip("a", false, "dog"), clip("b", true)), null)).isEqualTo(TaskType.MULTI_LABEL);
    assertThat(SidecarRun.task(snapshot(clip("a", false, "dog", "siren")), null)).isEqualTo(TaskType.MULTI_LABEL);
  }

  @Test
  void withoutAServedModelTheClassesAreTheLabelsSorted() {
    assertThat(SidecarRun.classes(snapshot(clip("a", false, "siren"), clip("b", false, "dog"), clip("c", true)), null))
        .containsExactly("dog", "siren");
  }

  @Test
  void identityDependsOnParentLabelsAndRecipe() {
    CandidateIdentity a = new CandidateIdentity(3L, "labels-1", "recipe-1");
    assertThat(a.key()).hasSize(16).isEqualTo(new CandidateIdentity(3L, "labels-1", "recipe-1").key());
    assertThat(a.key()).isNotEqualTo(new CandidateIdentity(4L, "labels-1", "recipe-1").key())
        .isNotEqualTo(new CandidateIdentity(3L, "labels-2", "recipe-1").key())
        .isNotEqualTo(new CandidateIdentity(3L, "labels-1", "recipe-2").key())
        .isNotEqualTo(new CandidateIdentity(null, "labels-1", "recipe-1").key());
    assertThat(CandidateIdentity.recipeHashOf("soundtag train --data DIR")).isNull();
    assertThat(CandidateIdentity.recipeHashOf(io.soundtag.trainer.job.TrainingRecipe.defaults().toJson()))
        .isEqualTo(io.soundtag.trainer.job.TrainingRecipe.defaults().hash());
  }
}
