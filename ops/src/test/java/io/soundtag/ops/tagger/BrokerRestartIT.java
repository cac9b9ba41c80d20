package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ops.bench.ReplayedSensors;
import io.soundtag.ops.bench.SceneAudioPool;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tagger rides through its broker going away twice: the broker runs as {@code soundtag broker}
 * in a child JVM and is stopped (SIGTERM, a clean shutdown) and later killed (SIGKILL: no shutdown,
 * open transactions and unflushed state left behind), each time started again on the same data
 * directory and port, while real-time sensors keep sending. A read_committed reader of
 * {@code audio.tags} must see every window of every sensor exactly once.
 */
class BrokerRestartIT {

  private static final int SENSORS = 6;
  private static final int CHUNKS = 100; // 50 s of audio per sensor
  private static final double SPEED = 2;

  @TempDir
  Path dir;

  @Test
  void theTaggerRidesThroughABrokerRestartAndABrokerKilledWithEveryWindowExactlyOnce() throws Exception {
    ModelBundle bundle = DefaultModel.load(null);
    BundleManifest manifest = bundle.manifest();
    SceneAudioPool pool = SceneAudioPool.render(4, 10, manifest.sampleRate(), 500, 7);
    int port = freePort();
    String bootstrap = "127.0.0.1:" + port;
    Process broker = broker(port, 1);
    try {
      TaggerConfig config = new TaggerConfig("restart-test", KafkaConnection.to(bootstrap), dir.resolve("tagger"), 2, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(32, 50), new TagPolicy(3, null), EventPolicy.defaults());
      try (Tagger tagger = Tagger.start(TaggerSettings.of(config, bundle).withFollowReleases(false));
          ReplayedSensors sensors = new ReplayedSensors(ProducerSettings.defaults(bootstrap).withCompression("lz4"), pool,
              "restart", SENSORS, SPEED);
          TagLedger ledger = TagLedger.readCommitted(bootstrap)) {
        long origin = System.currentTimeMillis() * 1000;
        AtomicReference<Exception> producing = new AtomicReference<>();
        Thread feed = new Thread(() -> {
          try {
            sensors.run(CHUNKS, origin);
          } catch (Exception e) {
            producing.set(e);
          }
        }, "restart-feed");
        feed.start();
        Set<String> expected = TagLedger.expectedWindows(sensors.sensorIds(), CHUNKS, pool.chunkSamples(), origin, manifest);

        ledger.pollUntil(() -> ledger.events() >= 100, Duration.ofSeconds(90), Duration.ZERO);
        int beforeRestart = ledger.events();
        assertThat(beforeRestart).as("tags before the restart; broker log: %s", log(1)).isGreaterThanOrEqualTo(100);
        broker.destroy(); // SIGTERM: the broker shuts down cleanly
        assertThat(broker.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(3000);
        broker = broker(port, 2);

        ledger.pollUntil(() -> ledger.events() >= beforeRestart + 200, Duration.ofSeconds(120), Duration.ZERO);
        int beforeKill = ledger.events();
        assertThat(beforeKill).as("tags after the restart; broker log: %s", log(2)).isGreaterThanOrEqualTo(beforeRestart + 200);
        assertThat(beforeKill).as("killed before the stream ends").isLessThan(expected.size());
        broker.destroyForcibly(); // SIGKILL
        broker.waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(3000);
        broker = broker(port, 3);

        ledger.pollUntil(() -> ledger.byWindow().size() >= expected.size(), Duration.ofSeconds(180), Duration.ofSeconds(5));
        feed.join();
        assertThat(producing.get()).isNull();
        assertThat(ledger.duplicated()).as("windows tagged twice").isEmpty();
        assertThat(ledger.byWindow().keySet()).as("every window, no other; broker log: %s", log(3))
            .containsExactlyInAnyOrderElementsOf(expected);
        System.out.printf("broker restart: %d tags before the clean restart, %d before the SIGKILL, %d windows, each once"
            + " (%d records handed to the reader again after its group went back); tagger state %s%n", beforeRestart,
            beforeKill, expected.size(), ledger.rereads(), tagger.state());
      }
    } finally {
      broker.destroyForcibly();
      broker.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** {@code soundtag broker} in a child JVM on the test's data directory and port; returns once it is ready. */
  private Process broker(int port, int run) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        "io.soundtag.ops.cli.SoundtagCommand", "broker", "--data-dir", dir.resolve("broker").toString(),
        "--port", String.valueOf(port));
    File out = dir.resolve("broker-" + run + ".log").toFile();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the broker exited with " + p.exitValue() + ": " + log(run));
      }
      if (out.exists() && Files.readString(out.toPath()).contains("broker ready on")) {
        return p;
      }
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the broker did not get ready in 120 s: " + log(run));
  }

  private String log(int run) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("broker-" + run + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }
}
