package io.soundtag.dashboard.alerts;

/** How urgent an alert is. */
public enum Tier {
  /** Act now (a gunshot, glass breaking): sent at any hour. */
  ALERT,
  /** Worth a look: sent, except in the sensor's quiet hours. */
  POSSIBLE,
  /** Keep for the record: never sent, only logged. */
  RECORD
}
