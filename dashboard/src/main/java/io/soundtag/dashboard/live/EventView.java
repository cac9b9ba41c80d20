package io.soundtag.dashboard.live;

/**
 * A sound event on the timeline.
 *
 * @param seq the board's change counter when this event last changed (newer is larger)
 * @param sensorId the sensor that heard it
 * @param label what it was
 * @param onsetMicros when it started
 * @param offsetMicros when it ended, or null while it goes on
 * @param peakScore its highest window score
 * @param modelVersion the model that detected it
 */
public record EventView(long seq, String sensorId, String label, long onsetMicros, Long offsetMicros, double peakScore,
    String modelVersion) {}
