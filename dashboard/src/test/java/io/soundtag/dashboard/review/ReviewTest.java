package io.soundtag.dashboard.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewTest {

  static Review review(ReviewKind kind, List<String> predicted, List<String> labels) {
    return new Review(kind, "s1", 0, 1_000_000, predicted, labels, "urban:1", "ana");
  }

  @Test
  void aConfirmationTakesTheModelsLabels() {
    assertThat(review(ReviewKind.CONFIRM, List.of("siren"), List.of()).labels()).containsExactly("siren");
  }

  @Test
  void aFalsePositiveIsANegativeOfTheNamedLabels() {
    Review r = review(ReviewKind.FALSE_POSITIVE, List.of("gun_shot"), List.of("gun_shot"));
    assertThat(r.negative()).isTrue();
    assertThat(r.present()).isEmpty();
  }

  @Test
  void invalidReviewsSayWhatToFix() {
    assertThatThrownBy(() -> review(ReviewKind.CONFIRM, List.of(), List.of())).hasMessageContaining("use CORRECT");
    assertThatThrownBy(() -> review(ReviewKind.CORRECT, List.of("siren"), List.of())).hasMessageContaining("pick at least one");
    assertThatThrownBy(() -> review(ReviewKind.NEW_CLASS, List.of(), List.of("a", "b"))).hasMessageContaining("exactly one");
    assertThatThrownBy(() -> new Review(ReviewKind.CORRECT, "s1", 0, 60_000_000, List.of(), List.of("x"), "m", "r"))
        .hasMessageContaining("at most 30 s");
    assertThatThrownBy(() -> new Review(ReviewKind.CORRECT, "s1", 5, 5, List.of(), List.of("x"), "m", "r"))
        .hasMessageContaining("end after it starts");
    assertThatThrownBy(() -> new Review(ReviewKind.CORRECT, "s1", 0, 5, List.of(), List.of("x\n"), "m", "r"))
        .hasMessageContaining("printable");
  }
}
