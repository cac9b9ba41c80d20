package io.soundtag.ops.features;

import io.soundtag.core.features.FeatureWorkload;
import io.soundtag.core.features.Representation;
import io.soundtag.ops.bench.PythonPeer;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag bench features}: CPU time per clip of each representation on
 * {@link FeatureWorkload}'s 10 s, 32 kHz clip, one thread, interleaved round by round with the
 * peers measured in the same run: torchaudio's log-Mel and MFCC and a NumPy Brown–Puckette
 * kernel CQT, each under glibc's default malloc and under {@link PythonPeer#TUNED_MALLOC}.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = {"Measures feature extraction (10 s clip at 32 kHz, one thread) against torchaudio and a NumPy "
        + "kernel CQT, interleaved round by round so that both see the same load.",
        "Figures are CPU time per clip (the medians of the rounds); the peer runs under glibc's default malloc "
            + "and under tuned GLIBC_TUNABLES, and the better of the two is quoted."})
public final class FeatureBenchCommand implements Callable<Integer> {

  private static final List<String> PEER_ROWS = List.of("logmel", "mfcc", "cqt");

  @Spec
  CommandSpec spec;

  @Option(names = "--seconds", defaultValue = "1", description = "Measuring time per row and round, after as long a warm-up (default ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--rounds", defaultValue = "5", description = "Rounds; each measures every row once (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--rows", split = ",", description = "Only these rows (logmel, mfcc, mfcc+deltas, stft, gammatone, cqt; default all).")
  List<String> only;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Interpreter with torch, torchaudio, NumPy and SciPy (default ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--no-peer", description = "Skip the Python peers.")
  boolean noPeer;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU and wall milliseconds per clip, one value per round. */
  record Samples(List<Double> cpuMs, List<Double> wallMs) {
    Samples() {
      this(new ArrayList<>(), new ArrayList<>());
    }

    double cpu() {
      return median(cpuMs);
    }

    double wall() {
      return median(wallMs);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (rounds < 1 || !(seconds > 0)) {
      throw new IllegalArgumentException("--rounds must be at least 1 and --seconds above 0");
    }
    float[] clip = FeatureWorkload.clip();
    Map<String, Representation> java = new LinkedHashMap<>();
    for (FeatureWorkload workload : FeatureWorkload.standard()) {
      if (only == null || only.contains(workload.name())) {
        java.put(workload.name(), workload.config().create());
      }
    }
    if (java.isEmpty()) {
      throw new IllegalArgumentException("--rows " + only + " names no row; use logmel, mfcc, mfcc+deltas, stft, gammatone, cqt");
    }
    List<String> peerRows = PEER_ROWS.stream().filter(java::containsKey).toList();
    List<PythonPeer> peers = new ArrayList<>();
    try {
      if (!noPeer && !peerRows.isEmpty()) {
        start(peers, "python (default malloc)", null, out);
        start(peers, "python (tuned malloc)", PythonPeer.TUNED_MALLOC, out);
      }
      Map<String, Samples> results = new LinkedHashMap<>();
      double loadBefore = load();
      for (int round = 1; round <= rounds; round++) {
        for (Map.Entry<String, Representation> row : java.entrySet()) {
          double[] ms = measure(row.getValue(), clip);
          results.computeIfAbsent("java " + row.getKey(), k -> new Samples()).cpuMs().add(ms[0]);
          results.get("java " + row.getKey()).wallMs().add(ms[1]);
        }
        for (PythonPeer peer : peers) {
          for (String row : peerRows) {
            String[] answer = peer.ask(row + " " + seconds);
            Samples samples = results.computeIfAbsent(peerName(peer, row), k -> new Samples());
            samples.cpuMs().add(Double.parseDouble(answer[1]));
            samples.wallMs().add(Double.parseDouble(answer[2]));
          }
        }
        out.printf("round %d of %d done (load average %.2f)%n", round, rounds, load());
        out.flush();
      }
      double loadAfter = load();
      out.printf("%nFeature extraction, %.0f s clip at %d Hz, one thread, %d rounds of %.1f s per row "
              + "(%d cores, %s, load average %.2f before, %.2f after)%n",
          FeatureWorkload.SECONDS, FeatureWorkload.SAMPLE_RATE, rounds, seconds,
          Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), loadBefore, loadAfter);
      out.printf("%-36s %14s %14s %16s%n", "row", "cpu ms/clip", "wall ms/clip", "x real time/core");
      results.forEach((name, s) -> out.printf("%-36s %14.2f %14.2f %16.0f%n", name, s.cpu(), s.wall(),
          FeatureWorkload.SECONDS * 1000 / s.cpu()));
      out.println();
      for (String row : peerRows) {
        Optional<Map.Entry<String, Samples>> best = results.entrySet().stream()
            .filter(e -> !e.getKey().startsWith("java ") && e.getKey().endsWith(" " + row))
            .min((a, b) -> Double.compare(a.getValue().cpu(), b.getValue().cpu()));
        best.ifPresent(peer -> out.printf("%s: java is %.2fx the best peer (%s) per core%n", row,
            peer.getValue().cpu() / results.get("java " + row).cpu(), peer.getKey()));
      }
      return 0;
    } finally {
      for (PythonPeer peer : peers) {
        peer.close();
      }
    }
  }

  private void start(List<PythonPeer> peers, String label, String tunables, PrintWriter out) throws Exception {
    PythonPeer.start(label, python, "/io/soundtag/ops/bench/feature_peer.py", List.of(), tunables, out)
        .ifPresent(peers::add);
  }

  private static String peerName(PythonPeer peer, String row) {
    String library = row.equals("cqt") ? "numpy kernel" : "torchaudio";
    return library + " " + peer.label().replace("python ", "") + " " + row;
  }

  /** CPU and wall ms per clip: a warm-up of {@code seconds}, then as long measured (at least 3 runs). */
  private double[] measure(Representation representation, float[] clip) {
    long warmUntil = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < warmUntil) {
      representation.compute(clip);
    }
    int runs = 0;
    long cpu0 = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now;
    do {
      representation.compute(clip);
      runs++;
      now = System.nanoTime();
    } while (now < end || runs < 3);
    long cpu = threads.getCurrentThreadCpuTime() - cpu0;
    return new double[] {cpu / 1e6 / runs, (now - start) / 1e6 / runs};
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
