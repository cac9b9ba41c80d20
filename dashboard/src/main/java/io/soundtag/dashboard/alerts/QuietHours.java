package io.soundtag.dashboard.alerts;

import java.time.LocalTime;

/**
 * A daily span in which a sensor's {@link Tier#POSSIBLE} alerts are only recorded, not sent.
 *
 * @param sensorId the sensor, or {@code *} for every sensor
 * @param from start, local time of the alert configuration's zone
 * @param to end (exclusive); before {@code from} means the span goes over midnight
 */
public record QuietHours(String sensorId, LocalTime from, LocalTime to) {

  public QuietHours {
    if (sensorId == null || sensorId.isBlank() || from == null || to == null) {
      throw new IllegalArgumentException("quiet hours need a sensor (or *), a from and a to time, e.g. 22:00 and 07:00");
    }
  }

  /** Whether {@code time} is inside the span. */
  public boolean contains(LocalTime time) {
    return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
  }
}
