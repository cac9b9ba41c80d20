package io.soundtag.tagger.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.acoustics.IntervalLevels;
import io.soundtag.core.acoustics.LevelMeter;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.schemas.BandLevel;
import io.soundtag.schemas.LevelReport;
import io.soundtag.schemas.SensorInfo;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.SourceShare;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.TinyModel;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.levels.LevelPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LevelReportTopologyTest {

  private static final int CHUNK = 2000;

  private static float[] audio(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      double t = i / (double) TinyModel.RATE;
      v[i] = (float) (0.1 * r.nextGaussian() * (0.3 + Math.abs(Math.sin(2 * Math.PI * 0.4 * t)))
          + 0.3 * Math.sin(2 * Math.PI * 440 * t));
    }
    return v;
  }

  private static TaggerDriver driver() {
    return new TaggerDriver(TinyModel.serving("v1"), ReassemblyPolicy.defaults(), new BatchPolicy(8, 20),
        new TagPolicy(3, null), EventPolicy.defaults(), new LevelPolicy(1.0, Duration.ofDays(30)));
  }

  private static void send(TaggerDriver t, String sensor, float[] audio, int chunks) {
    for (int c = 0; c < chunks; c++) {
      t.send(TaggerDriver.chunk(sensor, c, TaggerDriver.T0 + c * 250_000L, TinyModel.RATE,
          Arrays.copyOfRange(audio, c * CHUNK, (c + 1) * CHUNK)));
      if (c % 3 == 0) {
        t.flush();
      }
    }
    t.flush();
  }

  @Test
  void streamingReportsEqualTheOfflineMeterOnTheSameAudio() {
    float[] audio = audio(24 * CHUNK, 1);
    try (TaggerDriver t = driver()) {
      send(t, "s1", audio, 24);
      List<LevelReport> reports = t.levels.readValuesToList();
      // 6 s of audio from a whole second: 6 intervals; the last waits for windows starting after it.
      List<IntervalLevels> offline = LevelMeter.fromStart(TinyModel.RATE, 1.0).push(audio);
      assertThat(offline).hasSize(6);
      assertThat(reports).hasSizeGreaterThanOrEqualTo(5);
      for (int i = 0; i < reports.size(); i++) {
        LevelReport r = reports.get(i);
        IntervalLevels l = offline.get(i);
        assertThat(r.getSensorId()).isEqualTo("s1");
        assertThat(r.getIntervalStartMicros()).isEqualTo(TaggerDriver.T0 + i * 1_000_000L);
        assertThat(r.getIntervalEndMicros()).isEqualTo(TaggerDriver.T0 + (i + 1) * 1_000_000L);
        assertThat(r.getUnit()).isEqualTo("dBFS");
        assertThat(r.getCalibrationDb()).isNull();
        assertThat(new double[] {r.getLaeqDb(), r.getLceqDb(), r.getLzeqDb(), r.getLaeDb(), r.getLafmaxDb(), r.getLasmaxDb(),
            r.getLafminDb(), r.getLcpeakDb(), r.getLaf10Db(), r.getLaf50Db(), r.getLaf90Db()})
            .containsExactly(l.laeq(), l.lceq(), l.lzeq(), l.lae(), l.lafmax(), l.lasmax(), l.lafmin(), l.lcpeak(),
                l.laf10(), l.laf50(), l.laf90());
        Map<String, Double> bands = new java.util.LinkedHashMap<>();
        for (BandLevel b : r.getThirdOctave()) {
          bands.put(b.getBand(), b.getLevelDb());
        }
        assertThat(bands).isEqualTo(l.thirdOctave());
        assertThat(r.getOverload()).isEqualTo(l.overload());
      }
      // What the levels cost is counted: bench tagger reports it as a share of the stream threads' CPU.
      assertThat(t.metrics.levelsCpuSeconds.get()).isPositive();
    }
  }

  @Test
  void eachLabelsShareIsTheEnergyOfThePeriodsItsWindowsCover() {
    float[] audio = audio(24 * CHUNK, 2);
    try (TaggerDriver t = driver()) {
      send(t, "s1", audio, 24);
      List<TagEvent> tags = t.allTags();
      List<LevelReport> reports = t.levels.readValuesToList();
      List<IntervalLevels> offline = LevelMeter.fromStart(TinyModel.RATE, 1.0).push(audio);
      int withShares = 0;
      for (int i = 0; i < reports.size(); i++) {
        LevelReport r = reports.get(i);
        double[] periods = offline.get(i).periodMeanSquares();
        Map<String, double[]> expected = new HashMap<>();
        double total = 0;
        for (int m = 0; m < periods.length; m++) {
          total += periods[m];
          long mid = r.getIntervalStartMicros() + m * 100_000L + 50_000L;
          java.util.Set<String> labels = new java.util.HashSet<>();
          for (TagEvent e : tags) {
            if (e.getWindowStartMicros() <= mid && mid < e.getWindowEndMicros()) {
              e.getTags().forEach(s -> labels.add(s.getLabel()));
            }
          }
          for (String label : labels) {
            double[] acc = expected.computeIfAbsent(label, k -> new double[2]);
            acc[0] += periods[m];
            acc[1] += 0.1;
          }
        }
        assertThat(r.getSources()).hasSize(expected.size());
        for (SourceShare s : r.getSources()) {
          double[] e = expected.get(s.getLabel());
          assertThat(s.getSeconds()).isCloseTo(e[1], within(1e-9));
          assertThat(s.getEnergyFraction()).isCloseTo(e[0] / total, within(1e-9));
          assertThat(s.getLaeqDb()).isCloseTo(10 * Math.log10(e[0] / (e[1] * 10)), within(1e-9));
          assertThat(s.getContributionDb()).isCloseTo(r.getLaeqDb() + 10 * Math.log10(s.getEnergyFraction()), within(1e-9));
          withShares++;
        }
      }
      assertThat(withShares).as("the tiny model tags something").isPositive();
    }
  }

  @Test
  void theSensorsCalibrationIsUsedAndAnOldOneIsFlagged() {
    float[] audio = audio(12 * CHUNK, 3);
    try (TaggerDriver t = driver()) {
      long longAgo = TaggerDriver.T0 - Duration.ofDays(90).toNanos() / 1000;
      SensorInfo cal = SensorInfo.newBuilder().setSensorId("s1").setCalibrationDb(100.0).setCalibratedAtMicros(longAgo)
          .setCalibrationReferenceDb(94.0).setUpdatedAtMicros(longAgo).build();
      t.sensors.pipeInput("s1", ContractSerdes.sensorInfo().serializer().serialize(Topics.AUDIO_SENSORS, cal));
      t.sensors.pipeInput("s2", "not a sensor record".getBytes());
      send(t, "s1", audio, 12);
      send(t, "s2", audio, 12);
      List<IntervalLevels> offline = LevelMeter.fromStart(TinyModel.RATE, 1.0).push(audio);
      Map<String, List<LevelReport>> bySensor = new HashMap<>();
      t.levels.readValuesToList().forEach(r -> bySensor.computeIfAbsent(r.getSensorId(), k -> new java.util.ArrayList<>()).add(r));
      LevelReport calibrated = bySensor.get("s1").get(0);
      assertThat(calibrated.getUnit()).isEqualTo("dB");
      assertThat(calibrated.getCalibrationDb()).isEqualTo(100.0);
      assertThat(calibrated.getCalibrationStale()).isTrue();
      assertThat(calibrated.getLaeqDb()).isCloseTo(offline.get(0).laeq() + 100, within(1e-9));
      assertThat(calibrated.getThirdOctave().get(5).getLevelDb())
          .isCloseTo(offline.get(0).thirdOctave().get(calibrated.getThirdOctave().get(5).getBand()) + 100, within(1e-9));
      LevelReport uncalibrated = bySensor.get("s2").get(0);
      assertThat(uncalibrated.getUnit()).isEqualTo("dBFS");
      assertThat(uncalibrated.getLaeqDb()).isCloseTo(offline.get(0).laeq(), within(1e-9));
      Map<String, TagEvent> firstTag = new HashMap<>();
      t.allTags().forEach(e -> firstTag.putIfAbsent(e.getSensorId(), e));
      assertThat(firstTag.get("s1").getLaeqUnit()).isEqualTo("dB");
      assertThat(firstTag.get("s2").getLaeqUnit()).isEqualTo("dBFS");
      assertThat(firstTag.get("s1").getLaeqDb()).isCloseTo(firstTag.get("s2").getLaeqDb() + 100, within(1e-9));
    }
  }

  /**
   * Every sound event carries the levels of its span (onset to offset; to the end of the window
   * that started it on the start event) as the offline meter measures them over exactly that span
   * of the same audio (its filters settled by the audio before), with the sensor's calibration.
   */
  @Test
  void soundEventsCarryTheLevelsTheOfflineMeterReadsOverTheirSpan() {
    float[] audio = audio(24 * CHUNK, 4);
    // Sound for 1.2 s of every 2: the quiet windows are below the level gate, so sounds end there.
    for (int i = 0; i < audio.length; i++) {
      audio[i] *= i % (2 * TinyModel.RATE) < 1.2 * TinyModel.RATE ? 1 : 1e-4f;
    }
    // Windows of 0.4 s every 0.2 s (block edges every 0.1 s); a sound starts at a window above threshold and ends below it.
    int window = 3200;
    try (TaggerDriver t = new TaggerDriver(ServingModel.load(TinyModel.bundle("v1", window, 1600, 7), ServingMode.STUDENT),
        ReassemblyPolicy.defaults(), new BatchPolicy(8, 20), new TagPolicy(3, -50.0), new EventPolicy(1, 1, 1.0),
        new LevelPolicy(1.0, Duration.ofDays(30)))) {
      long at = TaggerDriver.T0 - Duration.ofDays(2).toNanos() / 1000;
      t.sensors.pipeInput("s1", ContractSerdes.sensorInfo().serializer().serialize(Topics.AUDIO_SENSORS,
          SensorInfo.newBuilder().setSensorId("s1").setCalibrationDb(100.0).setCalibratedAtMicros(at)
              .setCalibrationReferenceDb(94.0).setUpdatedAtMicros(at).build()));
      send(t, "s1", audio, 24);
      List<SoundEvent> events = t.events.readValuesToList();
      int ended = 0;
      for (SoundEvent e : events) {
        long to = e.getOffsetMicros() != null ? e.getOffsetMicros() : e.getOnsetMicros() + window * 1_000_000L / TinyModel.RATE;
        long first = (e.getOnsetMicros() - TaggerDriver.T0) * TinyModel.RATE / 1_000_000L;
        long last = (to - TaggerDriver.T0) * TinyModel.RATE / 1_000_000L;
        IntervalLevels offline = LevelMeter.fromSample(TinyModel.RATE, (last - first) / (double) TinyModel.RATE, first)
            .push(audio).get(0);
        String what = e.getLabel() + " " + e.getOnsetMicros() + "–" + e.getOffsetMicros();
        assertThat(e.getUnit()).as(what).isEqualTo("dB");
        assertThat(e.getCalibrationDb()).isEqualTo(100.0);
        assertThat(e.getCalibrationStale()).isFalse();
        assertThat(e.getLaeqDb()).as(what).isCloseTo(offline.laeq() + 100, within(1e-9));
        assertThat(e.getLaeDb()).as(what).isCloseTo(offline.lae() + 100, within(1e-9));
        assertThat(e.getLafmaxDb()).as(what).isEqualTo(offline.lafmax() + 100);
        assertThat(e.getLcpeakDb()).as(what).isEqualTo(offline.lcpeak() + 100);
        assertThat(e.getThirdOctave()).hasSize(offline.thirdOctave().size());
        for (BandLevel b : e.getThirdOctave()) {
          assertThat(b.getLevelDb()).as(what + " band " + b.getBand()).isCloseTo(offline.thirdOctave().get(b.getBand()) + 100,
              within(1e-6));
        }
        ended += e.getOffsetMicros() != null ? 1 : 0;
      }
      assertThat(ended).as("sounds that ended, of %d events", events.size()).isPositive();
      assertThat(events).as("one starting in the stream's first window, whose audio comes block by block")
          .anyMatch(e -> e.getOnsetMicros() < TaggerDriver.T0 + window * 1_000_000L / TinyModel.RATE);
    }
  }
}
