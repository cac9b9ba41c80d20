package io.soundtag.dashboard.alerts;

import java.time.Duration;

/**
 * Home Assistant MQTT discovery for the alerts sent over MQTT: per sensor and class a
 * {@code binary_sensor} (on when an alert comes, off again {@code offDelay} later) and a
 * {@code sensor} (the last alert's peak score, with the alert as its attributes), announced by
 * retained config messages under {@code discoveryPrefix}, and the sink's availability.
 *
 * @param discoveryPrefix Home Assistant's discovery prefix, normally {@code homeassistant}
 * @param offDelay how long a binary sensor stays on after an alert
 */
public record HomeAssistant(String discoveryPrefix, Duration offDelay) {

  /** Home Assistant's default discovery prefix. */
  public static final String DEFAULT_PREFIX = "homeassistant";
  /** How long a binary sensor stays on by default. */
  public static final Duration DEFAULT_OFF_DELAY = Duration.ofSeconds(30);

  public HomeAssistant {
    if (discoveryPrefix == null || discoveryPrefix.isBlank() || discoveryPrefix.contains("#") || discoveryPrefix.contains("+")) {
      throw new IllegalArgumentException("the Home Assistant discovery prefix must be a plain topic, e.g. homeassistant");
    }
    if (offDelay == null || offDelay.toSeconds() < 1) {
      throw new IllegalArgumentException("the Home Assistant offDelaySeconds must be at least 1");
    }
  }

  /** Discovery under {@code homeassistant}, binary sensors on for 30 s. */
  public static HomeAssistant defaults() {
    return new HomeAssistant(DEFAULT_PREFIX, DEFAULT_OFF_DELAY);
  }
}
