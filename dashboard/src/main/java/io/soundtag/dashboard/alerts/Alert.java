package io.soundtag.dashboard.alerts;

/**
 * One alert, as every sink sends it (JSON).
 *
 * @param tier how urgent
 * @param sensorId the sensor that heard it
 * @param label what it heard
 * @param onsetMicros when the sound started, µs since the epoch
 * @param offsetMicros when it ended, or null when the alert went out while it went on
 * @param peakScore its highest window score so far
 * @param modelVersion the model that detected it
 * @param audioUrl where the dashboard plays it, or null without a dashboard
 * @param firedAtMillis when the alert was raised
 */
public record Alert(Tier tier, String sensorId, String label, long onsetMicros, Long offsetMicros, double peakScore,
    String modelVersion, String audioUrl, long firedAtMillis) {}
