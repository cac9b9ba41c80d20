package io.soundtag.dashboard.candidate;

import io.soundtag.dashboard.live.Score;
import java.util.List;

/**
 * A window where the served model and the candidate name different top labels: worth a person's
 * look, as the review decides which of the two was right.
 *
 * @param sensorId the sensor
 * @param startMicros the window's start (capture time)
 * @param endMicros the window's end
 * @param servedModel the model that scored it on the tags topic
 * @param servedScores that model's best scores for the window, best first (from its TagEvent)
 * @param servedTags the labels it tagged (at or above its thresholds)
 * @param candidateModel the candidate release, {@code deployment:release}
 * @param candidateDecision the candidate's release decision, e.g. {@code REFUSED}
 * @param candidateScores the candidate's best scores for the same audio, best first
 * @param candidateTags the labels at or above the candidate's thresholds
 */
public record Disagreement(String sensorId, long startMicros, long endMicros, String servedModel, List<Score> servedScores,
    List<String> servedTags, String candidateModel, String candidateDecision, List<Score> candidateScores,
    List<String> candidateTags) {

  /** The served model's top label. */
  public String servedTop() {
    return servedScores.get(0).label();
  }

  /** The candidate's top label. */
  public String candidateTop() {
    return candidateScores.get(0).label();
  }
}
