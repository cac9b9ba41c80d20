package io.soundtag.tagger.events;

import io.soundtag.core.acoustics.SpanLevels;
import io.soundtag.schemas.BandLevel;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.tagger.levels.Calibration;
import io.soundtag.tagger.levels.LevelPolicy;
import io.soundtag.tagger.levels.MeasuredWindow;
import io.soundtag.tagger.levels.SensorLevels.MeasuredSpan;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.reassembly.SensorWindow;
import io.soundtag.tagger.scoring.ScoredWindow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Turns each sensor's scored windows into sounds with an onset and an offset, by hysteresis (see
 * {@link EventPolicy}), so an operator sees one "siren 12:00:03.5–12:00:09.0" instead of a row per
 * overlapping window. Writes a SoundEvent when a sound starts (offset null) and one when it ends.
 *
 * <p>The onset is the start of the earliest above-threshold window among the k-of-n that started
 * the sound; the offset is the end of the last window still at or above the lower threshold; the
 * peak is the highest score from onset to offset. A gap in the windows (a restarted stream) ends
 * every sound in progress at its last window.
 *
 * <p>Each event carries the acoustics of its span, from the levels the level processor measured
 * of each window's new audio ({@link MeasuredWindow}): LAeq, LAFmax, LCpeak, LAE and the band
 * levels from the onset to the offset, or, on the event that starts a sound, to the end of the
 * window that started it; with the sensor's calibration from {@code audio.sensors} (dB, or dBFS
 * without one) and whether it is older than the level policy's maximum age.
 */
public final class SoundEventDetector implements Processor<String, MeasuredWindow, String, SoundEvent> {

  /** The state store of per-sensor detection state. */
  public static final String STORE = "sound-events";

  private final EventPolicy policy;
  private final LevelPolicy levels;
  private final TaggerMetrics metrics;
  private ProcessorContext<String, SoundEvent> context;
  private KeyValueStore<String, byte[]> store;
  private ReadOnlyKeyValueStore<String, byte[]> sensors;

  public SoundEventDetector(EventPolicy policy, LevelPolicy levels, TaggerMetrics metrics) {
    this.policy = policy;
    this.levels = levels;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, SoundEvent> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.sensors = context.getStateStore(Calibration.STORE);
  }

  @Override
  public void process(Record<String, MeasuredWindow> record) {
    ScoredWindow scored = record.value().scored();
    List<MeasuredSpan> audio = record.value().audio();
    SensorWindow w = scored.window();
    byte[] bytes = store.get(w.sensorId());
    SensorSounds s = bytes == null ? null : SensorSounds.fromBytes(bytes, policy.n());
    if (s == null) {
      s = new SensorSounds(policy.n());
    }
    if (w.startMicros() <= s.lastStartMicros) {
      return;
    }
    if (s.lastEndMicros != Long.MIN_VALUE && w.startMicros() > s.lastEndMicros) {
      endAll(w.sensorId(), s);
    }
    System.arraycopy(s.starts, 0, s.starts, 1, s.starts.length - 1);
    s.starts[0] = w.startMicros();
    s.recent.addAll(audio);
    Set<String> labels = new LinkedHashSet<>(s.tracks.keySet());
    labels.addAll(scored.classes());
    for (String label : labels) {
      update(w, scored, audio, label, s.tracks.computeIfAbsent(label, l -> new SensorSounds.Track(policy.n())), s);
    }
    // Keep the audio a sound starting with a later window may reach back to: from the oldest window looked back over.
    long oldest = s.starts[s.starts.length - 1];
    s.recent.removeIf(m -> m.endMicros() <= oldest);
    // Forget labels with nothing going on that the model no longer has.
    s.tracks.entrySet().removeIf(e -> !e.getValue().active && e.getValue().aboveBits == 0 && !scored.classes().contains(e.getKey()));
    s.lastStartMicros = w.startMicros();
    s.lastEndMicros = w.endMicros();
    store.put(w.sensorId(), s.toBytes());
  }

  private void update(SensorWindow w, ScoredWindow scored, List<MeasuredSpan> audio, String label, SensorSounds.Track t,
      SensorSounds s) {
    int c = scored.classes().indexOf(label);
    float score = (float) scored.score(label);
    double threshold = c < 0 ? Double.POSITIVE_INFINITY : scored.thresholds().get(c);
    long mask = (1L << policy.n()) - 1;
    t.aboveBits = ((t.aboveBits << 1) | (score >= threshold ? 1 : 0)) & mask;
    System.arraycopy(t.recent, 0, t.recent, 1, t.recent.length - 1);
    t.recent[0] = score;
    if (!t.active) {
      if (Long.bitCount(t.aboveBits) >= policy.k()) {
        int oldest = 63 - Long.numberOfLeadingZeros(t.aboveBits);
        t.active = true;
        t.onsetMicros = s.starts[oldest];
        t.peak = 0;
        for (int i = 0; i <= oldest; i++) {
          t.peak = Math.max(t.peak, t.recent[i]);
        }
        t.lastEndMicros = w.endMicros();
        t.modelVersion = scored.modelVersion();
        t.levels = since(s.recent, t.onsetMicros);
        metrics.soundEvents.labelValues(label).inc();
        emit(w.sensorId(), label, t, null);
      }
    } else if (score >= threshold * policy.releaseFraction()) {
      t.peak = Math.max(t.peak, score);
      t.lastEndMicros = w.endMicros();
      if (t.levels != null) {
        for (MeasuredSpan m : audio) {
          t.levels = t.levels.then(m.levels());
        }
      }
    } else {
      end(w.sensorId(), label, t);
    }
  }

  private void endAll(String sensor, SensorSounds s) {
    for (Iterator<Map.Entry<String, SensorSounds.Track>> it = s.tracks.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, SensorSounds.Track> e = it.next();
      if (e.getValue().active) {
        end(sensor, e.getKey(), e.getValue());
      }
      it.remove();
    }
  }

  private void end(String sensor, String label, SensorSounds.Track t) {
    emit(sensor, label, t, t.lastEndMicros);
    t.active = false;
    t.levels = null;
    // The next sound of this label needs k fresh windows above threshold.
    t.aboveBits = 0;
  }

  /** The levels of the recent audio from {@code onsetMicros} on; null when none was measured. */
  private static SpanLevels since(List<MeasuredSpan> recent, long onsetMicros) {
    SpanLevels out = null;
    for (MeasuredSpan m : recent) {
      if (m.startMicros() >= onsetMicros) {
        out = out == null ? m.levels() : out.then(m.levels());
      }
    }
    return out;
  }

  private void emit(String sensor, String label, SensorSounds.Track t, Long offsetMicros) {
    SoundEvent.Builder event = SoundEvent.newBuilder()
        .setSensorId(sensor)
        .setLabel(label)
        .setOnsetMicros(t.onsetMicros)
        .setOffsetMicros(offsetMicros)
        .setPeakScore(t.peak)
        .setModelVersion(t.modelVersion);
    if (t.levels != null && t.levels.samples() > 0) {
      Calibration c = Calibration.of(sensors, sensor);
      List<BandLevel> bands = new ArrayList<>();
      t.levels.thirdOctave().forEach((band, level) -> bands.add(new BandLevel(band, c.apply(level))));
      event.setUnit(c.unit())
          .setCalibrationDb(c.db())
          .setCalibrationStale(c.staleAt(t.lastEndMicros, levels.maxCalibrationAge()))
          .setLaeqDb(c.apply(t.levels.laeq()))
          .setLafmaxDb(c.apply(t.levels.lafmax()))
          .setLcpeakDb(c.apply(t.levels.lcpeak()))
          .setLaeDb(c.apply(t.levels.lae()))
          .setThirdOctave(bands);
    }
    long timestamp = (offsetMicros == null ? t.onsetMicros : offsetMicros) / 1000;
    context.forward(new Record<>(sensor, event.build(), timestamp));
  }
}
