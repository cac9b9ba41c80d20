package io.soundtag.dashboard.review;

import static io.soundtag.dashboard.review.ReviewTest.review;
import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.schemas.LabelledClip;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTopicSinkTest {

  final MonoAudio audio = new MonoAudio(new float[] {0.1f, -0.2f, 0.3f, 0f}, 16_000);

  @Test
  void aCorrectionIsAClipWithThePickedLabelsTheReviewerAndTheOrigin() {
    LabelledClip c = LabelTopicSink.clip(review(ReviewKind.CORRECT, List.of("siren"), List.of("car_horn")), audio, 7);
    assertThat(c.getLabels()).containsExactly("car_horn");
    assertThat(c.getNegative()).isFalse();
    assertThat(c.getAnnotator()).isEqualTo("ana");
    assertThat(c.getOriginSensorId()).isEqualTo("s1");
    assertThat(c.getOriginStartMicros()).isEqualTo(0L);
    assertThat(c.getOriginEndMicros()).isEqualTo(1_000_000L);
    assertThat(c.getOriginModelId()).isEqualTo("urban:1");
    assertThat(c.getSampleRate()).isEqualTo(16_000);
    assertThat(c.getPcm16le().remaining()).isEqualTo(8);
    assertThat(c.getCreatedAtMillis()).isEqualTo(7);
    assertThat(c.getOriginPredicted()).containsExactly("siren");
  }

  @Test
  void aFalsePositiveIsANegativeClip() {
    LabelledClip c = LabelTopicSink.clip(review(ReviewKind.FALSE_POSITIVE, List.of("gun_shot"), List.of("gun_shot")), audio, 7);
    assertThat(c.getNegative()).isTrue();
    assertThat(c.getLabels()).isEmpty();
    assertThat(c.getOriginPredicted()).containsExactly("gun_shot");
  }
}
