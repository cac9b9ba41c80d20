package io.soundtag.dashboard.review;

import static io.soundtag.dashboard.review.ReviewTest.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelledClips;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What each labels-topic record does to the tally (the consumer is never started: no broker is needed). */
class ReviewHistoryTest {

  final MonoAudio audio = new MonoAudio(new float[] {0.1f, -0.2f, 0.3f, 0f}, 16_000);
  final MonoAudio other = new MonoAudio(new float[] {0.2f, -0.2f, 0.3f, 0f}, 16_000);
  final ReviewTally tally = new ReviewTally();
  final ReviewHistory history = new ReviewHistory(KafkaConnection.to("127.0.0.1:1"), tally);

  @AfterEach
  void close() {
    history.run(); // closes the consumer: after close() the loop does not poll
  }

  @Test
  void reviewsReadBackCountAsTheDashboardCountedThem() {
    history.close();
    Review fp = review(ReviewKind.FALSE_POSITIVE, List.of("gun_shot"), List.of("gun_shot"));
    LabelledClip a = LabelTopicSink.clip(fp, audio, 1);
    Review corr = review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn"));
    LabelledClip b = LabelTopicSink.clip(corr, other, 1);
    ReviewTally direct = new ReviewTally();
    direct.put(a.getClipId(), fp);
    direct.put(b.getClipId(), corr);

    history.apply(a.getClipId(), Contracts.LABELLED_CLIP.encode(a));
    history.apply(b.getClipId(), Contracts.LABELLED_CLIP.encode(b));

    assertThat(tally.scores()).isEqualTo(direct.scores());
    assertThat(tally.reviews()).isEqualTo(2);
  }

  @Test
  void aReReviewReplacesATombstoneDeletesAndAClipThatIsNoReviewRemoves() {
    history.close();
    LabelledClip first = LabelTopicSink.clip(review(ReviewKind.CONFIRM, List.of("siren"), List.of()), audio, 1);
    LabelledClip again = LabelTopicSink.clip(review(ReviewKind.CORRECT, List.of("siren"), List.of("dog_bark")), audio, 2);
    LabelledClip b = LabelTopicSink.clip(review(ReviewKind.CONFIRM, List.of("siren"), List.of()), other, 1);
    history.apply(first.getClipId(), Contracts.LABELLED_CLIP.encode(first));
    history.apply(b.getClipId(), Contracts.LABELLED_CLIP.encode(b));
    history.apply(again.getClipId(), Contracts.LABELLED_CLIP.encode(again));
    assertThat(tally.reviews()).isEqualTo(2);
    assertThat(tally.scores()).filteredOn(c -> c.label().equals("siren"))
        .singleElement().satisfies(c -> {
          assertThat(c.truePositives()).isEqualTo(1);
          assertThat(c.falsePositives()).isEqualTo(1);
        });

    history.apply(b.getClipId(), null);
    assertThat(tally.reviews()).isEqualTo(1);

    LabelledClip imported = LabelledClips.build(audio, ClipLabels.of(List.of("dog_bark"), "importer", SplitHint.ANY),
        ClipOrigin.file("a.wav"), 3);
    history.apply(imported.getClipId(), Contracts.LABELLED_CLIP.encode(imported));
    assertThat(tally.reviews()).isZero();
    assertThat(tally.scores()).isEmpty();
  }

  @Test
  void aRecordThatCannotBeUsedRemovesItsKeysReviewAndIsSkipped() {
    history.close();
    LabelledClip a = LabelTopicSink.clip(review(ReviewKind.CONFIRM, List.of("siren"), List.of()), audio, 1);
    history.apply(a.getClipId(), Contracts.LABELLED_CLIP.encode(a));
    history.apply(a.getClipId(), new byte[] {(byte) 0xC3, 0x01, 9, 9});
    assertThat(tally.reviews()).isZero();
    history.apply("not-its-id", Contracts.LABELLED_CLIP.encode(a));
    history.apply(null, Contracts.LABELLED_CLIP.encode(a));
    assertThat(tally.reviews()).isZero();
  }
}
