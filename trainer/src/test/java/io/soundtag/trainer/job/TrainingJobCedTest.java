package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.TaskType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ced job through the front door, with a site's audio in memory as label-free windows. */
class TrainingJobCedTest {

  @TempDir
  Path dir;

  private static List<LabelledAudio> clips(int n, long seed) {
    Random r = new Random(seed);
    List<LabelledAudio> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean tone = i % 2 == 0;
      float[] x = new float[2400];
      for (int k = 0; k < x.length; k++) {
        x[k] = tone ? (float) (0.4 * Math.sin(2 * Math.PI * (300 + 50 * i) * k / 8000)) : (float) (0.3 * r.nextGaussian());
      }
      out.add(new LabelledAudio("clip-" + seed + "-" + i, new MonoAudio(x, 8000), List.of(tone ? "tone" : "noise")));
    }
    return out;
  }

  private static TrainingRecipe recipe() {
    return TrainingRecipe.defaults().with(Map.of("method", "ced", "branches", List.of("logmel:smallcnn"), "epochs", 1,
        "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
        "teachers", Map.of("branches", List.of("gammatone:smallcnn"), "epochs", 1),
        "store", Map.of("epochs", 1, "topK", 1), "schedule", Map.of("batchSize", 8)));
  }

  @Test
  void theSitesAudioInMemoryBecomesLabelFreeViewsOfTheStore() {
    List<MonoAudio> site = List.of(new MonoAudio(new float[16000], 16000), new MonoAudio(new float[0], 16000));
    List<String> notes = new ArrayList<>();
    TrainingResult result = TrainingJob.builder()
        .setData(TrainingData.clips("tones", TaskType.SINGLE_LABEL, List.of("noise", "tone"), clips(12, 1), clips(4, 2)))
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
        .setData(TrainingData.clips("tones", TaskType.SINGLE_LABEL, List.of("noise", "tone"), clips(4, 1), clips(2, 2)))
        .optRecipe(recipe().with(Map.of("method", "mrkd", "branches", List.of("logmel:smallcnn", "mfcc:smallcnn"))))
        .optUnlabelledAudio(List.of(new MonoAudio(new float[8000], 8000)))
        .build()).hasMessageContaining("ced method only");
  }
}
