package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

  private static LabelledAudio clip(String id, double seconds, String... labels) {
    return new LabelledAudio(id, new MonoAudio(new float[(int) (seconds * 16000)], 16000), List.of(labels));
  }

  private final TrainingRecipe recipe = TrainingRecipe.defaults().with(java.util.Map.of("audio.sampleRate", 8000, "crops", 1));

  @Test
  void aNegativeClipTrainsAsAnAllZeroTargetInAMultiLabelTask() {
    PreparedData p = TrainingData.clips("labels", TaskType.MULTI_LABEL, List.of("dog", "siren"),
        List.of(clip("a", 1, "siren"), clip("b", 1), clip("c", 0.5, "dog", "siren")), List.of(clip("v", 2, "dog"))).prepare(recipe, l -> {});

    assertThat(p.windows().train().targets()).containsExactly(new float[] {0, 1}, new float[] {0, 0}, new float[] {1, 1});
    assertThat(p.windows().train().windows()).allMatch(w -> w.length == 8000);
    assertThat(p.windows().validation().clips()).isEqualTo(1);
    assertThat(p.windows().validation().size()).as("a 2 s clip in 1 s windows at half a window's hop").isEqualTo(3);
    assertThat(p.description()).contains("3 training clips, 1 of them negative");
  }

  @Test
  void aSingleLabelTaskRefusesNegativesAndUnknownLabels() {
    assertThatThrownBy(() -> TrainingData.clips("labels", TaskType.SINGLE_LABEL, List.of("dog"), List.of(clip("b", 1)), List.of()))
        .hasMessageContaining("negatives need a multi-label task");
    assertThatThrownBy(() -> TrainingData.clips("labels", TaskType.MULTI_LABEL, List.of("dog"), List.of(clip("w", 1, "whale")),
        List.of()).prepare(recipe, l -> {})).hasMessageContaining("clip w has label 'whale'");
  }
}
