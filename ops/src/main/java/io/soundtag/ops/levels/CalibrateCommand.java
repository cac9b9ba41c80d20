package io.soundtag.ops.levels;

import io.soundtag.core.acoustics.CalibratorTone;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.SensorInfo;
import io.soundtag.trainer.archive.ArchivedAudio;
import io.soundtag.trainer.archive.ChunkArchive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soundtag calibrate}: a sensor's calibration from a calibrator tone, stored on {@code audio.sensors}. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = {
      "Measures a sound calibrator's 1 kHz tone (94 or 114 dB) recorded by a sensor, from a WAV file or from the "
          + "sensor's own audio on audio.chunks between --from and --to, and stores the sensor's calibration "
          + "C = reference − tone level (dBFS) with its date on the compacted audio.sensors topic.",
      "The tagger then reports that sensor's levels in dB (C added), and flags a calibration older than its maximum age."
    })
public final class CalibrateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--sensor", required = true, paramLabel = "ID", description = "The sensor calibrated.")
  String sensor;

  @Option(names = "--reference-db", required = true, paramLabel = "DB",
      description = "The calibrator's level in dB SPL, e.g. 94 or 114.")
  double referenceDb;

  @Option(names = "--location", paramLabel = "TEXT", description = "Where the sensor is (kept from its last record when not given).")
  String location;

  @Option(names = "--device", paramLabel = "TEXT", description = "The sensor's device or microphone (kept from its last record when not given).")
  String device;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the tone comes from: a file, or the sensor's archived audio. */
  static final class Source {
    @Parameters(index = "0", paramLabel = "FILE.wav", description = "A recording of the calibrator.")
    Path file;

    @ArgGroup(exclusive = false)
    Span span;
  }

  /** A span of the sensor's capture time. */
  static final class Span {
    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the tone, ISO-8601 (2026-12-01T12:00:00Z).")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End of the tone, ISO-8601.")
    Instant to;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MonoAudio audio;
    String what;
    if (source.file != null) {
      audio = WavReader.read(source.file);
      what = source.file.getFileName().toString();
    } else {
      try (ChunkArchive archive = ChunkArchive.open(kafka.connection())) {
        Optional<ArchivedAudio> read = archive.read(sensor, source.span.from, source.span.to);
        if (read.isEmpty()) {
          err.printf("soundtag calibrate: %s sent no audio between %s and %s%n", sensor, source.span.from, source.span.to);
          return 2;
        }
        if (!read.get().gaps().isEmpty()) {
          err.printf("soundtag calibrate: %s's audio has %d gap(s) between %s and %s; choose a span without gaps%n", sensor,
              read.get().gaps().size(), source.span.from, source.span.to);
          return 2;
        }
        audio = read.get().audio();
        what = sensor + " " + source.span.from + "–" + source.span.to;
      }
    }
    CalibratorTone.Result result;
    try {
      result = CalibratorTone.measure(audio.samples(), audio.sampleRate(), referenceDb);
    } catch (IllegalArgumentException e) {
      err.println("soundtag calibrate: " + what + ": " + e.getMessage());
      return 2;
    }
    SensorDirectory directory = new SensorDirectory(kafka.connection());
    Optional<SensorInfo> previous = directory.latest(sensor);
    long now = Instant.now().toEpochMilli() * 1000;
    SensorInfo info = SensorInfo.newBuilder()
        .setSensorId(sensor)
        .setCalibrationDb(result.calibrationDb())
        .setCalibratedAtMicros(now)
        .setCalibrationReferenceDb(referenceDb)
        .setCalibrationMeasuredDbfs(result.toneDbfs())
        .setLocation(location != null ? location : previous.map(SensorInfo::getLocation).orElse(null))
        .setDevice(device != null ? device : previous.map(SensorInfo::getDevice).orElse(null))
        .setUpdatedAtMicros(now)
        .build();
    directory.publish(info);
    out.printf("%s: 1 kHz tone at %.2f dBFS over %.1f s (%.1f %% of the energy in the 1 kHz band)%n", what,
        result.toneDbfs(), result.seconds(), 100 * result.bandShare());
    previous.map(SensorInfo::getCalibrationDb).ifPresent(c ->
        out.printf("previous calibration %.2f dB; change %+.2f dB%n", c, result.calibrationDb() - c));
    out.printf("%s calibrated: C = %.2f dB (%.1f dB calibrator), stored on audio.sensors%n", sensor, result.calibrationDb(),
        referenceDb);
    return 0;
  }
}
