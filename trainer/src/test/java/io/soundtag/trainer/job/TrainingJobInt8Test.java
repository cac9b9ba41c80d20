package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.trainer.report.ResultRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantisation-aware fine-tuning through the front door: the bundle serves an int8 student, measured beside its float self. */
class TrainingJobInt8Test {

  @TempDir
  Path dir;

  private static TrainingRecipe recipe() {
    return ToneClips.recipe(Map.of("method", "supervised", "branches", List.of("logmel:cpmobile"), "width", 8, "epochs", 2,
        "quantise", Map.of("bits", 8, "epochs", 1)));
  }

  @Test
  void theBundleHoldsTheInt8StudentAndTheResultsBothVersions() throws Exception {
    TrainingResult result = TrainingJob.builder()
        .setData(ToneClips.data(12, 4))
        .optRecipe(recipe())
        .optWorkDir(dir)
        .optDevice(Device.cpu())
        .build()
        .run(new TrainingListener() { });

    BranchManifest student = result.bundle().manifest().student();
    assertThat(result.bundle().manifest().formatVersion()).isEqualTo(BundleManifest.FORMAT_VERSION);
    assertThat(student.quantised()).isTrue();
    assertThat(student.parametersEntry()).endsWith(".int8");
    assertThat(student.quantisation().layers()).isNotEmpty()
        .allSatisfy(l -> assertThat(l.inputScale()).isPositive());
    Path file = dir.resolve("int8.bundle");
    result.bundle().write(file);
    assertThat(ModelBundle.read(file).manifest()).isEqualTo(result.bundle().manifest());

    List<ResultRow> rows = result.outcome().results();
    assertThat(rows).anyMatch(r -> r.model().equals("logmel-cpmobile") && r.training().equals("independent"))
        .anyMatch(r -> r.model().equals("logmel-cpmobile") && r.training().equals("independent, int8"));
    Map<String, Long> bytes = result.outcome().bundleBytes();
    assertThat(bytes).containsKeys("bundle", "float32 student", "int8 student");
    assertThat(bytes.get("int8 student")).isLessThan(bytes.get("float32 student"));
    assertThat(bytes.get("bundle")).isEqualTo(bytes.get("int8 student"));
    assertThat(result.outcome().history().epochs("seed 1 independent, int8 logmel-cpmobile")).hasSize(1);
  }

  @Test
  void onlyEightBitsOrNoneAreAccepted() {
    assertThatThrownBy(() -> recipe().with(Map.of("quantise.bits", 4))).hasMessageContaining("quantise.bits must be 0 (float32) or 8");
    assertThat(TrainingRecipe.defaults().quantisation()).as("float32 unless asked").isNull();
  }
}
