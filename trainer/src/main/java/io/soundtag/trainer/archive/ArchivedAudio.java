package io.soundtag.trainer.archive;

import io.soundtag.core.audio.MonoAudio;
import java.util.List;

/**
 * A sensor's audio over a span, as read back from {@code audio.chunks}.
 *
 * @param sensorId the sensor
 * @param fromMicros start of the span, µs since the epoch (sample 0 of {@code audio})
 * @param toMicros end of the span (exclusive), µs since the epoch
 * @param audio mono samples at the sensor's rate, silence where it sent nothing
 * @param gaps the parts of the span the sensor sent nothing for, in order
 * @param chunks chunks that contributed samples
 * @param rejected chunks of the sensor in the span that could not be decoded (also gaps)
 */
public record ArchivedAudio(String sensorId, long fromMicros, long toMicros, MonoAudio audio, List<Gap> gaps, int chunks,
    int rejected) {

  public ArchivedAudio {
    gaps = List.copyOf(gaps);
  }

  /** Seconds of the span covered by audio the sensor sent. */
  public double coveredSeconds() {
    return (toMicros - fromMicros) / 1e6 - gaps.stream().mapToDouble(Gap::seconds).sum();
  }
}
