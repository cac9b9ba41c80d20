package io.soundtag.tagger.levels;

import java.time.Duration;

/**
 * How the tagger reports noise levels.
 *
 * @param intervalSeconds the report interval, aligned to multiples of it since the epoch (60 s: every minute on the minute)
 * @param maxCalibrationAge a calibration older than this at the end of an interval is flagged stale
 */
public record LevelPolicy(double intervalSeconds, Duration maxCalibrationAge) {

  public LevelPolicy {
    if (!(intervalSeconds >= 1 && intervalSeconds <= 3600) || Math.abs(intervalSeconds * 10 - Math.rint(intervalSeconds * 10)) > 1e-9) {
      throw new IllegalArgumentException("level interval must be 1 to 3600 s in steps of 0.1 s, got " + intervalSeconds);
    }
    if (maxCalibrationAge == null || maxCalibrationAge.isNegative() || maxCalibrationAge.isZero()) {
      throw new IllegalArgumentException("the maximum calibration age must be positive, e.g. P30D, got " + maxCalibrationAge);
    }
  }

  /** One-minute intervals; calibrations older than 30 days are flagged. */
  public static LevelPolicy defaults() {
    return new LevelPolicy(60, Duration.ofDays(30));
  }

  /** The interval in microseconds. */
  public long intervalMicros() {
    return Math.round(intervalSeconds * 1_000_000);
  }
}
