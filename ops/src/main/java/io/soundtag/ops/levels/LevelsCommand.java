package io.soundtag.ops.levels;

import io.soundtag.core.acoustics.IntervalLevels;
import io.soundtag.core.acoustics.LevelMeter;
import io.soundtag.core.audio.WavReader;
import io.soundtag.core.audio.WavStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soundtag levels}: the noise levels of a WAV file, per interval, as JSON and optionally a PNG. */
@Command(name = "levels", mixinStandardHelpOptions = true,
    description = {
      "Measures a WAV file (PCM 8/16/24/32-bit or float32, any rate; channels downmixed by their mean) as a "
          + "class 1 sound level meter would: IEC 61672-1 A/C/Z weighting, F and S time weighting, "
          + "IEC 61260-1 base-10 third-octave bands.",
      "Writes a JSON list with one object per whole interval: start_s, end_s, LAeq, LCeq, LZeq, LAE, LAFmax, "
          + "LASmax, LAFmin, LCpeak, LAF10, LAF50, LAF90 and third_octave (nominal mid-band Hz -> Z-weighted band "
          + "level). Levels are 10*log10(mean square) + C with samples at +-1 full scale: dB with "
          + "--calibration-db C, dBFS without."
    })
public final class LevelsCommand implements Callable<Integer> {

  private static final int BLOCK_FRAMES = 65536;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IN.wav", description = "Input WAV file.")
  Path input;

  @Option(names = "--calibration-db", paramLabel = "C",
      description = "Calibration: the dB SPL of a signal of mean square 1.0 (full scale). Without it levels are dBFS.")
  Double calibrationDb;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "60",
      description = "Interval length in seconds (default ${DEFAULT-VALUE}); a partial last interval is left out.")
  double intervalSeconds;

  @Option(names = "--json", required = true, paramLabel = "OUT.json", description = "Output JSON file.")
  Path json;

  @Option(names = "--png", paramLabel = "OUT.png", description = "Also draw the LAF time history and each interval's spectrum.")
  Path png;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (calibrationDb != null && !(Math.abs(calibrationDb) <= 300)) {
      err.println("soundtag levels: --calibration-db must be a level within ±300 dB, got " + calibrationDb);
      return 2;
    }
    List<IntervalLevels> intervals = new ArrayList<>();
    long frames;
    int rate;
    try (WavStream wav = WavReader.open(input)) {
      rate = wav.format().sampleRate();
      LevelMeter meter = LevelMeter.fromStart(rate, intervalSeconds);
      float[] block;
      while ((block = wav.readMono(BLOCK_FRAMES)).length > 0) {
        for (IntervalLevels l : meter.push(block)) {
          intervals.add(l.calibrated(calibrationDb));
        }
      }
      frames = meter.samplesSeen();
    } catch (IllegalArgumentException e) {
      err.println("soundtag levels: " + e.getMessage());
      return 2;
    }
    LevelsJson.write(json, intervals);
    PrintWriter out = spec.commandLine().getOut();
    String unit = calibrationDb == null ? "dBFS" : "dB";
    out.printf("%s: %.1f s at %d Hz, %d whole interval(s) of %s s, levels in %s%s%n", input.getFileName(),
        frames / (double) rate, rate, intervals.size(), intervalSeconds, unit,
        calibrationDb == null ? " (uncalibrated)" : String.format(" (calibration %+.2f dB)", calibrationDb));
    for (IntervalLevels l : intervals) {
      out.printf("  %7.1f–%7.1f s  LAeq %6.1f  LAFmax %6.1f  LAF90 %6.1f  LCpeak %6.1f %s%s%n",
          l.startSample() / (double) rate, l.endSample() / (double) rate, l.laeq(), l.lafmax(), l.laf90(), l.lcpeak(),
          unit, l.overload() ? "  OVERLOAD (clipped samples)" : "");
    }
    if (intervals.isEmpty()) {
      err.printf("soundtag levels: %s is shorter than one interval of %s s; use a shorter --interval%n",
          input.getFileName(), intervalSeconds);
    } else if (png != null) {
      LevelsPng.write(png, input.getFileName().toString(), intervals);
    }
    out.println("wrote " + json + (png != null && !intervals.isEmpty() ? " and " + png : ""));
    return 0;
  }
}
