package io.soundtag.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.dashboard.alerts.AlertRule;
import io.soundtag.dashboard.alerts.Alerts;
import io.soundtag.dashboard.alerts.AlertsConfig;
import io.soundtag.dashboard.alerts.RetryPolicy;
import io.soundtag.dashboard.alerts.Tier;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code soundtag bench alerts}: how long after a sound starts its alert reaches a webhook. One
 * JVM runs an embedded broker, sensors replaying pre-rendered scenes at real time, a tagger, the
 * dashboard and its alerts (every sound event is an alert) posting to a local webhook receiver.
 * Each alert is timed from the capture time of its sound's onset (as the tagger placed it) to its
 * receipt, and split into three stages: until the sound event is readable on
 * {@code audio.events} (windows, the tagger's k-of-n onset rule, the exactly-once commit; seen by
 * a consumer of the bench's own), until the dashboard's alerts raised it (their consumer), and
 * until the webhook had it (delivery).
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
    description = {"Capture-to-webhook latency of alerts: simulated sensors, tagger, dashboard and a local webhook in one JVM;",
        "p50/p99 of the whole and of each stage (tagger, dashboard's events consumer, webhook delivery)."})
public final class AlertBenchCommand implements Callable<Integer> {

  @Option(names = "--sensors", defaultValue = "8", description = "Simulated real-time sensors (default: ${DEFAULT-VALUE}).")
  int sensors;

  @Option(names = "--seconds", defaultValue = "120", description = "Measured span, s (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "10",
      description = "Warm-up before the span, s; alerts of sounds starting in it are not counted (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--model", paramLabel = "FILE", description = "Model bundle (default: the shipped model).")
  Path model;

  @Option(names = "--failing-every", paramLabel = "N", defaultValue = "0",
      description = "The webhook answers 503 to the first attempt of every N-th alert, which is then retried after the"
          + " first back-off (0.5 s); 0: it takes every alert (default: ${DEFAULT-VALUE}).")
  int failingEvery;

  /**
   * One alert at the webhook and when each stage had it, µs since the epoch.
   *
   * @param retried whether the webhook refused its first attempt
   */
  record Timed(String sensor, String label, long onsetMicros, long eventReadableMicros, long raisedMicros, long receivedMicros,
      boolean retried) {}

  @Override
  public Integer call() throws Exception {
    if (sensors < 1 || seconds < 1 || warmup < 0 || failingEvery < 0) {
      throw new IllegalArgumentException("need --sensors and --seconds of at least 1, --warmup and --failing-every of 0 or more");
    }
    PrintStream out = System.out;
    ModelBundle bundle = DefaultModel.load(model);
    SceneAudioPool pool = SceneAudioPool.render(Math.min(sensors, 16), 30, bundle.manifest().sampleRate(), 500, 42);
    out.printf("soundtag bench alerts: model %s, %d real-time simulated sensors (500 ms chunks), %d s warm-up, %d s measured;%n"
        + "broker, sensors, tagger (exactly-once, onset %s), dashboard and webhook receiver in this JVM, %d processors;%n"
        + "%s.%n%n",
        ModelId.of(bundle.manifest()), sensors, warmup, seconds, describe(EventPolicy.defaults()),
        Runtime.getRuntime().availableProcessors(), failingEvery == 0 ? "the webhook takes every alert at once"
            : "the webhook refuses the first attempt of every " + failingEvery + "th alert (503)");
    List<Timed> timed = run(bundle, pool);
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    if (timed.isEmpty()) {
      out.println("no alert reached the webhook in the measured span; run longer (--seconds) or with more --sensors");
      return 1;
    }
    out.printf("%d alerts at the webhook of the %d sounds starting in the measured span on audio.events; load average %.1f at the end%n%n",
        timed.size(), soundsInSpan, load);
    out.println("stage                                                    |   p50 s |   p99 s |   max s");
    row(out, "capture of the onset → event readable on audio.events", timed, t -> t.eventReadableMicros() - t.onsetMicros());
    row(out, "event readable → alert raised by the dashboard", timed, t -> t.raisedMicros() - t.eventReadableMicros());
    row(out, "alert raised → webhook received", timed, t -> t.receivedMicros() - t.raisedMicros());
    row(out, "capture of the onset → webhook received (total)", timed, t -> t.receivedMicros() - t.onsetMicros());
    List<Timed> once = timed.stream().filter(t -> !t.retried()).toList();
    if (failingEvery > 0 && !once.isEmpty()) {
      out.printf("%nthe %d alerts taken at their first attempt (%d were retried):%n", once.size(), timed.size() - once.size());
      row(out, "alert raised → webhook received", once, t -> t.receivedMicros() - t.raisedMicros());
      row(out, "capture of the onset → webhook received (total)", once, t -> t.receivedMicros() - t.onsetMicros());
    }
    if (timed.size() < 100) {
      out.printf("%nwith %d alerts p99 is the slowest but one or the slowest; run longer for a steadier p99.%n", timed.size());
    }
    return 0;
  }

  private static String describe(EventPolicy p) {
    return p.k() + " of " + p.n() + " windows above threshold";
  }

  private static void row(PrintStream out, String name, List<Timed> timed, java.util.function.ToLongFunction<Timed> stage) {
    List<Long> v = new ArrayList<>();
    timed.forEach(t -> v.add(stage.applyAsLong(t)));
    Collections.sort(v);
    out.printf("%-56s | %7.2f | %7.2f | %7.2f%n", name, percentile(v, 0.5) / 1e6, percentile(v, 0.99) / 1e6,
        v.get(v.size() - 1) / 1e6);
  }

  /** Nearest rank. */
  static long percentile(List<Long> sorted, double q) {
    return sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
  }

  /** Sounds whose onset is in the measured span, as seen on the events topic by the bench's own consumer. */
  private long soundsInSpan;

  private List<Timed> run(ModelBundle bundle, SceneAudioPool pool) throws Exception {
    Path dir = Files.createTempDirectory("soundtag-bench-alerts-");
    Lifecycle lifecycle = new Lifecycle();
    lifecycle.own(() -> FileUtils.deleteQuietly(dir.toFile()));
    List<Timed> timed = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    lifecycle.own(() -> hook.stop(0));
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(2, (short) 1));
      KafkaConnection connection = KafkaConnection.to(bootstrap);
      EventSightings sightings = lifecycle.own(new EventSightings(connection));
      TaggerConfig config = new TaggerConfig("soundtag-bench-alerts", connection, dir.resolve("tagger"), 1, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null), EventPolicy.defaults());
      lifecycle.own(Tagger.start(TaggerSettings.of(config, bundle).withFollowReleases(false)));
      Dashboard dashboard = lifecycle.own(Dashboard.start(DashboardConfig.defaults(connection).withBind("127.0.0.1", 0)
          .withTokenFile(dir.resolve("dashboard.token")).withReadOnly(true).withCandidateScoring(0)));

      AtomicLongArray window = new AtomicLongArray(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
      ObjectMapper json = new ObjectMapper();
      Set<String> refused = ConcurrentHashMap.newKeySet();
      AtomicLong firstAttempts = new AtomicLong();
      hook.createContext("/hook", ex -> {
        long at = System.currentTimeMillis() * 1000;
        try {
          JsonNode a = json.readTree(ex.getRequestBody());
          long onset = a.path("onsetMicros").asLong();
          String sensor = a.path("sensorId").asText();
          String label = a.path("label").asText();
          String key = sensor + '\u0000' + label + '\u0000' + onset;
          boolean retry = refused.contains(key);
          if (!retry && failingEvery > 0 && firstAttempts.incrementAndGet() % failingEvery == 0) {
            refused.add(key);
            ex.sendResponseHeaders(503, -1);
            return;
          }
          if (onset >= window.get(0) && onset < window.get(1)) {
            timed.add(new Timed(sensor, label, onset, sightings.firstSeen(sensor, label, onset),
                a.path("firedAtMillis").asLong() * 1000, at, retry));
          }
          ex.sendResponseHeaders(204, -1);
        } finally {
          ex.close();
        }
      });
      hook.start();
      lifecycle.own(Alerts.start(new AlertsConfig(List.of(new AlertRule("*", Tier.ALERT, 0)), List.of(), ZoneOffset.UTC,
          URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"), null, "soundtag/alerts", null,
          RetryPolicy.defaults(), dir.resolve("alerts-dead-letters.jsonl")), connection, dashboard.url()));

      ReplayedSensors replay = lifecycle.own(new ReplayedSensors(ProducerSettings.defaults(bootstrap), pool, "bench", sensors, 1));
      long chunks = (warmup + seconds) * 1_000_000L / pool.chunkMicros();
      long origin = System.currentTimeMillis() * 1000;
      window.set(0, origin + warmup * 1_000_000L);
      window.set(1, origin + (warmup + seconds) * 1_000_000L);
      ReplayedSensors.Background feed = replay.inBackground(chunks, origin, "soundtag-bench-sensors");
      feed.join();
      Thread.sleep(5000); // the last sounds' events and their alerts
      soundsInSpan = sightings.count(window.get(0), window.get(1));
      return timed.stream().filter(t -> t.eventReadableMicros() > 0).sorted(Comparator.comparingLong(Timed::onsetMicros)).toList();
    } finally {
      lifecycle.closeAll();
    }
  }
}
