package io.soundtag.dashboard.review;

import io.soundtag.dashboard.live.Score;
import java.util.List;

/**
 * A window worth a person's look: a label scored just under the lowest score that label was ever
 * tagged with.
 *
 * @param sensorId the sensor
 * @param startMicros the window's start
 * @param endMicros the window's end
 * @param label the label just under its threshold
 * @param score its score in this window
 * @param lowestTagged the lowest score the label was tagged with (its threshold is at most this)
 * @param tags the window's tags
 * @param modelVersion the model that scored it
 */
public record QueueItem(String sensorId, long startMicros, long endMicros, String label, double score,
    double lowestTagged, List<Score> tags, String modelVersion) {}
