package io.soundtag.ops.bench;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag bench soak}: the whole pipeline (an embedded broker, replayed real-time sensors
 * and a tagger, in this JVM) for a long time, with one line per interval of what grows when
 * something leaks: heap (in use, and retained after the last collection), the process's resident
 * memory (from {@code /proc/self/status}: the heap plus native memory, where DJL's tensors live),
 * open files ({@code /proc/self/fd}), the tagger's state stores on disk, the models open, and the
 * interval's windows and end-to-end latency.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Run broker, real-time sensors and tagger for a long time, reporting memory, files, state and latency per interval.")
public final class SoakCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--sensors", defaultValue = "300", description = "Real-time simulated sensors (default: ${DEFAULT-VALUE}).")
  int sensors;

  @Option(names = "--minutes", defaultValue = "30", description = "How long to run, minutes; fractions allowed (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(names = "--report-seconds", defaultValue = "60", description = "Seconds between report lines (default: ${DEFAULT-VALUE}).")
  int reportSeconds;

  @Option(names = "--threads", defaultValue = "2", description = "Tagger stream threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions of audio.chunks (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--tracks", defaultValue = "16", description = "Distinct pre-rendered scenes replayed by the sensors (default: ${DEFAULT-VALUE}).")
  int tracks;

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (default: the shipped model).")
  Path model;

  @Option(names = "--chunk-retention-minutes", paramLabel = "MINUTES",
      description = "Keep audio.chunks this long instead of the deployed 24 h, so that a long run at many sensors"
          + " (about 2 GB of broker log a minute at 300 sensors) fits on this machine's disk (default: 24 h).")
  Integer chunkRetentionMinutes;

  /** One interval's figures. */
  record Row(double minute, int windows, double p50, double p99, double max, long heapUsedMb, long heapRetainedMb,
      long heapCommittedMb, long rssMb, int openFiles, long stateMb, long brokerMb, int openModels, double load) {}

  @Override
  public Integer call() throws Exception {
    if (sensors < 1 || minutes <= 0 || reportSeconds < 1) {
      throw new IllegalArgumentException("need --sensors >= 1, --minutes > 0 and --report-seconds >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    ModelBundle bundle = DefaultModel.load(model);
    BundleManifest m = bundle.manifest();
    SceneAudioPool pool = SceneAudioPool.render(tracks, 30, m.sampleRate(), 500, 42);
    Path dir = Files.createTempDirectory("soundtag-soak-");
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own(() -> FileUtils.deleteQuietly(dir.toFile()));
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(partitions, (short) 1));
      String chunksKept = "24 h";
      if (chunkRetentionMinutes != null) {
        shortenChunkRetention(bootstrap, chunkRetentionMinutes);
        chunksKept = chunkRetentionMinutes + " min";
      }
      Path state = dir.resolve("tagger");
      TaggerConfig config = new TaggerConfig("soundtag-soak", KafkaConnection.to(bootstrap), state, threads, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(32, 50), new TagPolicy(3, null), EventPolicy.defaults());
      Tagger tagger = lifecycle.own(Tagger.start(TaggerSettings.of(config, bundle).withFollowReleases(false)));
      TagLatencies latencies = lifecycle.own(new TagLatencies(bootstrap));
      long[] phases = ReplayedSensors.randomPhases(sensors, pool.chunkMicros(), TaggerBenchCommand.PHASE_SEED);
      ReplayedSensors replay = lifecycle.own(new ReplayedSensors(
          ProducerSettings.defaults(bootstrap).withCompression("none"), pool, "soak", sensors, 1, phases));
      out.printf("soundtag bench soak: %d staggered real-time sensors for %s min, model %s, %d stream thread(s),"
              + " %d partitions, %d processors; broker, sensors and tagger in this JVM (pid %d)%n",
          sensors, minutes, ModelId.of(m), threads, partitions, Runtime.getRuntime().availableProcessors(),
          ProcessHandle.current().pid());
      out.printf("heap = in use now / retained after the last collection / committed; RSS = resident memory of the process"
          + " (the heap's touched pages + native: DJL, RocksDB, threads, code);%n");
      if (!heapFixed()) {
        out.println("the heap may grow (-Xms < -Xmx, not pre-touched), so RSS growth mixes heap and native memory;"
            + " run with -Xms = -Xmx and -XX:+AlwaysPreTouch to see native growth alone");
      }
      out.println("state = the tagger's state directory on disk; broker = the broker's logs (audio.chunks keeps " + chunksKept
          + "); latency = TagEvent read (read_committed) − window end");
      out.println();
      out.println("  minute | windows |  p50 ms |  p99 ms |  max ms | heap MB (used/retained/committed) | RSS MB"
          + " | open files | state MB | broker MB | models open | load avg");

      long origin = System.currentTimeMillis() * 1000;
      long runMicros = (long) (minutes * 60_000_000L);
      long chunks = runMicros / pool.chunkMicros();
      latencies.measure(origin, Long.MAX_VALUE);
      ReplayedSensors.Background feed = replay.inBackground(chunks, origin, "soundtag-soak-sensors");
      Row first = null;
      Row last = null;
      for (long at = reportSeconds * 1_000_000L; at <= runMicros; at += reportSeconds * 1_000_000L) {
        Thread.sleep(Math.max(0, (origin + at) / 1000 - System.currentTimeMillis()));
        feed.throwIfFailed();
        Row r = sample(at / 60e6, latencies.takeInterval(), state, kafka.dataDir(), tagger);
        out.printf("%8.1f | %7d | %7.0f | %7.0f | %7.0f | %13d / %-6d / %-6d | %6d | %10d | %8d | %9d | %11d | %8.2f%n",
            r.minute(), r.windows(), r.p50(), r.p99(), r.max(), r.heapUsedMb(), r.heapRetainedMb(), r.heapCommittedMb(), r.rssMb(),
            r.openFiles(), r.stateMb(),
            r.brokerMb(), r.openModels(), r.load());
        out.flush();
        if (first == null) {
          first = r;
        }
        last = r;
      }
      replay.stop();
      feed.join();
      if (first != null && last != first) {
        out.printf("%nfrom minute %.1f to %.1f: RSS %+d MB, heap committed %+d MB, heap retained %+d MB,"
                + " open files %+d, state %+d MB%n",
            first.minute(), last.minute(), last.rssMb() - first.rssMb(), last.heapCommittedMb() - first.heapCommittedMb(),
            last.heapRetainedMb() - first.heapRetainedMb(), last.openFiles() - first.openFiles(), last.stateMb() - first.stateMb());
      }
      return 0;
    } finally {
      lifecycle.closeAll();
    }
  }

  private static void shortenChunkRetention(String bootstrap, int minutes) throws Exception {
    if (minutes < 1) {
      throw new IllegalArgumentException("--chunk-retention-minutes must be at least 1, got " + minutes);
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      ConfigResource chunks = new ConfigResource(ConfigResource.Type.TOPIC, Topics.AUDIO_CHUNKS);
      // A segment a minute, so that retention can drop whole segments on time.
      List<AlterConfigOp> ops = List.of(
          new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(minutes * 60_000L)),
              AlterConfigOp.OpType.SET),
          new AlterConfigOp(new ConfigEntry(TopicConfig.SEGMENT_MS_CONFIG, "60000"),
              AlterConfigOp.OpType.SET));
      admin.incrementalAlterConfigs(Map.of(chunks, ops)).all().get();
    }
  }

  /** Whether the heap's resident size cannot change: all of it committed at start and touched. */
  private static boolean heapFixed() {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return args.contains("-XX:+AlwaysPreTouch") && heap.getInit() == heap.getMax();
  }

  private static Row sample(double minute, TagLatencies.Interval latency, Path state, Path broker, Tagger tagger)
      throws IOException {
    long used = 0;
    long retained = 0;
    long committed = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() != MemoryType.HEAP) {
        continue;
      }
      used += pool.getUsage().getUsed();
      committed += pool.getUsage().getCommitted();
      MemoryUsage afterGc = pool.getCollectionUsage();
      retained += afterGc == null ? pool.getUsage().getUsed() : afterGc.getUsed();
    }
    return new Row(minute, latency.windows(), latency.p50(), latency.p99(), latency.max(), used >> 20, retained >> 20,
        committed >> 20,
        ProcessFigures.residentKib() >> 10, ProcessFigures.openFiles(), ProcessFigures.bytesUnder(state) >> 20,
        ProcessFigures.bytesUnder(broker) >> 20, tagger.openModels(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
