package io.soundtag.ops.bench;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.TorchExport;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.schemas.topic.KafkaConnection;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soundtag bench tagger}: how many real-time sensors one tagger instance sustains on this
 * machine. For each sensor count in turn it starts a fresh embedded broker and tagger, replays
 * pre-rendered scene audio for that many sensors at real time, and measures, over a span after a
 * warm-up, the end-to-end latency of every window (TagEvent read with read_committed minus the
 * capture time of the window's last sample) and the CPU used; it stops at the first count whose
 * p99 exceeds the bound or whose windows do not all arrive (the tagger fell behind).
 *
 * <p>Two modes, always named in the output: synchronised (the default), every sensor sending on the
 * same tick, so each tick is one burst and p99 is about the time to drain it, the worst case; and
 * staggered ({@code --stagger}), each sensor's ticks offset by its own fixed random phase within the
 * chunk period, as independent real sensors are.
 *
 * <p>With {@code --peer python} it measures catch-up instead ({@link TaggerCatchUp}): soundtag's
 * tagger and a Python tagger of the kind a user would write each consume the same pre-filled
 * backlog as fast as they can, and the table gives each process's CPU per window and their ratio;
 * with {@code --real-time} both are then stepped up through {@code --sensors} at real time.
 */
@Command(name = "tagger", mixinStandardHelpOptions = true,
    description = {"Most real-time simulated sensors one tagger instance sustains with p99 end-to-end latency under a bound.",
        "With --peer python: catch-up CPU per window against a Python tagger on the same backlog (and, with --real-time,"
            + " the real-time steps of both)."})
public final class TaggerBenchCommand implements Callable<Integer> {

  /** Seed of the staggered sensors' phases, fixed so runs compare. */
  static final long PHASE_SEED = 7;

  @Option(names = "--sensors", split = ",", defaultValue = "10,25,50,100,200,300,500",
      description = "Sensor counts to try, in order (default: ${DEFAULT-VALUE}).")
  List<Integer> steps;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured span per step, s (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Warm-up before the span, s (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--p99-bound-ms", defaultValue = "500", description = "Latency bound on p99, ms (default: ${DEFAULT-VALUE}).")
  double boundMillis;

  // Two threads on two cores kept up where one fell behind (200 sensors: 8000/8000 windows vs 7004/8000).
  @Option(names = "--threads", defaultValue = "2", description = "Tagger stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions of audio.chunks (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--batch-size", defaultValue = "32", description = "Tagger batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--batch-wait-ms", defaultValue = "50", description = "Tagger batch wait, ms (default: ${DEFAULT-VALUE}).")
  long batchWaitMs;

  @Option(names = "--tracks", defaultValue = "16", description = "Distinct pre-rendered scenes replayed by the sensors (default: ${DEFAULT-VALUE}).")
  int tracks;

  @Option(names = "--stagger",
      description = "Offset each sensor's ticks by a fixed random phase within the chunk period (unsynchronised sensors);"
          + " default: all sensors send on the same tick, the worst case.")
  boolean stagger;

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (default: the shipped model).")
  Path model;

  @Option(names = "--peer", paramLabel = "python",
      description = "Measure catch-up against a peer instead of the real-time steps alone: python, a Python tagger of the kind"
          + " a user would write (confluent-kafka, torchaudio, the same weights in TorchScript), on the same backlog.")
  String peer;

  @Option(names = "--backlog-sensors", defaultValue = "100",
      description = "With --peer: sensors in the pre-filled backlog (default: ${DEFAULT-VALUE}).")
  int backlogSensors;

  @Option(names = "--backlog-seconds", defaultValue = "60",
      description = "With --peer: seconds of audio per sensor in the backlog (default: ${DEFAULT-VALUE}).")
  int backlogSeconds;

  @Option(names = "--real-time",
      description = "With --peer: then also step both taggers up through --sensors at real time (soundtag's in this JVM as"
          + " without --peer, the Python tagger in its own process), each until its p99 passes the bound.")
  boolean realTime;

  @Option(names = "--python", defaultValue = "/usr/bin/python3",
      description = "With --peer: interpreter with torch, torchaudio and confluent_kafka (default: ${DEFAULT-VALUE}).")
  String python;

  /** One step's figures. */
  record Step(int sensors, int expected, int tagged, double p50, double p95, double p99, double p999, double max,
      double processCores, double streamCores, double levelsCores, double load, boolean sustained, double windowsPerSecond,
      Memory memory) {

    Step withMemory(Memory m) {
      return new Step(sensors, expected, tagged, p50, p95, p99, p999, max, processCores, streamCores, levelsCores, load,
          sustained, windowsPerSecond, m);
    }

    /** The level processor's share of the stream threads' CPU, as "12.3 %" (the Python tagger has none). */
    String levelsShare() {
      return Double.isNaN(levelsCores) ? "-" : String.format("%.1f %%", 100 * levelsCores / streamCores);
    }

    /**
     * {@code cores} over the windows of the span, as "1.23 ms": the cost of a window whatever else
     * runs on the machine (latency, by contrast, depends on the CPU left over). When windows went
     * untagged the tagger was saturated and scored fewer windows than the span holds, so no figure
     * per window is given.
     */
    String cpuPerWindow(double cores) {
      return tagged < expected ? "saturated" : String.format("%.2f ms", cores * 1000 / windowsPerSecond);
    }
  }

  /**
   * What a step's sensors cost in memory: the heap after a full collection and the process's
   * resident memory, each once the tagger was up and again after the span (the difference is what
   * the sensors' state and traffic added; the broker and the replaying producer share the process,
   * so the resident growth is an upper bound), and the bytes of the tagger's state directory.
   */
  record Memory(long heapGrowthBytes, long residentGrowthBytes, long stateBytes) {

    /** For steps whose process this benchmark does not own (the Python tagger's). */
    static final Memory NOT_MEASURED = new Memory(0, 0, 0);

    double heapKibPerSensor(int sensors) {
      return heapGrowthBytes / 1024.0 / sensors;
    }

    double residentKibPerSensor(int sensors) {
      return residentGrowthBytes / 1024.0 / sensors;
    }

    double stateKibPerSensor(int sensors) {
      return stateBytes / 1024.0 / sensors;
    }
  }

  /** Heap in use after a full collection and the process's resident memory, bytes. */
  record MemoryReading(long heapBytes, long residentBytes) {

    static MemoryReading afterFullGc() throws java.io.IOException {
      System.gc();
      return new MemoryReading(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
          ProcessFigures.residentKib() * 1024);
    }

    Memory since(MemoryReading before, long stateBytes) {
      return new Memory(heapBytes - before.heapBytes, residentBytes - before.residentBytes, stateBytes);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    ModelBundle bundle = DefaultModel.load(model);
    if (peer != null) {
      if (!peer.equals("python")) {
        throw new IllegalArgumentException("--peer " + peer + " is not a peer this benchmark knows; the one peer is python");
      }
      return catchUp(bundle, new PrintWriter(out, true));
    }
    BundleManifest m = bundle.manifest();
    CpuClock clock = new CpuClock("-StreamThread-");
    long t0 = System.nanoTime();
    SceneAudioPool pool = SceneAudioPool.render(tracks, 30, m.sampleRate(), 500, 42);
    out.printf("soundtag bench tagger: model %s (%d-sample windows every %d samples at %d Hz), %d stream thread(s),"
            + " batch %d / %d ms, %d partitions, %d processors%n",
        ModelId.of(m), m.windowSamples(), m.hopSamples(), m.sampleRate(), threads, batchSize, batchWaitMs,
        partitions, clock.processors());
    out.printf("sensors replay %d pre-rendered 30 s scenes (rendered once in %.1f s, not during the runs) as 500 ms PCM16 chunks"
            + " at real time, uncompressed;%nthe broker, the replaying producer and the tagger share this JVM, so process CPU"
            + " includes all three; stream-thread CPU is the tagger's (features + network + state).%n",
        tracks, (System.nanoTime() - t0) / 1e9);
    out.printf("each step: fresh broker and tagger, %d s warm-up, %d s measured; latency = TagEvent read (read_committed)"
        + " − capture time of the window's last sample.%n%n", warmup, seconds);
    out.println("mode: " + modeDescription() + "\n");
    out.println("memory per sensor: heap growth after a full GC, resident growth of the process (an upper bound: the broker"
        + " and the producer are in it too) and the tagger's state directory, each over the step's sensors.\n");
    out.println("sensors | windows/s | windows tagged/expected |  p50 ms |  p95 ms |  p99 ms | p99.9 ms |  max ms | process CPU"
        + " | stream CPU | stream CPU/window | levels' share | heap kB/sensor | RSS kB/sensor | state kB/sensor | load avg"
        + " | p99 ≤ " + (int) boundMillis + " ms");
    List<Step> results = new ArrayList<>();
    for (int sensors : steps) {
      Step s = runStep(sensors, bundle, pool, clock);
      results.add(s);
      out.printf("%7d | %9.0f | %11d / %-11d | %7.0f | %7.0f | %7.0f | %8.0f | %7.0f | %6.2f cores | %4.2f cores | %15s"
              + " | %13s | %14.1f | %13.1f | %15.1f | %8.2f | %s%n",
          s.sensors(), s.windowsPerSecond(), s.tagged(), s.expected(), s.p50(), s.p95(), s.p99(), s.p999(), s.max(),
          s.processCores(), s.streamCores(), s.cpuPerWindow(s.streamCores()), s.levelsShare(),
          s.memory().heapKibPerSensor(s.sensors()),
          s.memory().residentKibPerSensor(s.sensors()), s.memory().stateKibPerSensor(s.sensors()), s.load(),
          s.sustained() ? "yes" : (s.tagged() < s.expected() ? "no (fell behind)" : "no"));
      if (!s.sustained()) {
        break;
      }
    }
    Step best = results.stream().filter(Step::sustained).reduce((a, b) -> b).orElse(null);
    out.println();
    if (best == null) {
      out.printf("%s: no step sustained real time with p99 ≤ %.0f ms on this machine.%n", modeName(), boundMillis);
    } else {
      out.printf("%s: one tagger instance sustained %d real-time sensors (%.0f windows/s) with p99 %.0f ms ≤ %.0f ms;%s%n",
          modeName(), best.sensors(), best.windowsPerSecond(), best.p99(), boundMillis,
          best == results.get(results.size() - 1) && results.size() == steps.size() ? " the largest count tried."
              : " the next count did not.");
    }
    return 0;
  }

  private int catchUp(ModelBundle bundle, PrintWriter out) throws Exception {
    BundleManifest m = bundle.manifest();
    out.printf("soundtag bench tagger --peer python: catch-up on one backlog, model %s, %d processors, load average %.2f%n",
        ModelId.of(m), Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf("soundtag: `soundtag tag` in its own JVM, exactly-once, %d stream thread(s), batch %d / %d ms;%n"
        + "python: %s, confluent-kafka, torchaudio log-Mel, the same weights in TorchScript, one thread, batches of 32,"
        + " at-least-once;%nCPU = each tagger's own process (user + system), the broker in neither, counted from a tenth of"
        + " the windows read back to the last (start-up excluded).%n", threads, batchSize, batchWaitMs, python);
    TaggerCatchUp.Outcome o = TaggerCatchUp.run(bundle, model,
        new TaggerCatchUp.Settings(backlogSensors, backlogSeconds, partitions, threads, batchSize, batchWaitMs, tracks, python), out);
    out.println();
    out.println("tagger   | windows tagged/expected | CPU s measured | windows measured | CPU ms/window | windows/CPU-s"
        + " | whole-run CPU s | wall s | load avg");
    for (TaggerCatchUp.Run r : o.peer().isPresent() ? List.of(o.soundtag(), o.peer().get()) : List.of(o.soundtag())) {
      out.printf("%-8s | %10d / %-10d | %14.2f | %16d | %13.3f | %13.0f | %15.2f | %6.1f | %8.2f%n", r.tagger(), r.tagged(),
          r.expected(), r.cpuSeconds(), r.measuredWindows(), r.cpuMillisPerWindow(), r.windowsPerCpuSecond(),
          r.totalCpuSeconds(), r.wallSeconds(), r.load());
    }
    out.println("\nwhere the measured CPU went, by thread (names as the kernel keeps them, 15 characters):");
    for (TaggerCatchUp.Run r : o.peer().isPresent() ? List.of(o.soundtag(), o.peer().get()) : List.of(o.soundtag())) {
      StringBuilder line = new StringBuilder(String.format("%-8s |", r.tagger()));
      r.threadSeconds().entrySet().stream().limit(8).forEach(e -> line.append(String.format(" %s %.2f s (%.0f%%) |",
          e.getKey(), e.getValue(), 100 * e.getValue() / r.cpuSeconds())));
      out.println(line);
    }
    if (o.peer().isEmpty()) {
      return 1;
    }
    TaggerCatchUp.Run s = o.soundtag();
    TaggerCatchUp.Run p = o.peer().get();
    if (s.cpuSeconds() < 1 || p.cpuSeconds() < 1) {
      out.println("\nthe backlog is too small to compare CPU (under a CPU-second measured): use more sensors or seconds.");
    } else {
      out.printf("%nsoundtag tags %.2f× the Python tagger's windows per CPU-second (goal ≥ 2×).%n",
          s.windowsPerCpuSecond() / p.windowsPerCpuSecond());
    }
    out.printf("best label the same on %d of the %d windows both tagged.%n", o.sameTopLabel(), o.taggedByBoth());
    if (realTime) {
      realTimeAgainstPeer(bundle, out);
    }
    return s.tagged() == s.expected() && p.tagged() == p.expected() ? 0 : 1;
  }

  /**
   * Real-time steps, soundtag's and the Python tagger's in turn at each count, each on a fresh
   * broker, each side stopping at its first step that fails.
   */
  private void realTimeAgainstPeer(ModelBundle bundle, PrintWriter out) throws Exception {
    Path export = Files.createTempDirectory("soundtag-peer-export-");
    try {
      TorchExport.write(bundle, export);
      SceneAudioPool pool = SceneAudioPool.render(tracks, 30, bundle.manifest().sampleRate(), 500, 42);
      CpuClock clock = new CpuClock("-StreamThread-");
      out.printf("%nreal time: %s; each step a fresh broker, %d s warm-up, %d s measured; soundtag's tagger in this JVM"
          + " (CPU: its stream threads), the Python tagger in its own process (CPU: the process).%n", modeDescription(), warmup,
          seconds);
      out.println("tagger   | sensors | windows/s | windows tagged/expected |  p50 ms |  p99 ms |  max ms | tagger CPU"
          + " | CPU/window | load avg | p99 ≤ " + (int) boundMillis + " ms");
      Step bestSoundtag = null;
      Step bestPeer = null;
      boolean soundtagOn = true;
      boolean peerOn = true;
      for (int sensors : steps) {
        if (soundtagOn) {
          Step st = runStep(sensors, bundle, pool, clock);
          printRealTime(out, "soundtag", st, st.streamCores());
          soundtagOn = st.sustained();
          bestSoundtag = st.sustained() ? st : bestSoundtag;
        }
        if (peerOn) {
          Step st = runPeerStep(sensors, bundle.manifest(), pool, export, out);
          printRealTime(out, "python", st, st.processCores());
          peerOn = st.sustained();
          bestPeer = st.sustained() ? st : bestPeer;
        }
        if (!soundtagOn && !peerOn) {
          break;
        }
      }
      out.printf("%nmost real-time sensors with p99 ≤ %.0f ms (%s): soundtag %s, python %s%s%n", boundMillis, modeName(),
          bestSoundtag == null ? "none" : bestSoundtag.sensors(), bestPeer == null ? "none" : bestPeer.sensors(),
          bestSoundtag != null && bestPeer != null
              ? String.format(", %.2f×", (double) bestSoundtag.sensors() / bestPeer.sensors()) : "");
    } finally {
      FileUtils.deleteQuietly(export.toFile());
    }
  }

  private static void printRealTime(PrintWriter out, String tagger, Step s, double cores) {
    out.printf("%-8s | %7d | %9.0f | %11d / %-11d | %7.0f | %7.0f | %7.0f | %4.2f cores | %10s | %8.2f | %s%n", tagger,
        s.sensors(), s.windowsPerSecond(), s.tagged(), s.expected(), s.p50(), s.p99(), s.max(), cores,
        s.cpuPerWindow(cores), s.load(),
        s.sustained() ? "yes" : (s.tagged() < s.expected() ? "no (fell behind)" : "no"));
    out.flush();
  }

  private String modeName() {
    return stagger ? "staggered sensors" : "synchronised sensors";
  }

  private String modeDescription() {
    return stagger
        ? "staggered sensors — each sensor's 500 ms ticks offset by its own fixed random phase (seed " + PHASE_SEED
            + ") within the chunk period, as unsynchronised real sensors are"
        : "synchronised sensors — every sensor sends on the same 500 ms tick, so each tick is one burst (worst case)";
  }

  private Step runStep(int sensors, ModelBundle bundle, SceneAudioPool pool, CpuClock clock) throws Exception {
    Path dir = Files.createTempDirectory("soundtag-bench-");
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own(() -> FileUtils.deleteQuietly(dir.toFile()));
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(partitions, (short) 1));
      TaggerConfig config = new TaggerConfig("soundtag-bench", KafkaConnection.to(bootstrap), dir.resolve("tagger"), threads, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(batchSize, batchWaitMs), new TagPolicy(3, null), EventPolicy.defaults());
      Tagger tagger = lifecycle.own(Tagger.start(TaggerSettings.of(config, bundle).withFollowReleases(false)));
      TagLatencies latencies = lifecycle.own(new TagLatencies(bootstrap));
      MemoryReading before = MemoryReading.afterFullGc();
      Step step = replayAndMeasure(sensors, bootstrap, bundle.manifest(), pool, latencies, lifecycle, clock::read,
          () -> tagger.metrics().levelsCpuSeconds.get());
      return step.withMemory(MemoryReading.afterFullGc().since(before, ProcessFigures.bytesUnder(dir.resolve("tagger"))));
    } finally {
      lifecycle.closeAll();
    }
  }

  /** One real-time step of the Python tagger on a fresh broker; its CPU is its own process's. */
  private Step runPeerStep(int sensors, BundleManifest m, SceneAudioPool pool, Path export, PrintWriter out) throws Exception {
    Path dir = Files.createTempDirectory("soundtag-bench-");
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own(() -> FileUtils.deleteQuietly(dir.toFile()));
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(partitions, (short) 1));
      TaggerCatchUp.createTopic(bootstrap, TaggerCatchUp.PEER_TOPIC, partitions);
      PythonPeer peer = lifecycle.own(TaggerCatchUp.startPeer(bootstrap, export, python, out)
          .orElseThrow(() -> new IllegalStateException("the Python tagger did not start (see above)")));
      TagLatencies latencies = lifecycle.own(new TagLatencies(bootstrap, TaggerCatchUp.PEER_TOPIC, TaggerCatchUp::peerWindowEnd));
      return replayAndMeasure(sensors, bootstrap, m, pool, latencies, lifecycle, () -> {
        long cpu = TaggerCatchUp.cpuNanos(peer.handle());
        return new CpuClock.Reading(System.nanoTime(), cpu, cpu);
      }, () -> Double.NaN);
    } finally {
      lifecycle.closeAll();
    }
  }

  /**
   * Replays {@code sensors} real-time sensors for the warm-up and the measured span and returns the
   * latencies of the windows ending in the span, read from {@code latencies}, and the CPU between
   * the span's ends, read from {@code cpu} (process and marked threads) and {@code levelsCpu} (the
   * level processor's CPU-seconds so far, NaN for a tagger without one).
   */
  private Step replayAndMeasure(int sensors, String bootstrap, BundleManifest m, SceneAudioPool pool, TagLatencies latencies,
      Lifecycle lifecycle, Supplier<CpuClock.Reading> cpu, DoubleSupplier levelsCpu) throws Exception {
    long[] phases = stagger ? ReplayedSensors.randomPhases(sensors, pool.chunkMicros(), PHASE_SEED) : new long[sensors];
    ReplayedSensors replay = lifecycle.own(new ReplayedSensors(
        ProducerSettings.defaults(bootstrap).withCompression("none"), pool, "bench", sensors, 1, phases));
    long chunkMicros = pool.chunkMicros();
    long chunks = (warmup + seconds) * 1_000_000L / chunkMicros;
    long origin = System.currentTimeMillis() * 1000;
    long from = origin + warmup * 1_000_000L;
    long to = origin + (warmup + seconds) * 1_000_000L;
    latencies.measure(from, to);
    ReplayedSensors.Background feed = replay.inBackground(chunks, origin, "soundtag-bench-sensors");
    sleepUntilMicros(from);
    CpuClock.Reading start = cpu.get();
    double levelsStart = levelsCpu.getAsDouble();
    sleepUntilMicros(to);
    CpuClock.Reading end = cpu.get();
    double levelsCores = (levelsCpu.getAsDouble() - levelsStart) / ((end.wallNanos() - start.wallNanos()) / 1e9);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    feed.join();
    int expected = 0;
    for (long phase : phases) {
      expected += windowsEndingIn(from, to, origin + phase, chunks * pool.chunkSamples(), m);
    }
    long drainUntil = System.nanoTime() + 10_000_000_000L;
    while (latencies.count() < expected && System.nanoTime() < drainUntil) {
      Thread.sleep(100);
    }
    int tagged = latencies.count();
    double p99 = latencies.percentileMillis(0.99);
    boolean sustained = tagged >= expected && p99 <= boundMillis;
    return new Step(sensors, expected, tagged, latencies.percentileMillis(0.50), latencies.percentileMillis(0.95), p99,
        latencies.percentileMillis(0.999), latencies.percentileMillis(1.0), end.processCores(start), end.markedCores(start),
        levelsCores, load, sustained, (double) sensors * m.sampleRate() / m.hopSamples(), Memory.NOT_MEASURED);
  }

  /** Windows of one sensor whose end capture time is in {@code [from, to)}, of {@code samples} samples produced. */
  private static int windowsEndingIn(long from, long to, long origin, long samples, BundleManifest m) {
    int n = 0;
    for (long start = 0; start + m.windowSamples() <= samples; start += m.hopSamples()) {
      long end = origin + (start + m.windowSamples()) * 1_000_000L / m.sampleRate();
      if (end >= from && end < to) {
        n++;
      }
    }
    return n;
  }

  private static void sleepUntilMicros(long micros) throws InterruptedException {
    long wait = micros / 1000 - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
