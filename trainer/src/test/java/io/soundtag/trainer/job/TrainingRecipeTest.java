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
