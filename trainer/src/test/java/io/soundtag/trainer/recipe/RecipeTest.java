package io.soundtag.trainer.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecipeTest {

  @Test
  void everyRecipeIsFoundByItsCliNameAndSaysWhatItsStudentIs() {
    for (Recipe r : Recipe.values()) {
      assertThat(Recipe.named(r.cliName())).contains(r);
      assertThat(Recipe.named(" " + r.cliName().toUpperCase() + " ")).contains(r);
      assertThat(r.servedStudent()).endsWith("(" + r.cliName() + ")");
    }
    assertThat(Recipe.SUPERVISED.servedStudent()).contains("trained alone");
    assertThat(Recipe.CED.servedStudent()).contains("distilled");
  }

  @Test
  void anUnknownNameIsEmptyWhenLookedUpAndAnErrorWhenParsed() {
    assertThat(Recipe.named("future")).isEmpty();
    assertThatThrownBy(() -> Recipe.fromCliName("future"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("use supervised, mrkd, ced or fusion");
  }
}
