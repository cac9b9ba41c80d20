package io.soundtag.trainer.labels;

/**
 * Where a clip's audio came from: what a sensor heard (its id, the capture span and, for a review
 * of a detection, the model that made it), or a file, possibly of a dataset. Unknown parts are null.
 *
 * @param sensorId the sensor, when read back from {@code audio.chunks}
 * @param startMicros capture time of the first sample, µs since the epoch
 * @param endMicros capture time just after the last sample, µs since the epoch
 * @param modelId the model ({@code name:version}) whose tags led to the clip
 * @param dataset the dataset it was imported from, e.g. {@code esc50}
 * @param file the file it was read from (relative to the dataset root when imported)
 */
public record ClipOrigin(String sensorId, Long startMicros, Long endMicros, String modelId, String dataset, String file) {

  public ClipOrigin {
    if (startMicros != null && endMicros != null && endMicros < startMicros) {
      throw new IllegalArgumentException("the origin ends (" + endMicros + " µs) before it starts (" + startMicros + " µs)");
    }
  }

  /** Audio that sensor {@code sensorId} captured over [start, end), tagged by {@code modelId} (may be null). */
  public static ClipOrigin sensor(String sensorId, long startMicros, long endMicros, String modelId) {
    return new ClipOrigin(sensorId, startMicros, endMicros, modelId, null, null);
  }

  /** A file of dataset {@code dataset}. */
  public static ClipOrigin dataset(String dataset, String file) {
    return new ClipOrigin(null, null, null, null, dataset, file);
  }

  /** A file of no dataset. */
  public static ClipOrigin file(String file) {
    return new ClipOrigin(null, null, null, null, null, file);
  }
}
