package io.soundtag.trainer.archive;

/**
 * A stretch of a requested span for which the sensor sent no audio; it reads as silence.
 *
 * @param startMicros first missing capture time, µs since the epoch
 * @param endMicros capture time after the last missing one, µs since the epoch
 */
public record Gap(long startMicros, long endMicros) {

  /** Length in seconds. */
  public double seconds() {
    return (endMicros - startMicros) / 1e6;
  }
}
