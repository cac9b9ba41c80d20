package io.soundtag.trainer.labels;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.serde.Contracts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A clip of a {@link LabelSnapshot}: its labels at hand, its audio in the cache directory. The
 * file stays until a later refresh of the cache replaces or deletes the clip.
 *
 * @param summary the clip's labels, split, annotator and origin
 * @param file the record as it was on the topic
 */
public record CachedClip(ClipSummary summary, Path file) {

  public String clipId() {
    return summary.clipId();
  }

  public List<String> labels() {
    return summary.labels();
  }

  public boolean negative() {
    return summary.negative();
  }

  public SplitHint split() {
    return summary.split();
  }

  /** The whole clip as it was written. */
  public LabelledClip clip() {
    try {
      if (Files.size(file) > LabelledClips.MAX_AUDIO_BYTES + (1 << 20)) {
        throw new IllegalStateException(file + " is larger than any clip; refresh the cache to rebuild it");
      }
      return Contracts.LABELLED_CLIP.decode(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cached clip " + summary.clipId() + " from " + file
          + " (was the cache refreshed or cleared since this snapshot?)", e);
    }
  }

  /** The clip's audio at {@code sampleRate} Hz. */
  public MonoAudio audio(int sampleRate) {
    return LabelledClips.audio(clip(), sampleRate);
  }
}
