package io.soundtag.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.TorchExport;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.avro.SchemaNormalization;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Catch-up of two taggers on one backlog: a fresh embedded broker, {@code audio.chunks} pre-filled
 * with {@code sensors × seconds} of replayed scene audio, then soundtag's tagger (exactly-once, in
 * a JVM of its own) consumes it as fast as it can, then the Python tagger ({@code tagger_peer.py})
 * consumes the same topic in its own consumer group. One after the other, so neither shares the
 * cores with the other.
 *
 * <p>Each side's figure is the CPU time of its own process (user + system, from the kernel), so
 * the broker and the benchmark are out of both. It is taken between the moment a tenth of the
 * windows has been read back from the side's results and the moment all have: start-up (JVM and
 * JIT warm-up, model loading, torch import, TorchScript's first optimising runs, the group join)
 * is out of both too.
 */
final class TaggerCatchUp {

  /** Where the Python tagger writes its results. */
  static final String PEER_TOPIC = "bench.peer.tags";

  private static final String PEER_SCRIPT = "/io/soundtag/ops/bench/tagger_peer.py";
  private static final long STALL_NANOS = 120_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to run: the backlog, soundtag's tagger's settings, the scenes and the Python interpreter. */
  record Settings(int sensors, int seconds, int partitions, int threads, int batchSize, long batchWaitMs, int tracks,
      String python) {

    Settings {
      if (sensors < 1 || seconds < 2 || partitions < 1 || threads < 1 || batchSize < 1 || tracks < 1) {
        throw new IllegalArgumentException("need at least 1 sensor, 2 s of backlog, 1 partition, 1 thread, batches of 1"
            + " and 1 track; got " + this);
      }
    }
  }

  /**
   * One tagger's catch-up: windows expected and tagged; CPU seconds and windows tagged between a
   * tenth of the windows and the last; CPU of the whole run from process start; wall time of the
   * measured part; the 1-minute load average at the end; the measured CPU seconds by thread name
   * (see {@link ProcessFigures#threadCpuNanos}), most first.
   */
  record Run(String tagger, int expected, int tagged, double cpuSeconds, int measuredWindows, double totalCpuSeconds,
      double wallSeconds, double load, Map<String, Double> threadSeconds) {

    double cpuMillisPerWindow() {
      return cpuSeconds * 1000 / measuredWindows;
    }

    double windowsPerCpuSecond() {
      return measuredWindows / cpuSeconds;
    }
  }

  /** Both runs (the peer's empty when its Python lacks a module) and the best label of every window each tagged. */
  record Outcome(Run soundtag, Optional<Run> peer, Map<String, String> soundtagLabels, Map<String, String> peerLabels) {

    /** Windows both tagged whose best labels are the same. */
    long sameTopLabel() {
      return soundtagLabels.entrySet().stream().filter(e -> e.getValue().equals(peerLabels.get(e.getKey()))).count();
    }

    /** Windows both tagged. */
    long taggedByBoth() {
      return soundtagLabels.keySet().stream().filter(peerLabels::containsKey).count();
    }
  }

  private TaggerCatchUp() {}

  /** Runs both taggers on one backlog; progress and a skipped peer's reason go to {@code out}. */
  static Outcome run(ModelBundle bundle, Path bundleFile, Settings s, PrintWriter out) throws Exception {
    BundleManifest m = bundle.manifest();
    SceneAudioPool pool = SceneAudioPool.render(s.tracks(), 30, m.sampleRate(), 500, 42);
    long chunks = s.seconds() * 1_000_000L / pool.chunkMicros();
    int expected = s.sensors() * windowsPerSensor(chunks * pool.chunkSamples(), m);
    Path dir = Files.createTempDirectory("soundtag-catch-up-");
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own(() -> FileUtils.deleteQuietly(dir.toFile()));
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(s.partitions(), (short) 1));
      createTopic(bootstrap, PEER_TOPIC, s.partitions());
      long t0 = System.nanoTime();
      try (ReplayedSensors backlog = new ReplayedSensors(ProducerSettings.defaults(bootstrap).withCompression("none"),
          pool, "backlog", s.sensors(), 0)) {
        backlog.run(chunks, System.currentTimeMillis() * 1000 - s.seconds() * 1_000_000L);
      }
      out.printf("backlog: %d sensors × %d s = %d chunks of 500 ms on %d partitions (written in %.1f s), %d windows to tag%n",
          s.sensors(), s.seconds(), s.sensors() * chunks, s.partitions(), (System.nanoTime() - t0) / 1e9, expected);
      out.flush();

      if (bundleFile == null) {
        bundleFile = dir.resolve("model.bundle");
        bundle.write(bundleFile);
      }
      Run soundtag;
      Map<String, String> soundtagLabels;
      try (TaggedWindows results = new TaggedWindows(bootstrap, Topics.AUDIO_TAGS, TaggerCatchUp::tagEventResult);
          TaggerProcess tagger = TaggerProcess.start(bootstrap, bundleFile, dir.resolve("tagger-state"), s.threads(),
              s.batchSize(), s.batchWaitMs(), dir.resolve("tagger.log"))) {
        soundtag = measure("soundtag", tagger.handle(), results, expected, tagger::logTail);
        soundtagLabels = results.labels();
      }
      out.printf("soundtag done: %d of %d windows%n", soundtag.tagged(), expected);
      out.flush();

      Path export = dir.resolve("export");
      TorchExport.write(bundle, export);
      Optional<PythonPeer> started = startPeer(bootstrap, export, s.python(), out);
      if (started.isEmpty()) {
        return new Outcome(soundtag, Optional.empty(), soundtagLabels, Map.of());
      }
      try (PythonPeer peer = started.get();
          TaggedWindows results = new TaggedWindows(bootstrap, PEER_TOPIC, TaggerCatchUp::peerResult)) {
        Run python = measure("python", peer.handle(), results, expected, peer::outputAfterExit);
        return new Outcome(soundtag, Optional.of(python), soundtagLabels, results.labels());
      }
    } finally {
      lifecycle.closeAll();
    }
  }

  /**
   * Starts the Python tagger on {@code bootstrap} with the model exported in {@code export}, writing
   * to {@link #PEER_TOPIC}; empty, with the reason on {@code out}, when {@code python} cannot run it.
   */
  static Optional<PythonPeer> startPeer(String bootstrap, Path export, String python, PrintWriter out)
      throws IOException, InterruptedException {
    return PythonPeer.start("python tagger", python, PEER_SCRIPT,
        List.of(bootstrap, export.toString(), "python-tagger", PEER_TOPIC, audioChunkMarker()), null, out);
  }

  /**
   * Watches one tagger's results until every window has been read back (or nothing new came for
   * two minutes) and reads its process's CPU time at a tenth of the windows and at the last.
   */
  private static Run measure(String name, ProcessHandle process, TaggedWindows results, int expected,
      Supplier<String> whyStopped) throws InterruptedException, IOException {
    int warm = Math.max(1, expected / 10);
    Map<String, Long> threads0 = Map.of();
    long cpu0 = -1;
    int n0 = 0;
    long wall0 = 0;
    int last = -1;
    long lastProgress = System.nanoTime();
    while (true) {
      int n = results.count();
      long now = System.nanoTime();
      if (n >= expected || now - lastProgress > STALL_NANOS) {
        long cpu1 = cpuNanos(process);
        Map<String, Double> threads = threadSecondsSince(threads0, ProcessFigures.threadCpuNanos(process.pid()));
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return cpu0 < 0
            ? new Run(name, expected, n, Double.NaN, 0, cpu1 / 1e9, Double.NaN, load, threads)
            : new Run(name, expected, n, (cpu1 - cpu0) / 1e9, n - n0, cpu1 / 1e9, (now - wall0) / 1e9, load, threads);
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " tagger exited after " + n + " of " + expected + " windows:\n"
            + whyStopped.get());
      }
      if (cpu0 < 0 && n >= warm) {
        threads0 = ProcessFigures.threadCpuNanos(process.pid());
        cpu0 = cpuNanos(process);
        n0 = n;
        wall0 = now;
      }
      if (n != last) {
        last = n;
        lastProgress = now;
      }
      Thread.sleep(20);
    }
  }

  /**
   * CPU seconds of each thread group since {@code before}, most first; the threads the kernel knows
   * by the first 15 characters of the tagger's application id are called Kafka Streams threads.
   */
  private static Map<String, Double> threadSecondsSince(Map<String, Long> before, Map<String, Long> after) {
    String streams = TaggerProcess.APPLICATION_ID.substring(0, 15);
    Map<String, Double> seconds = new LinkedHashMap<>();
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey().equals(streams) ? "Kafka Streams threads" : e.getKey(),
            (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 1e9))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> seconds.put(e.getKey(), e.getValue()));
    return seconds;
  }

  /** CPU time (user + system) of {@code process} so far, ns. */
  static long cpuNanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElseThrow(() ->
        new IllegalStateException("the OS does not report the CPU time of process " + process.pid()));
  }

  /** Windows of one sensor's stream of {@code samples} samples, cut from its start as the tagger cuts them. */
  static int windowsPerSensor(long samples, BundleManifest m) {
    return samples < m.windowSamples() ? 0 : (int) ((samples - m.windowSamples()) / m.hopSamples() + 1);
  }

  /**
   * The ten bytes that open every {@code AudioChunk} in Avro single-object encoding (C3 01 and the
   * schema's fingerprint, little-endian), hex after the first two: how the peer recognises them.
   */
  static String audioChunkMarker() {
    long fingerprint = SchemaNormalization.parsingFingerprint64(ContractSerdes.audioChunk().codec().schema());
    return HexFormat.of().formatHex(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint).array());
  }

  private static TaggedWindows.Result tagEventResult(byte[] bytes) {
    TagEvent e = ContractSerdes.tagEvent().codec().decode(bytes);
    String label = e.getTopK().isEmpty() ? "" : e.getTopK().get(0).getLabel();
    return TaggedWindows.Result.of(e.getSensorId(), e.getWindowStartMicros(), label);
  }

  private static TaggedWindows.Result peerResult(byte[] bytes) {
    try {
      JsonNode r = JSON.readTree(bytes);
      return TaggedWindows.Result.of(r.get("sensorId").asText(), r.get("windowStartMicros").asLong(), r.get("label").asText());
    } catch (IOException e) {
      throw new UncheckedIOException("the Python tagger wrote a result that is not JSON", e);
    }
  }

  /** The end of the window of one of the Python tagger's results, µs. */
  static long peerWindowEnd(byte[] bytes) {
    try {
      return JSON.readTree(bytes).get("windowEndMicros").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException("the Python tagger wrote a result that is not JSON", e);
    }
  }

  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }
}
