package io.soundtag.dashboard.alerts;

import java.time.Duration;

/**
 * What to do with the sound events of one class.
 *
 * <p>With {@code k} and {@code n} above 1 a single sound is not enough: an alert goes out only
 * when at least {@code k} of the sensor's last {@code n} sounds of this class (distinct sound
 * events, counted by onset, each passing when its peak reaches {@code minPeak}) passed, all with
 * onsets no more than {@code within} before the newest. The sound that makes the {@code k}-th
 * raises the alert. A lone false detection then stays quiet, repeated ones do not.
 *
 * @param label the class, or {@code *} for any class no other rule names
 * @param tier how urgent its alerts are
 * @param minPeak the lowest peak score that makes a sound pass, in [0, 1]
 * @param k sounds that must pass, at least 1
 * @param n the last sounds looked at, at least {@code k}
 * @param within how far back from the newest sound the other {@code n - 1} may lie
 */
public record AlertRule(String label, Tier tier, double minPeak, int k, int n, Duration within) {

  /** Largest {@code n}: sounds remembered per sensor and class. */
  public static final int MAX_N = 100;
  /** The span of {@code k} of {@code n} when the configuration gives none. */
  public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(5);

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
    if (k < 1 || n < k || n > MAX_N) {
      throw new IllegalArgumentException("alert rule for " + label + ": need 1 <= k <= n <= " + MAX_N + ", got k " + k
          + " and n " + n);
    }
    if (within == null || within.isNegative() || within.isZero()) {
      throw new IllegalArgumentException("alert rule for " + label + ": withinSeconds must be positive");
    }
  }

  /** A rule where every sound that passes {@code minPeak} raises an alert (1 of 1). */
  public AlertRule(String label, Tier tier, double minPeak) {
    this(label, tier, minPeak, 1, 1, DEFAULT_WITHIN);
  }
}
