package io.soundtag.ops.bench;

import ai.djl.Device;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.FeatureBatch;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.inference.TorchExport;
import io.soundtag.ops.model.DefaultModel;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag bench inference}: the bundle's student scored by DJL as the tagger serves it
 * (batch norms folded) against the same weights exported into PyTorch ({@link TorchExport}), eager
 * and TorchScript, one thread each, on the same windows, batch by batch size, with the features
 * excluded (forward pass only, each side on its own features) and included (raw windows in,
 * scores out). Measurements are interleaved round by round; figures are CPU per window and the
 * p50/p99 latency of one call.
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
    description = {"Measures the student's scoring in DJL against PyTorch (eager and TorchScript) on the same weights "
        + "and windows, one thread, batches of 1, 8 and 32, features excluded and included.",
        "Run it through ./soundtag, which gives DJL one intra-op thread (OMP_NUM_THREADS=1)."})
public final class InferenceBenchCommand implements Callable<Integer> {

  private static final int WINDOWS = 64;

  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (default: the shipped model).")
  Path model;

  @Option(names = "--batches", split = ",", defaultValue = "1,8,32", description = "Batch sizes (default ${DEFAULT-VALUE}).")
  List<Integer> batchSizes;

  @Option(names = "--seconds", defaultValue = "2", description = "Measured time per row and round, after half as long a warm-up (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds (default ${DEFAULT-VALUE}); figures are the medians.")
  int rounds;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Interpreter with torch and torchaudio (default ${DEFAULT-VALUE}).")
  String python;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** One call measurement set: CPU per window, latency percentiles of a call. */
  record Figures(double cpuMsPerWindow, double p50Ms, double p99Ms) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (rounds < 1 || !(seconds > 0) || batchSizes.stream().anyMatch(b -> b < 1 || b > WINDOWS)) {
      throw new IllegalArgumentException("--rounds must be at least 1, --seconds above 0 and every batch in 1.." + WINDOWS);
    }
    ModelBundle bundle = DefaultModel.load(model);
    int samples = bundle.manifest().windowSamples();
    List<float[]> windows = windows(samples, bundle.manifest().sampleRate());
    Path dir = Files.createTempDirectory("soundtag-inference");
    try (ServingModel served = ServingModel.load(bundle, ServingMode.STUDENT, Device.cpu());
        InferenceSession session = served.newSession()) {
      TorchExport.write(bundle, dir);
      Path windowsFile = dir.resolve("windows.f32");
      ByteBuffer bytes = ByteBuffer.allocate(WINDOWS * samples * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] w : windows) {
        for (float v : w) {
          bytes.putFloat(v);
        }
      }
      Files.write(windowsFile, bytes.array());
      var started = PythonPeer.start("pytorch", python, "/io/soundtag/ops/bench/inference_peer.py",
          List.of(dir.toString(), windowsFile.toString(), String.valueOf(WINDOWS), String.valueOf(samples)), null, out);
      if (started.isEmpty()) {
        return 1;
      }
      try (PythonPeer peer = started.get()) {
        reportAgreement(out, session, windows, peer, bundle.manifest().classes().size());
        Map<String, List<Figures>> results = new LinkedHashMap<>();
        double loadBefore = load();
        for (int round = 1; round <= rounds; round++) {
          for (int batch : batchSizes) {
            for (boolean withFeatures : new boolean[] {false, true}) {
              String key = batch + " " + (withFeatures ? "included" : "excluded");
              results.computeIfAbsent("djl " + key, k -> new ArrayList<>())
                  .add(measureDjl(session, windows, batch, withFeatures));
              for (String variant : List.of("eager", "torchscript")) {
                String[] a = peer.ask(variant + " " + batch + " " + (withFeatures ? 1 : 0) + " " + seconds);
                results.computeIfAbsent(variant + " " + key, k -> new ArrayList<>()).add(
                    new Figures(Double.parseDouble(a[0]), Double.parseDouble(a[1]), Double.parseDouble(a[2])));
              }
            }
          }
          out.printf("round %d of %d done (load average %.2f)%n", round, rounds, load());
          out.flush();
        }
        print(out, results, loadBefore, load());
      }
      return 0;
    } finally {
      FileUtils.deleteQuietly(dir.toFile());
    }
  }

  private void reportAgreement(PrintWriter out, InferenceSession session, List<float[]> windows, PythonPeer peer, int classes) {
    int n = 8;
    float[][] djl = session.score(windows.subList(0, n));
    String[] torch = peer.ask("scores " + n);
    double worst = 0;
    for (int i = 0; i < n * classes; i++) {
      worst = Math.max(worst, Math.abs(Double.parseDouble(torch[i]) - djl[i / classes][i % classes]));
    }
    out.printf("same weights: largest |DJL - PyTorch| score from raw audio (each side its own log-Mel) over %d windows: %.2e%n",
        n, worst);
  }

  private Figures measureDjl(InferenceSession session, List<float[]> windows, int batch, boolean withFeatures) {
    List<List<float[]>> inputs = new ArrayList<>();
    for (int start = 0, i = 0; i < WINDOWS; i++, start = (start + batch) % WINDOWS) {
      List<float[]> b = new ArrayList<>();
      for (int j = 0; j < batch; j++) {
        b.add(windows.get((start + j) % WINDOWS));
      }
      inputs.add(b);
    }
    List<FeatureBatch> features = withFeatures ? List.of() : inputs.stream().map(session::features).toList();
    int i = 0;
    long warmUntil = System.nanoTime() + (long) (seconds * 0.5e9);
    while (System.nanoTime() < warmUntil) {
      callDjl(session, inputs, features, i++, withFeatures);
    }
    List<Double> latencies = new ArrayList<>();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end || latencies.size() < 5) {
      long t0 = System.nanoTime();
      callDjl(session, inputs, features, i++, withFeatures);
      latencies.add((System.nanoTime() - t0) / 1e6);
    }
    double cpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
    double[] lat = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Figures(cpuMs / (lat.length * (double) batch), percentile(lat, 50), percentile(lat, 99));
  }

  private static void callDjl(InferenceSession session, List<List<float[]>> inputs, List<FeatureBatch> features, int i,
      boolean withFeatures) {
    if (withFeatures) {
      session.score(inputs.get(i % inputs.size()));
    } else {
      session.scoreFeatures(features.get(i % features.size()));
    }
  }

  private void print(PrintWriter out, Map<String, List<Figures>> results, double loadBefore, double loadAfter) {
    out.printf("%nStudent scoring, one thread, %d rounds of %.1f s per row (%d cores, load average %.2f before, %.2f after)%n",
        rounds, seconds, Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
    out.printf("%-32s %16s %10s %10s%n", "engine batch features", "cpu ms/window", "p50 ms", "p99 ms");
    Map<String, Figures> medians = new LinkedHashMap<>();
    results.forEach((name, list) -> {
      Figures m = new Figures(median(list.stream().map(Figures::cpuMsPerWindow).toList()),
          median(list.stream().map(Figures::p50Ms).toList()), median(list.stream().map(Figures::p99Ms).toList()));
      medians.put(name, m);
      out.printf("%-32s %16.4f %10.3f %10.3f%n", name, m.cpuMsPerWindow(), m.p50Ms(), m.p99Ms());
    });
    out.println();
    for (int batch : batchSizes) {
      for (String features : List.of("excluded", "included")) {
        String key = batch + " " + features;
        Figures djl = medians.get("djl " + key);
        Figures eager = medians.get("eager " + key);
        Figures script = medians.get("torchscript " + key);
        Figures best = eager.cpuMsPerWindow() <= script.cpuMsPerWindow() ? eager : script;
        out.printf("batch %d, features %s: DJL is %.2fx the best PyTorch (%s) per core; DJL p99/p50 %.2f%n", batch, features,
            best.cpuMsPerWindow() / djl.cpuMsPerWindow(), best == eager ? "eager" : "torchscript", djl.p99Ms() / djl.p50Ms());
      }
    }
  }

  /** Tones at different pitches and levels over noise, deterministic. */
  static List<float[]> windows(int samples, int rate) {
    Random random = new Random(11);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < WINDOWS; i++) {
      float[] w = new float[samples];
      double f = 100 + 97.0 * i;
      double level = 0.05 + 0.4 * random.nextDouble();
      for (int t = 0; t < samples; t++) {
        w[t] = (float) (level * Math.sin(2 * Math.PI * f * t / rate) + 0.05 * random.nextGaussian());
      }
      out.add(w);
    }
    return out;
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
