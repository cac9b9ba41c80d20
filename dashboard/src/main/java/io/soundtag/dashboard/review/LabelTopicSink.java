package io.soundtag.dashboard.review;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;

/**
 * Reviews into the labels topic, one {@link LabelledClip} each, through the trainer's
 * {@link LabelWriter}: the span's audio at the sensor's rate, the reviewer as annotator, and the
 * origin (sensor, span, model id, and the labels the model gave, from which {@link ReviewHistory}
 * counts the review again after a restart). A false positive becomes a negative clip ("none of these"); the
 * split is left to the trainer's hash split.
 */
public final class LabelTopicSink implements ReviewSink, AutoCloseable {

  private final LabelWriter writer;

  public LabelTopicSink(LabelWriter writer) {
    this.writer = writer;
  }

  @Override
  public String write(Review review, MonoAudio audio) {
    LabelledClip clip = clip(review, audio, System.currentTimeMillis());
    writer.write(clip);
    return clip.getClipId();
  }

  /** The clip a review becomes. */
  static LabelledClip clip(Review review, MonoAudio audio, long nowMillis) {
    ClipLabels labels = review.negative()
        ? ClipLabels.negative(review.reviewer(), SplitHint.ANY)
        : ClipLabels.of(review.labels(), review.reviewer(), SplitHint.ANY);
    return LabelledClips.build(audio, labels,
        ClipOrigin.sensor(review.sensorId(), review.fromMicros(), review.toMicros(), review.modelVersion()),
        review.predicted(), nowMillis);
  }

  @Override
  public void close() {
    writer.close();
  }
}
