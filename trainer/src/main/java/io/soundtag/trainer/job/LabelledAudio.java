package io.soundtag.trainer.job;

import io.soundtag.core.audio.MonoAudio;
import java.util.List;
import java.util.Objects;

/**
 * A labelled clip held in memory (for example one read from {@code audio.labels}), not a file.
 *
 * @param id the clip's identity (its content hash on the labels topic); hash splits use it
 * @param audio mono samples at their own rate; resampled to the model's rate when used
 * @param labels class names; empty for a negative ("none of these") clip, which trains as an all-zero
 *     target in multi-label tasks
 */
public record LabelledAudio(String id, MonoAudio audio, List<String> labels) {

  public LabelledAudio {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(audio, "audio");
    labels = List.copyOf(labels);
  }

  /** Whether this clip says "none of the classes". */
  public boolean negative() {
    return labels.isEmpty();
  }

  /** The target over {@code classes}: 1 for each label, 0 elsewhere. */
  public float[] target(List<String> classes) {
    float[] t = new float[classes.size()];
    for (String label : labels) {
      int k = classes.indexOf(label);
      if (k < 0) {
        throw new IllegalArgumentException("clip " + id + " has label '" + label + "' not in " + classes);
      }
      t[k] = 1f;
    }
    return t;
  }
}
