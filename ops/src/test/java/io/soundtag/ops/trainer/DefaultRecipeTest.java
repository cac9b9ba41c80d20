package io.soundtag.ops.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.training.BranchSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DefaultRecipeTest {

  @Test
  void theDefaultRecipesStudentIsTheShippedModelsNetworkSoASidecarWarmStartsFromIt() {
    BundleManifest shipped = DefaultModel.load(null).manifest();
    TrainingRecipe recipe = TrainingRecipe.defaults();
    BranchSpec student = recipe.branchSpecs().stream().filter(b -> b.name().equals(recipe.studentName())).findFirst().orElseThrow();
    BranchManifest served = shipped.student();

    assertThat(student.name()).isEqualTo(served.name());
    assertThat(student.features()).isEqualTo(served.features());
    assertThat(student.network()).isEqualTo(served.network());
    assertThat(recipe.audio().sampleRate()).isEqualTo(shipped.sampleRate());
    assertThat(recipe.audio().sampleRate() * recipe.audio().windowMs() / 1000).isEqualTo(shipped.windowSamples());
    assertThat(recipe.audio().sampleRate() * recipe.audio().hopMs() / 1000).isEqualTo(shipped.hopSamples());
  }

  @Test
  void everyTakesShortDurationsIsoDurationsOrOff() {
    assertThat(TrainerRunCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(TrainerRunCommand.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TrainerRunCommand.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(TrainerRunCommand.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
    assertThat(TrainerRunCommand.parseDuration("off")).isNull();
    assertThatThrownBy(() -> TrainerRunCommand.parseDuration("soon")).hasMessageContaining("--every soon: give a duration");
  }
}
