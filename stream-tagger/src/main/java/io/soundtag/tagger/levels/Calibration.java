package io.soundtag.tagger.levels;

import io.soundtag.schemas.SensorInfo;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.serde.RecordDecodingException;
import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A sensor's calibration as the tagger uses it: C in dB (null when uncalibrated, levels then in
 * dBFS) and when it was measured.
 *
 * @param db the calibration C: the dB SPL of a signal of mean square 1.0; null for none
 * @param atMicros when it was measured; null when unknown
 */
public record Calibration(Double db, Long atMicros) {

  /** The global store of SensorInfo bytes from {@code audio.sensors}, by sensor id. */
  public static final String STORE = "sensor-info";

  /** No calibration: levels in dBFS. */
  public static final Calibration NONE = new Calibration(null, null);

  /** "dB" when calibrated, "dBFS" when not. */
  public String unit() {
    return db == null ? "dBFS" : "dB";
  }

  /** The level {@code dbfs} with this calibration added. */
  public double apply(double dbfs) {
    return db == null ? dbfs : dbfs + db;
  }

  /** Whether the calibration is missing a date or older than {@code maxAge} at {@code nowMicros}; false when uncalibrated. */
  public boolean staleAt(long nowMicros, Duration maxAge) {
    if (db == null) {
      return false;
    }
    return atMicros == null || nowMicros - atMicros > maxAge.toNanos() / 1000;
  }

  /**
   * The sensor's calibration from the store; {@link #NONE} when it has none or its record cannot
   * be read (an unreadable record on the topic must not stop the stream).
   */
  public static Calibration of(ReadOnlyKeyValueStore<String, byte[]> store, String sensor) {
    byte[] bytes = store.get(sensor);
    if (bytes == null) {
      return NONE;
    }
    try {
      SensorInfo info = Contracts.SENSOR_INFO.decode(bytes);
      Double db = info.getCalibrationDb();
      return db == null || !Double.isFinite(db) ? NONE : new Calibration(db, info.getCalibratedAtMicros());
    } catch (RecordDecodingException e) {
      return NONE;
    }
  }

  /** Keeps the global store of SensorInfo up to date; records that are not SensorInfo are left out. */
  public static final class Updater implements org.apache.kafka.streams.processor.api.Processor<String, byte[], Void, Void> {

    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(org.apache.kafka.streams.processor.api.ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
    }

    @Override
    public void process(org.apache.kafka.streams.processor.api.Record<String, byte[]> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
        return;
      }
      try {
        Contracts.SENSOR_INFO.decode(record.value());
        store.put(record.key(), record.value());
      } catch (RecordDecodingException e) {
        // Left out: the sensor keeps its previous calibration.
      }
    }
  }
}
