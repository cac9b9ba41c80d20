package io.soundtag.dashboard.review;

import static io.soundtag.dashboard.review.ReviewTest.review;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewTallyTest {

  @Test
  void precisionAndRecallPerClassFromReviews() {
    ReviewTally tally = new ReviewTally();
    tally.put("c1", review(ReviewKind.CONFIRM, List.of("siren"), List.of()));              // siren tp
    tally.put("c2", review(ReviewKind.CONFIRM, List.of("siren"), List.of()));              // siren tp
    tally.put("c3", review(ReviewKind.FALSE_POSITIVE, List.of("siren"), List.of("siren"))); // siren fp
    tally.put("c4", review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn")));    // siren fp, car_horn fn
    tally.put("c5", review(ReviewKind.CORRECT, List.of("dog_bark"), List.of("dog_bark", "siren"))); // dog tp, siren fn
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

  @Test
  void aClipReviewedAgainReplacesItsEarlierReview() {
    ReviewTally tally = new ReviewTally();
    tally.put("c1", review(ReviewKind.CONFIRM, List.of("siren"), List.of()));
    tally.put("c2", review(ReviewKind.CONFIRM, List.of("siren"), List.of()));
    tally.put("c1", review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn")));
    assertThat(tally.reviews()).isEqualTo(2);
    ClassScore siren = score(tally, "siren");
    assertThat(siren.truePositives()).isEqualTo(1);
    assertThat(siren.falsePositives()).isEqualTo(1);
    assertThat(score(tally, "car_horn").falseNegatives()).isEqualTo(1);
  }

  @Test
  void aRemovedClipIsNoLongerCountedAndItsClassesGoWhenNothingElseTouchesThem() {
    ReviewTally tally = new ReviewTally();
    tally.put("c1", review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn")));
    tally.put("c2", review(ReviewKind.CONFIRM, List.of("siren"), List.of()));
    tally.remove("c1");
    tally.remove("never-seen");
    assertThat(tally.reviews()).isEqualTo(1);
    assertThat(tally.scores()).extracting(ClassScore::label).containsExactly("siren");
    assertThat(score(tally, "siren").falsePositives()).isZero();
    assertThat(score(tally, "siren").truePositives()).isEqualTo(1);
  }

  @Test
  void theSameReviewPutTwiceCountsOnce() {
    ReviewTally tally = new ReviewTally();
    Review r = review(ReviewKind.FALSE_POSITIVE, List.of("gun_shot"), List.of("gun_shot"));
    tally.put("c1", r);
    tally.put("c1", r.predicted(), r.present());
    assertThat(tally.reviews()).isEqualTo(1);
    assertThat(score(tally, "gun_shot").falsePositives()).isEqualTo(1);
  }

  private static ClassScore score(ReviewTally tally, String label) {
    return tally.scores().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
  }
}
