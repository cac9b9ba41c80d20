package io.soundtag.tagger.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.acoustics.SpanLevels;
import io.soundtag.schemas.SensorInfo;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.tagger.levels.Calibration;
import io.soundtag.tagger.levels.LevelPolicy;
import io.soundtag.tagger.levels.MeasuredWindow;
import io.soundtag.tagger.levels.SensorLevels.MeasuredSpan;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.reassembly.SensorWindow;
import io.soundtag.tagger.scoring.ScoredWindow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SoundEventDetectorTest {

  private static final long T0 = 1_700_000_000_000_000L;
  private static final long HOP = 250_000;
  private static final long WINDOW = 500_000;
  private static final List<String> CLASSES = List.of("siren", "dog_bark");

  private final TaggerMetrics metrics = new TaggerMetrics(new PrometheusRegistry());
  private MockProcessorContext<String, SoundEvent> context;
  private SoundEventDetector detector;
  private KeyValueStore<String, byte[]> sensors;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>();
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SoundEventDetector.STORE),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    sensors = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(Calibration.STORE),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    sensors.init(context.getStateStoreContext(), sensors);
    context.addStateStore(sensors);
    detector = new SoundEventDetector(new EventPolicy(2, 3, 0.5), new LevelPolicy(60, Duration.ofDays(30)), metrics);
    detector.init(context);
  }

  private void window(int k, double siren, String model) {
    window(k, siren, model, List.of());
  }

  private void window(int k, double siren, String model, List<MeasuredSpan> audio) {
    SensorWindow w = new SensorWindow("sensor-3", T0 + k * HOP, T0 + k * HOP + WINDOW, 8000, new float[0], 0, model);
    ScoredWindow s = new ScoredWindow(w, new float[] {(float) siren, 0.1f}, -30, model, CLASSES, List.of(0.5, 0.6));
    detector.process(new Record<>("sensor-3", new MeasuredWindow(s, audio), 0));
  }

  /** A hop of audio at 8 kHz whose energy, Fast maximum and C peak grow with {@code k}, and one band's energy. */
  private static SpanLevels hop(int k) {
    SpanLevels empty = SpanLevels.empty(8000);
    double[] bands = empty.bandSums();
    bands[10] = 0.5 * (k + 1);
    long[] counts = empty.stageCounts();
    for (int i = 0; i < counts.length; i++) {
      counts[i] = 2000 >> i;
    }
    return new SpanLevels(8000, 2000, 0.01 * (k + 1), 1e-5 * (k + 1), 0.01 * (k + 1), bands, counts);
  }

  @Test
  void soundsCarryTheCalibratedLevelsOfTheAudioFromOnsetToOffset() {
    long at = T0 - Duration.ofDays(3).toNanos() / 1000;
    sensors.put("sensor-3", Contracts.SENSOR_INFO.encode(SensorInfo.newBuilder().setSensorId("sensor-3")
        .setCalibrationDb(110.0).setCalibratedAtMicros(at).setCalibrationReferenceDb(94.0).setUpdatedAtMicros(at).build()));
    double[] siren = {0.1, 0.7, 0.2, 0.8, 0.9, 0.4, 0.3, 0.1, 0.1};
    List<SpanLevels> hops = new ArrayList<>();
    for (int k = 0; k < siren.length; k++) {
      // The first window's audio comes as its two hops (block by block, as for a stream's first window).
      List<MeasuredSpan> audio = new ArrayList<>();
      if (k == 0) {
        audio.add(new MeasuredSpan(T0, T0 + HOP, hop(-1)));
        hops.add(hop(-1));
      }
      audio.add(new MeasuredSpan(T0 + (k + 1) * HOP, T0 + (k + 2) * HOP, hop(k)));
      hops.add(hop(k));
      window(k, siren[k], "m", audio);
    }
    List<SoundEvent> events = events();
    assertThat(events).hasSize(2);
    // The sound: onset T0 + HOP (window 1), started at window 3 (ending T0 + 5 HOP), offset at the end of window 6.
    SpanLevels start = hops.get(1).then(hops.get(2)).then(hops.get(3)).then(hops.get(4));
    SpanLevels whole = start.then(hops.get(5)).then(hops.get(6)).then(hops.get(7));
    SoundEvent onset = events.get(0);
    SoundEvent end = events.get(1);
    assertThat(end.getOffsetMicros()).isEqualTo(T0 + 6 * HOP + WINDOW);
    for (Object[] c : new Object[][] {{onset, start}, {end, whole}}) {
      SoundEvent e = (SoundEvent) c[0];
      SpanLevels l = (SpanLevels) c[1];
      assertThat(e.getUnit()).isEqualTo("dB");
      assertThat(e.getCalibrationDb()).isEqualTo(110.0);
      assertThat(e.getCalibrationStale()).isFalse();
      assertThat(e.getLaeqDb()).isCloseTo(l.laeq() + 110, within(1e-9));
      assertThat(e.getLafmaxDb()).isCloseTo(l.lafmax() + 110, within(1e-9));
      assertThat(e.getLcpeakDb()).isCloseTo(l.lcpeak() + 110, within(1e-9));
      assertThat(e.getLaeDb()).isCloseTo(l.lae() + 110, within(1e-9));
      assertThat(e.getThirdOctave().get(10).getLevelDb()).isCloseTo(l.thirdOctave().get(e.getThirdOctave().get(10).getBand()) + 110, within(1e-9));
    }
    assertThat(whole.seconds()).isCloseTo((end.getOffsetMicros() - end.getOnsetMicros()) / 1e6, within(1e-9));
    assertThat(start.seconds()).isCloseTo((T0 + 3 * HOP + WINDOW - onset.getOnsetMicros()) / 1e6, within(1e-9));
  }

  @Test
  void withoutMeasuredAudioAnEventHasNoLevels() {
    for (int k = 0; k < 4; k++) {
      window(k, 0.9, "m");
    }
    SoundEvent e = events().get(0);
    assertThat(e.getUnit()).isNull();
    assertThat(e.getLaeqDb()).isNull();
    assertThat(e.getThirdOctave()).isNull();
  }

  private List<SoundEvent> events() {
    return context.forwarded().stream().map(f -> (SoundEvent) f.record().value()).toList();
  }

  @Test
  void aSoundStartsAfterKOfNWindowsAboveThresholdAndEndsBelowTheLowerThreshold() {
    double[] siren = {0.1, 0.7, 0.2, 0.8, 0.9, 0.4, 0.3, 0.1, 0.1};
    for (int k = 0; k < siren.length; k++) {
      window(k, siren[k], "tiny:v1");
      if (k == 2) {
        assertThat(events()).as("one window above threshold is not a sound").isEmpty();
      }
    }
    List<SoundEvent> events = events();
    assertThat(events).hasSize(2);
    SoundEvent onset = events.get(0);
    assertThat(onset.getLabel()).isEqualTo("siren");
    assertThat(onset.getOnsetMicros()).as("start of the first of the k windows").isEqualTo(T0 + HOP);
    assertThat(onset.getOffsetMicros()).isNull();
    assertThat(onset.getPeakScore()).isEqualTo(0.8f);
    assertThat(onset.getModelVersion()).isEqualTo("tiny:v1");
    SoundEvent end = events.get(1);
    assertThat(end.getOnsetMicros()).isEqualTo(T0 + HOP);
    assertThat(end.getOffsetMicros()).as("end of the last window above half the threshold").isEqualTo(T0 + 6 * HOP + WINDOW);
    assertThat(end.getPeakScore()).isEqualTo(0.9f);
    assertThat(metrics.soundEvents.labelValues("siren").get()).isEqualTo(1);
    assertThat(metrics.soundEvents.labelValues("dog_bark").get()).isZero();
  }

  @Test
  void aGapInTheWindowsEndsTheSoundAtItsLastWindow() {
    window(0, 0.9, "m");
    window(1, 0.9, "m");
    window(40, 0.9, "m");
    List<SoundEvent> events = events();
    assertThat(events).hasSize(2);
    assertThat(events.get(1).getOffsetMicros()).isEqualTo(T0 + HOP + WINDOW);
  }

  @Test
  void repeatedOrOlderWindowsAreIgnored() {
    window(0, 0.9, "m");
    window(0, 0.9, "m");
    assertThat(events()).isEmpty();
    window(1, 0.9, "m");
    assertThat(events()).hasSize(1);
  }

  @Test
  void thePolicyIsValidated() {
    assertThatThrownBy(() -> new EventPolicy(4, 3, 0.5)).hasMessageContaining("1..n");
    assertThatThrownBy(() -> new EventPolicy(1, 33, 0.5)).hasMessageContaining("1..32");
    assertThatThrownBy(() -> new EventPolicy(1, 3, 0)).hasMessageContaining("(0, 1]");
  }
}
