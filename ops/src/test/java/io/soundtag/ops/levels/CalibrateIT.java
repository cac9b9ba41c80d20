package io.soundtag.ops.levels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.SoundtagCommand;
import io.soundtag.ops.label.SentChunks;
import io.soundtag.schemas.SensorInfo;
import io.soundtag.schemas.topic.KafkaConnection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soundtag calibrate} on an embedded broker: a calibrator recording in a file, and the same
 * tone as a sensor sent it, read back from audio.chunks by time, both give C = reference − tone
 * level and land on audio.sensors with the date and the location kept; noise is refused.
 */
class CalibrateIT {

  @TempDir
  static Path dir;

  static EmbeddedKafka broker;
  static String bootstrap;

  @BeforeAll
  static void start() throws Exception {
    broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
    bootstrap = broker.bootstrapServers();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicLayout(2, (short) 1).ensure(admin);
    }
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static Path tone(String name, double rms, int rate) throws Exception {
    float[] x = new float[3 * rate];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (rms * Math.sqrt(2) * Math.sin(2 * Math.PI * 1000 * i / rate));
    }
    Path wav = dir.resolve(name);
    WavWriter.writePcm16(wav, new MonoAudio(x, rate));
    return wav;
  }

  private static String[] run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", bootstrap));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SoundtagCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  void aCalibratorFileGivesTheSensorsCalibrationOnAudioSensors() throws Exception {
    long before = Instant.now().toEpochMilli() * 1000;
    String[] r = run("calibrate", "--sensor", "s-1", "--reference-db", "94", "--location", "Main St 4",
        tone("cal.wav", 0.1, 48000).toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).contains("s-1 calibrated: C = 114.0");
    SensorInfo info = new SensorDirectory(KafkaConnection.to(bootstrap)).latest("s-1").orElseThrow();
    assertThat(info.getCalibrationDb()).isCloseTo(114.0, within(0.02));
    assertThat(info.getCalibrationReferenceDb()).isEqualTo(94.0);
    assertThat(info.getCalibratedAtMicros()).isGreaterThanOrEqualTo(before);
    assertThat(info.getLocation()).isEqualTo("Main St 4");

    // Recalibrated with a 114 dB calibrator: the location stays, the change is shown.
    String[] again = run("calibrate", "--sensor", "s-1", "--reference-db", "114", tone("cal2.wav", 0.1, 48000).toString());
    assertThat(again[0]).as(again[2]).isEqualTo("0");
    assertThat(again[1]).contains("previous calibration 114.0").contains("change +20.00 dB");
    SensorInfo latest = new SensorDirectory(KafkaConnection.to(bootstrap)).latest("s-1").orElseThrow();
    assertThat(latest.getCalibrationDb()).isCloseTo(134.0, within(0.02));
    assertThat(latest.getLocation()).isEqualTo("Main St 4");
  }

  @Test
  void noiseIsRefusedInOneLineAndStoresNothing() throws Exception {
    float[] x = new float[3 * 16000];
    Random random = new Random(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.1 * random.nextGaussian());
    }
    Path wav = dir.resolve("noise.wav");
    WavWriter.writePcm16(wav, new MonoAudio(x, 16000));
    String[] r = run("calibrate", "--sensor", "s-noise", "--reference-db", "94", wav.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2].strip()).contains("no 1 kHz calibrator tone").doesNotContain("\n");
    assertThat(new SensorDirectory(KafkaConnection.to(bootstrap)).latest("s-noise")).isEmpty();
  }

  @Test
  void theSensorsOwnAudioIsReadBackByTime() throws Exception {
    String[] ingest = run("ingest", "file", tone("sensor.wav", 0.05, 16000).toString(), "--sensor-id", "mic-9",
        "--connect-timeout-ms", "10000");
    assertThat(ingest[0]).as(ingest[2]).isEqualTo("0");
    long t0 = SentChunks.firstCaptureMicros(bootstrap, "mic-9");
    String[] r = run("calibrate", "--sensor", "mic-9", "--reference-db", "94",
        "--from", Instant.ofEpochSecond(0, t0 * 1000).toString(), "--to", Instant.ofEpochSecond(0, (t0 + 2_500_000) * 1000).toString());
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    Optional<SensorInfo> info = new SensorDirectory(KafkaConnection.to(bootstrap)).latest("mic-9");
    // 0.05 RMS is −26.02 dBFS.
    assertThat(info.orElseThrow().getCalibrationDb()).isCloseTo(94 + 26.02, within(0.05));
  }
}
