package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.soundtag.trainer.report.ResultRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature-fusion job through the front door: pre-training, joint fine-tuning, every branch servable. */
class TrainingJobFusionTest {

  @TempDir
  Path dir;

  private static TrainingRecipe recipe() {
    return ToneClips.recipe(Map.of("method", "fusion", "branches", List.of("logmel:smallcnn", "mfcc:smallcnn"),
        "student", "mfcc:smallcnn", "fusion", Map.of("pretrainEpochs", 1, "epochs", 2, "lambda", 0.5)));
  }

  @Test
  void fineTunedBranchesAreInTheBundleAndTheFusionModuleIsScored() {
    TrainingResult result = TrainingJob.builder()
        .setData(ToneClips.data(12, 4))
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
