package io.soundtag.tagger.levels;

/**
 * Samples just added to one sensor's reassembled stream, at the model's rate.
 *
 * @param sensorId the sensor
 * @param originMicros capture time of the stream's sample 0 (a restarted stream has a new one)
 * @param firstIndex index of {@code samples[0]} since the origin
 * @param sampleRate the samples' rate
 * @param samples mono samples, ±1 full scale
 */
public record SensorAudio(String sensorId, long originMicros, long firstIndex, int sampleRate, float[] samples) {

  /** Capture time of sample {@code index} of this stream, as the reassembly counts it. */
  public long micros(long index) {
    return originMicros + index * 1_000_000L / sampleRate;
  }
}
