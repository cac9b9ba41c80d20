package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ced job through the front door, with a site's audio in memory as label-free windows. */
class TrainingJobCedTest {

  @TempDir
  Path dir;

  private static TrainingRecipe recipe() {
    return ToneClips.recipe(Map.of("method", "ced", "branches", List.of("logmel:smallcnn"), "epochs", 1,
        "teachers", Map.of("branches", List.of("gammatone:smallcnn"), "epochs", 1), "store", Map.of("epochs", 1, "topK", 1)));
  }

  @Test
  void theSitesAudioInMemoryBecomesLabelFreeViewsOfTheStore() {
    List<MonoAudio> site = List.of(new MonoAudio(new float[16000], 16000), new MonoAudio(new float[0], 16000));
    List<String> notes = new ArrayList<>();
    TrainingResult result = TrainingJob.builder()
        .setData(ToneClips.data(12, 4))
        .optRecipe(recipe())
        .optUnlabelledAudio(site)
        .optWorkDir(dir)
        .optDevice(Device.cpu())
        .build()
        .run(new TrainingListener() {
          @Override
          public void note(String line) {
            notes.add(line);
          }
        });

    assertThat(result.bundle().manifest().studentBranch()).isEqualTo("logmel-smallcnn");
    // one second at 16 kHz is 4 windows of 250 ms at 8 kHz; up to 3 crops of it; the empty clip gives none
    assertThat(notes).contains("3 label-free windows from 2 clips in memory");
    assertThat(dir.resolve("logits.bin")).exists();
    assertThat(result.outcome().results()).anyMatch(r -> r.training().equals("from store"))
        .anyMatch(r -> r.training().equals("teacher"));
  }

  @Test
  void labelFreeAudioNeedsTheCedMethod() {
    assertThatThrownBy(() -> TrainingJob.builder()
        .setData(ToneClips.data(4, 2))
        .optRecipe(recipe().with(Map.of("method", "mrkd", "branches", List.of("logmel:smallcnn", "mfcc:smallcnn"))))
        .optUnlabelledAudio(List.of(new MonoAudio(new float[8000], 8000)))
        .build()).hasMessageContaining("ced method only");
  }
}
