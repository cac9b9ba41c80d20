package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.trainer.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRecipeTest {

  @TempDir
  Path dir;

  @Test
  void aFileNamesOnlyWhatDiffersFromTheDefault() throws IOException {
    Path file = dir.resolve("r.json");
    Files.writeString(file, """
        {"method": "supervised", "branches": ["mfcc:smallcnn"], "epochs": 3, "schedule": {"batchSize": 8}}
        """);

    TrainingRecipe r = TrainingRecipe.read(file);

    assertThat(r.recipe()).isEqualTo(Recipe.SUPERVISED);
    assertThat(r.studentName()).isEqualTo("mfcc-smallcnn");
    assertThat(r.plan().totalEpochs()).isEqualTo(3);
    assertThat(r.schedule().batchSize()).isEqualTo(8);
    assertThat(r.schedule().learningRate()).isEqualTo(TrainingRecipe.defaults().schedule().learningRate());
    assertThat(r.audio()).isEqualTo(TrainingRecipe.defaults().audio());
  }

  @Test
  void theDefaultWritesAndReadsBackToItselfWithTheSameHash() throws IOException {
    TrainingRecipe d = TrainingRecipe.defaults();
    Path file = dir.resolve("d.json");
    Files.writeString(file, d.toJson());

    TrainingRecipe back = TrainingRecipe.read(file);

    assertThat(back).usingRecursiveComparison().isEqualTo(d);
    assertThat(back.hash()).isEqualTo(d.hash()).hasSize(16);
    assertThat(d.with(Map.of("seed", 2)).hash()).isNotEqualTo(d.hash());
    assertThat(d.recipe()).isEqualTo(Recipe.MRKD);
    assertThat(d.branchSpecs()).extracting(b -> b.name()).containsExactly("logmel-cpmobile", "gammatone-cpmobile");
  }

  @Test
  void aCedRecipeNamesItsTeachersStoreAndEveryAugmentation() throws IOException {
    Path file = dir.resolve("ced.json");
    Files.writeString(file, """
        {"method": "ced", "student": "logmel:cpmobile", "width": 24, "epochs": 6,
         "distillation": {"lambda": 0.5, "temperature": 1},
         "teachers": {"branches": ["logmel:resnet", "gammatone:vgg"], "width": 48, "epochs": 10},
         "store": {"epochs": 4, "topK": 5},
         "augmentation": {"mixup": 0, "fmix": 1, "freqMixStyle": 0.4, "timeShiftMs": 50, "gainDb": 6,
                          "bandLimitHz": [2000, 7000], "reverbRt60": [0.2, 0.8], "timeMasks": [2, 10], "freqMasks": [2, 8]}}
        """);

    TrainingRecipe r = TrainingRecipe.read(file);

    assertThat(r.recipe()).isEqualTo(Recipe.CED);
    // the default recipe's two branches do not count: ced trains the student alone
    assertThat(r.branchSpecs()).extracting(b -> b.name()).containsExactly("logmel-cpmobile");
    assertThat(r.branchSpecs().get(0).network().width()).isEqualTo(24);
    assertThat(r.teacherSpecs()).extracting(b -> b.name()).containsExactly("logmel-resnet", "gammatone-vgg");
    assertThat(r.teacherSpecs().get(1).network().width()).isEqualTo(48);
    assertThat(r.store()).isEqualTo(new TrainingRecipe.Store(null, 4, 5));
    var plan = r.plan();
    assertThat(plan.totalEpochs()).isEqualTo(6);
    assertThat(plan.lambda()).isEqualTo(0.5);
    var view = plan.augmentation();
    assertThat(view.fmix()).isNotNull();
    assertThat(view.freqMixStyle().probability()).isEqualTo(0.4);
    assertThat(view.timeShift().maxShift()).isEqualTo(800); // 50 ms at 16 kHz
    assertThat(view.bandLimit().maxCutoffHz()).isEqualTo(7000);
    assertThat(view.reverb().minRt60()).isEqualTo(0.2);
    assertThat(view.timeMask().count()).isEqualTo(2);
    assertThat(view.frequencyMask().maxWidth()).isEqualTo(8);
    assertThat(TrainingRecipe.parse(r.toJson())).usingRecursiveComparison().isEqualTo(r);

    assertThatThrownBy(() -> r.with(Map.of("augmentation.mixup", 0.3))).hasMessageContaining("turn one of them off");
    assertThatThrownBy(() -> r.with(Map.of("distillation.form", "kullback"))).hasMessageContaining("use hinton or paper");
    assertThatThrownBy(() -> r.with(Map.of("augmentation.reverbRt60", java.util.List.of(0.5))))
        .hasMessageContaining("augmentation.reverbRt60 must be two numbers");
  }

  @Test
  void mistakesAreNamedWithTheFile() throws IOException {
    Path unknown = dir.resolve("unknown.json");
    Files.writeString(unknown, "{\"epochz\": 3}");
    assertThatThrownBy(() -> TrainingRecipe.read(unknown)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(unknown.toString()).hasMessageContaining("epochz");

    Path badBranch = dir.resolve("branch.json");
    Files.writeString(badBranch, "{\"branches\": [\"logmel\"]}");
    assertThatThrownBy(() -> TrainingRecipe.read(badBranch)).hasMessageContaining("representation:architecture");

    Path badStudent = dir.resolve("student.json");
    Files.writeString(badStudent, "{\"student\": \"cqt:vgg\"}");
    assertThatThrownBy(() -> TrainingRecipe.read(badStudent)).hasMessageContaining("not one of the branches");

    Path notJson = dir.resolve("x.json");
    Files.writeString(notJson, "method: mrkd");
    assertThatThrownBy(() -> TrainingRecipe.read(notJson)).hasMessageContaining("cannot read the recipe");

    assertThatThrownBy(() -> TrainingRecipe.defaults().with(Map.of("schedule.batchSize", 0)))
        .hasMessageContaining("batch size must be at least 1");
  }
}
