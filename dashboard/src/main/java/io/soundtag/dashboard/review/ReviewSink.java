package io.soundtag.dashboard.review;

import io.soundtag.core.audio.MonoAudio;

/**
 * Where reviews go to join the labelled set.
 *
 * <p>Implementations write one labelled clip per review, durably, before returning; they may be
 * called from several threads at once.
 */
public interface ReviewSink {

  /**
   * Writes the review with the span's audio.
   *
   * @return the id of the labelled clip written
   * @throws java.io.IOException when it could not be written; nothing was then recorded
   */
  String write(Review review, MonoAudio audio) throws java.io.IOException;
}
