package io.soundtag.dashboard.audio;

import io.soundtag.core.audio.MonoAudio;
import java.io.IOException;

/** A sensor's recorded audio, read back by capture time. */
public interface SensorAudio {

  /**
   * The mono audio the sensor captured in {@code [fromMicros, toMicros)}, at its own rate, with
   * silence where chunks are missing.
   *
   * @return the audio and the capture time of its first sample
   * @throws IOException when nothing of that span is kept (retention) or it cannot be read
   */
  Clip read(String sensorId, long fromMicros, long toMicros) throws IOException;

  /**
   * Audio read back.
   *
   * @param audio the samples
   * @param startMicros capture time of the first sample
   */
  record Clip(MonoAudio audio, long startMicros) {}
}
