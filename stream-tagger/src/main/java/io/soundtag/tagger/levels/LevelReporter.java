package io.soundtag.tagger.levels;

import io.soundtag.core.acoustics.IntervalLevels;
import io.soundtag.schemas.BandLevel;
import io.soundtag.schemas.LevelReport;
import io.soundtag.schemas.SourceShare;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.scoring.ScoredWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tagger's level processor: {@link SensorAudio} from reassembly and {@link ScoredWindow}s from
 * scoring in, a {@code LevelReport} per sensor per interval out, with the sensor's calibration
 * from the {@code audio.sensors} global store, to {@link #REPORTS}; and each scored window, with
 * the levels of the audio it adds, as a {@link MeasuredWindow} to {@link #MEASURED} (sound
 * detection). The state lives in {@link #STORE}; the logic is {@link SensorLevels}.
 */
public final class LevelReporter implements Processor<String, Object, String, Object> {

  /** This processor's name: reassembly and scoring forward to it by this name. */
  public static final String NAME = "levels";
  /** The child that writes level reports. */
  public static final String REPORTS = "level-reports";
  /** The child that takes measured windows: sound detection. */
  public static final String MEASURED = "sound-events";
  /** The state store of per-sensor level state. */
  public static final String STORE = "sensor-levels";

  private static final Logger LOG = LoggerFactory.getLogger(LevelReporter.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final LevelPolicy policy;
  private final SensorLevels levels;
  private final TaggerMetrics metrics;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> store;
  private ReadOnlyKeyValueStore<String, byte[]> sensors;
  private String modelVersion;

  public LevelReporter(LevelPolicy policy, TaggerMetrics metrics) {
    this.policy = policy;
    this.levels = new SensorLevels(policy);
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.sensors = context.getStateStore(Calibration.STORE);
  }

  /** Runs {@link #measure}, its thread CPU counted in {@code soundtag_tagger_levels_cpu_seconds_total}; then passes the window on. */
  @Override
  public void process(Record<String, Object> record) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    MeasuredWindow measured = measure(record);
    metrics.levelsCpuSeconds.inc((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    if (measured != null) {
      context.forward(record.withValue(measured), MEASURED);
    }
  }

  /** The levels' own work for one record: state, meter, reports; the measured window for sound detection, if it was one. */
  private MeasuredWindow measure(Record<String, Object> record) {
    String sensor = record.key();
    SensorLevels.State state = stored(sensor);
    SensorLevels.Step step;
    if (record.value() instanceof SensorAudio a) {
      step = levels.audio(state, a);
    } else if (record.value() instanceof ScoredWindow w) {
      modelVersion = w.modelVersion();
      step = levels.scored(state, new SensorLevels.Span(w.window().startMicros(), w.window().endMicros(), tagged(w)));
    } else {
      return null;
    }
    if (step.state() != null) {
      store.put(sensor, SensorLevels.toBytes(step.state()));
    }
    if (!step.finished().isEmpty()) {
      Calibration c = Calibration.of(sensors, sensor);
      for (SensorLevels.Interval i : step.finished()) {
        LevelReport report = report(sensor, i, c, policy, modelVersion);
        metrics.levelReports.inc();
        context.forward(new Record<>(sensor, report, i.endMicros() / 1000), REPORTS);
      }
    }
    return record.value() instanceof ScoredWindow w ? new MeasuredWindow(w, step.audio()) : null;
  }

  private static List<String> tagged(ScoredWindow w) {
    List<String> labels = new ArrayList<>();
    if (w.scores() != null) {
      for (int c = 0; c < w.scores().length; c++) {
        if (w.scores()[c] >= w.thresholds().get(c)) {
          labels.add(w.classes().get(c));
        }
      }
    }
    return labels;
  }

  private SensorLevels.State stored(String sensor) {
    byte[] bytes = store.get(sensor);
    if (bytes == null) {
      return null;
    }
    try {
      return SensorLevels.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      LOG.warn("restarting the levels of {}: {}", sensor, e.getMessage());
      return null;
    }
  }

  /** The report of one finished interval with calibration {@code c}. */
  public static LevelReport report(String sensor, SensorLevels.Interval i, Calibration c, LevelPolicy policy,
      String modelVersion) {
    IntervalLevels l = i.levels().calibrated(c.db());
    List<BandLevel> bands = new ArrayList<>();
    l.thirdOctave().forEach((band, level) -> bands.add(new BandLevel(band, level)));
    List<SourceShare> shares = new ArrayList<>();
    for (SensorLevels.Share s : i.shares()) {
      double contribution = s.energyFraction() > 0 ? l.laeq() + 10 * Math.log10(s.energyFraction()) : c.apply(-120.0);
      shares.add(new SourceShare(s.label(), s.seconds(), c.apply(s.laeqDbfs()), s.energyFraction(), contribution));
    }
    return LevelReport.newBuilder()
        .setSensorId(sensor)
        .setIntervalStartMicros(i.startMicros())
        .setIntervalEndMicros(i.endMicros())
        .setSampleRate(l.sampleRate())
        .setUnit(c.unit())
        .setCalibrationDb(c.db())
        .setCalibratedAtMicros(c.atMicros())
        .setCalibrationStale(c.staleAt(i.endMicros(), policy.maxCalibrationAge()))
        .setLaeqDb(l.laeq())
        .setLceqDb(l.lceq())
        .setLzeqDb(l.lzeq())
        .setLaeDb(l.lae())
        .setLafmaxDb(l.lafmax())
        .setLasmaxDb(l.lasmax())
        .setLafminDb(l.lafmin())
        .setLcpeakDb(l.lcpeak())
        .setLaf10Db(l.laf10())
        .setLaf50Db(l.laf50())
        .setLaf90Db(l.laf90())
        .setThirdOctave(bands)
        .setOverload(l.overload())
        .setSources(shares)
        .setModelVersion(modelVersion)
        .build();
  }
}
