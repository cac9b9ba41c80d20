package io.soundtag.trainer.labels;

import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import java.util.List;

/**
 * A clip without its audio: what counts, hashes and listings need.
 *
 * @param clipId the clip's id (see {@link ClipId})
 * @param labels class names present; empty when negative
 * @param negative none of the known classes is present
 * @param split where the clip may be used
 * @param annotator who labelled it
 * @param origin where the audio came from, for counts: {@code dataset NAME}, {@code sensor ID} or {@code file}
 * @param sampleRate the stored rate, Hz
 * @param samples the stored sample count
 * @param createdAtMillis when the label was written (0 when unknown)
 */
public record ClipSummary(String clipId, List<String> labels, boolean negative, SplitHint split, String annotator,
    String origin, int sampleRate, int samples, long createdAtMillis) {

  public ClipSummary {
    labels = List.copyOf(labels);
  }

  /** The summary of a clip. */
  public static ClipSummary of(LabelledClip clip) {
    String origin = clip.getOriginDataset() != null ? "dataset " + clip.getOriginDataset()
        : clip.getOriginSensorId() != null ? "sensor " + clip.getOriginSensorId() : "file";
    return new ClipSummary(clip.getClipId(), clip.getLabels(), clip.getNegative(), clip.getSplitHint(),
        clip.getAnnotator(), origin, clip.getSampleRate(), clip.getPcm16le().remaining() / 2, clip.getCreatedAtMillis());
  }

  /** Seconds of audio. */
  public double seconds() {
    return samples / (double) sampleRate;
  }
}
