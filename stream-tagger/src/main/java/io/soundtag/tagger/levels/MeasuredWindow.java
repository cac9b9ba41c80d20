package io.soundtag.tagger.levels;

import io.soundtag.tagger.scoring.ScoredWindow;
import java.util.List;

/**
 * A scored window as the level processor passes it on to sound detection: with the levels of the
 * audio it adds to the sensor's earlier windows (from the previous window's end to its own).
 *
 * @param scored the window and its scores
 * @param audio the levels of its new audio, uncalibrated, oldest first (see {@link SensorLevels}); empty when none
 *     was measured
 */
public record MeasuredWindow(ScoredWindow scored, List<SensorLevels.MeasuredSpan> audio) {

  public MeasuredWindow {
    audio = List.copyOf(audio);
  }
}
