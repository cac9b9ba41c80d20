package io.soundtag.ops.levels;

import io.soundtag.core.acoustics.LevelMeter;
import io.soundtag.core.audio.SoundLevel;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.simd.Simd;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.core.synth.SensorScene;
import io.soundtag.ops.model.DefaultModel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag bench levels}: the CPU time of the full set of levels per sensor-second, against
 * the tagger's own per-window work (window LAeq, features and the shipped model's forward pass at
 * batch 32) measured in the same run, one thread, thread CPU time.
 */
@Command(name = "levels", mixinStandardHelpOptions = true,
    description = "CPU per sensor-second of the full level meter (A/C/Z, F/S, peaks, 100 ms LAF, third-octave bands) "
        + "against the tagger's per-window features and forward pass, measured in the same run on one thread.")
public final class LevelBenchCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "3", description = "Measuring time per row, after as long a warm-up (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--rates", split = ",", defaultValue = "16000,48000", description = "Sample rates of the meter rows (default ${DEFAULT-VALUE}).")
  List<Integer> rates;

  private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!(seconds > 0 && seconds <= 600)) {
      out.println("--seconds must be in (0, 600]");
      return 2;
    }
    out.println(Simd.available() ? "the meter's band bank runs in SIMD lanes (jdk.incubator.vector)"
        : "the meter runs scalar: this JVM lacks --add-modules jdk.incubator.vector or 256-bit vectors");
    out.printf("%-44s %14s%n", "work", "CPU ms");
    double levels16k = Double.NaN;
    for (int rate : rates) {
      float[] audio = scene(rate, 10);
      double perSensorSecond = measure(() -> {
        LevelMeter m = LevelMeter.fromStart(rate, 60.0);
        for (int i = 0; i + rate / 2 <= audio.length; i += rate / 2) {
          m.push(audio, i, i + rate / 2);
        }
      }) / 10;
      out.printf("%-44s %14.3f%n", "levels, per sensor-second at " + rate + " Hz", perSensorSecond);
      if (rate == 16000) {
        levels16k = perSensorSecond;
      }
    }
    try (ServingModel model = ServingModel.load(DefaultModel.load(null), ServingMode.STUDENT);
        InferenceSession session = model.newSession()) {
      BundleManifest m = model.manifest();
      float[] audio = scene(m.sampleRate(), 20);
      List<float[]> windows = new ArrayList<>();
      for (int i = 0; i + m.windowSamples() <= audio.length && windows.size() < 32; i += m.hopSamples()) {
        windows.add(java.util.Arrays.copyOfRange(audio, i, i + m.windowSamples()));
      }
      double laeq = measure(() -> windows.forEach(w -> SoundLevel.laeq(w, m.sampleRate()))) / windows.size();
      double forward = measure(() -> session.score(windows)) / windows.size();
      double windowsPerSecond = m.sampleRate() / (double) m.hopSamples();
      out.printf("%-44s %14.3f%n", "tagger: window LAeq, per window", laeq);
      out.printf("%-44s %14.3f%n", "tagger: features + forward pass, per window", forward);
      double taggerPerSensorSecond = (laeq + forward) * windowsPerSecond;
      out.printf("%-44s %14.3f%n", String.format("tagger per sensor-second (%.0f windows)", windowsPerSecond),
          taggerPerSensorSecond);
      if (!Double.isNaN(levels16k)) {
        out.printf("levels at %d Hz cost %.0f %% of the tagger's per-window work for the same sensor-second%n",
            m.sampleRate(), 100 * levels16k / taggerPerSensorSecond);
      }
    }
    return 0;
  }

  private static float[] scene(int rate, int seconds) {
    return SensorScene.create("bench", 7L, SceneConfig.defaults(rate)).next(seconds * rate);
  }

  /** Mean thread CPU milliseconds per run of {@code work}, after a warm-up of the same length. */
  private double measure(Runnable work) {
    long budget = (long) (seconds * 1e9);
    for (long start = cpu.getCurrentThreadCpuTime(); cpu.getCurrentThreadCpuTime() - start < budget; ) {
      work.run();
    }
    long start = cpu.getCurrentThreadCpuTime();
    int runs = 0;
    while (cpu.getCurrentThreadCpuTime() - start < budget) {
      work.run();
      runs++;
    }
    return (cpu.getCurrentThreadCpuTime() - start) / 1e6 / runs;
  }
}
