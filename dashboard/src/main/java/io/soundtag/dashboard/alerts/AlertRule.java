package io.soundtag.dashboard.alerts;

/**
 * What to do with the sound events of one class.
 *
 * @param label the class, or {@code *} for any class no other rule names
 * @param tier how urgent its alerts are
 * @param minPeak the lowest peak score that raises an alert, in [0, 1]
 */
public record AlertRule(String label, Tier tier, double minPeak) {

  public AlertRule {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("an alert rule needs a label (or * for any other label)");
    }
    if (tier == null) {
      throw new IllegalArgumentException("alert rule for " + label + " needs a tier: alert, possible or record");
    }
    if (!(minPeak >= 0 && minPeak <= 1)) {
      throw new IllegalArgumentException("alert rule for " + label + ": minPeak must be in [0, 1], got " + minPeak);
    }
  }
}
