package io.soundtag.dashboard.live;

import java.util.List;

/**
 * One tagged window of one sensor as the dashboard shows it.
 *
 * @param startMicros capture time of the window's first sample
 * @param endMicros capture time just after its last sample
 * @param tags labels at or above their threshold, best first
 * @param topK the best labels whatever their threshold
 * @param laeqDb the window's A-weighted level, or null when the tagger did not send one
 * @param laeqUnit {@code dB} for a calibrated sensor (sound pressure level), {@code dBFS} otherwise
 * @param modelVersion the model release that scored it
 */
public record WindowView(long startMicros, long endMicros, List<Score> tags, List<Score> topK, Double laeqDb,
    String laeqUnit, String modelVersion) {

  public WindowView {
    tags = List.copyOf(tags);
    topK = List.copyOf(topK);
  }
}
