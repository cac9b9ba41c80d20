package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The recipe's coarse weight: absent at 0, refused where no coarse head can train. */
class CoarseWeightTest {

  @Test
  void aZeroWeightLeavesTheRecipeAndItsHashAsBefore() {
    TrainingRecipe defaults = TrainingRecipe.defaults();
    assertThat(defaults.coarseWeight()).isZero();
    assertThat(defaults.toJson()).doesNotContain("coarseWeight");
    assertThat(defaults.with(Map.of("coarseWeight", 0)).hash()).isEqualTo(defaults.hash());
    assertThat(TrainingRecipe.parse("{\"coarseWeight\": 0}").hash()).isEqualTo(defaults.hash());
  }

  @Test
  void aPositiveWeightIsPartOfTheRecipe() {
    TrainingRecipe coarse = TrainingRecipe.parse("{\"coarseWeight\": 0.5}");
    assertThat(coarse.coarseWeight()).isEqualTo(0.5);
    assertThat(coarse.hash()).isNotEqualTo(TrainingRecipe.defaults().hash());
    assertThat(TrainingRecipe.parse(coarse.toJson())).isEqualTo(coarse);
  }

  @Test
  void aNegativeWeightOrOneWithCedOrFusionIsRefused() {
    assertThatThrownBy(() -> TrainingRecipe.parse("{\"coarseWeight\": -1}")).hasMessageContaining("coarseWeight must be >= 0");
    assertThatThrownBy(() -> TrainingRecipe.parse("{\"method\": \"ced\", \"coarseWeight\": 0.5}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("supervised and mrkd methods only");
    assertThatThrownBy(() -> TrainingRecipe.parse("{\"method\": \"fusion\", \"coarseWeight\": 0.5}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fusion has its own training step");
  }

  @Test
  void aPositiveWeightWithoutATaxonomyIsRefusedBeforeTraining() {
    TrainingRecipe coarse = TrainingRecipe.defaults().with(Map.of("coarseWeight", 0.5));
    assertThatThrownBy(() -> TrainingJob.builder().setData(TrainingData.simulated(2, 1.0)).optRecipe(coarse).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a coarse taxonomy");
    assertThat(TrainingJob.builder().setData(TrainingData.simulated(2, 1.0)).optRecipe(TrainingRecipe.defaults()).build())
        .isNotNull();
  }
}
