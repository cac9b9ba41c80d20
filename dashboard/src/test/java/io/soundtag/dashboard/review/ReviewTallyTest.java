package io.soundtag.dashboard.review;

import static io.soundtag.dashboard.review.ReviewTest.review;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewTallyTest {

  @Test
  void precisionAndRecallPerClassFromReviews() {
    ReviewTally tally = new ReviewTally();
    tally.add(review(ReviewKind.CONFIRM, List.of("siren"), List.of()));              // siren tp
    tally.add(review(ReviewKind.CONFIRM, List.of("siren"), List.of()));              // siren tp
    tally.add(review(ReviewKind.FALSE_POSITIVE, List.of("siren"), List.of("siren"))); // siren fp
    tally.add(review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn")));    // siren fp, car_horn fn
    tally.add(review(ReviewKind.CORRECT, List.of("dog_bark"), List.of("dog_bark", "siren"))); // dog tp, siren fn
    assertThat(tally.reviews()).isEqualTo(5);
    ClassScore siren = tally.scores().stream().filter(c -> c.label().equals("siren")).findFirst().orElseThrow();
    assertThat(siren.truePositives()).isEqualTo(2);
    assertThat(siren.falsePositives()).isEqualTo(2);
    assertThat(siren.falseNegatives()).isEqualTo(1);
    assertThat(siren.precision()).isEqualTo(0.5);
    assertThat(siren.recall()).isEqualTo(2 / 3.0);
    ClassScore horn = tally.scores().stream().filter(c -> c.label().equals("car_horn")).findFirst().orElseThrow();
    assertThat(horn.precision()).isNull();
    assertThat(horn.recall()).isEqualTo(0.0);
  }
}
