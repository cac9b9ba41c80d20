package io.soundtag.ops.label;

import io.soundtag.schemas.LabelledClip;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.LabelledClips;
import java.util.Locale;
import org.apache.kafka.clients.producer.RecordMetadata;

/** The line a command prints for a clip it wrote. */
final class ClipReport {

  private ClipReport() {}

  static String written(LabelledClip clip, RecordMetadata at) {
    String what = clip.getNegative() ? "negative (none of these)" : "labels " + String.join(", ", clip.getLabels());
    return String.format(Locale.ROOT, "clip %s: %.2f s at %d Hz, %s, split %s, by %s -> %s-%d offset %d",
        clip.getClipId(), LabelledClips.seconds(clip), clip.getSampleRate(), what,
        ClipLabels.splitName(clip.getSplitHint()), clip.getAnnotator(), at.topic(), at.partition(), at.offset());
  }
}
