package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.report.ResultRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature-fusion job through the front door: pre-training, joint fine-tuning, every branch servable. */
class TrainingJobFusionTest {

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
    return TrainingRecipe.defaults().with(Map.of("method", "fusion", "branches", List.of("logmel:smallcnn", "mfcc:smallcnn"),
        "student", "mfcc:smallcnn", "audio", Map.of("sampleRate", 8000, "fftSize", 256, "frameHopMs", 10, "windowMs", 250, "hopMs", 125),
        "fusion", Map.of("pretrainEpochs", 1, "epochs", 2, "lambda", 0.5), "schedule", Map.of("batchSize", 8)));
  }

  @Test
  void fineTunedBranchesAreInTheBundleAndTheFusionModuleIsScored() {
    TrainingResult result = TrainingJob.builder()
        .setData(TrainingData.clips("tones", TaskType.SINGLE_LABEL, List.of("noise", "tone"), clips(12, 1), clips(4, 2)))
        .optRecipe(recipe())
        .optKeepBranches(true)
        .optWorkDir(dir)
        .optDevice(Device.cpu())
        .build()
        .run(new TrainingListener() { });

    assertThat(result.bundle().manifest().studentBranch()).isEqualTo("mfcc-smallcnn");
    assertThat(result.bundle().manifest().branches()).extracting(b -> b.name()).containsExactly("logmel-smallcnn", "mfcc-smallcnn");
    List<ResultRow> rows = result.outcome().results();
    assertThat(rows).anyMatch(r -> r.model().equals("fusion module") && r.training().equals("fused"))
        .anyMatch(r -> r.model().equals("mfcc-smallcnn") && r.training().equals("fused"));
    // the 4 validation clips double as the test part: accuracy is a share of 4
    ResultRow fusion = rows.stream().filter(r -> r.model().equals("fusion module")).findFirst().orElseThrow();
    assertThat(fusion.accuracyPerSeed().get(0) * 4).isCloseTo(Math.rint(fusion.accuracyPerSeed().get(0) * 4),
        org.assertj.core.api.Assertions.within(1e-9));
    // pre-training (1 epoch) and fusion (2 epochs) curves of every branch, and the fusion module's
    assertThat(result.outcome().history().epochs("seed 1 pre-trained logmel-smallcnn")).hasSize(1);
    assertThat(result.outcome().history().epochs("seed 1 fused mfcc-smallcnn")).hasSize(2);
    assertThat(result.outcome().history().epochs("seed 1 fused fusion")).hasSize(2);
  }

  @Test
  void fusionNeedsTwoBranches() {
    assertThatThrownBy(() -> recipe().with(Map.of("branches", List.of("logmel:smallcnn"), "student", "logmel:smallcnn")))
        .hasMessageContaining("at least two branches");
  }
}
