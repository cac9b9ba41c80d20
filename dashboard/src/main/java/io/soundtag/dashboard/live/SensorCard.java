package io.soundtag.dashboard.live;

import java.util.List;

/**
 * A sensor's tile on the grid: what it hears now, how loud, and whether it is alive.
 *
 * @param sensorId the sensor
 * @param latest its newest window, or null before the first one
 * @param laeqHistory LAeq of its recent windows, oldest first (null where a window had none)
 * @param lastChunkAgeMillis now minus the capture end of its newest chunk, or null if no chunk was seen
 * @param chunks chunks seen since the dashboard started
 * @param gaps chunks missing from its sequence numbers since the dashboard started
 * @param deadLetters its chunks that went to the dead-letter topic
 * @param windows windows seen
 */
public record SensorCard(String sensorId, WindowView latest, List<Double> laeqHistory, Long lastChunkAgeMillis,
    long chunks, long gaps, long deadLetters, long windows) {

  public SensorCard {
    laeqHistory = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(laeqHistory));
  }
}
