package io.soundtag.ops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.release.ReleaseLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soundtag trainer run} in a child JVM, killed with SIGKILL mid-run (after its first epoch's
 * checkpoint), started again: it resumes the run and records one release. Started a third time
 * with its memory of the last run deleted (as if killed between publishing and remembering), it
 * finds in the release log that the served release was trained on these very labels and records
 * nothing more.
 */
class SidecarRestartIT {

  @TempDir
  Path dir;

  @Test
  void aSidecarKilledMidRunResumesAndNeverRecordsACandidateTwice() throws Exception {
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(broker.bootstrapServers(), new TopicLayout(1, (short) 1));
      KafkaConnection kafka = KafkaConnection.to(broker.bootstrapServers());
      SidecarClips clips = new SidecarClips();
      clips.write(kafka, 5, 100, SplitHint.GATE, k -> k);
      clips.write(kafka, 14, 200, SplitHint.ANY, k -> k);
      Path recipe = dir.resolve("recipe.json");
      Files.writeString(recipe, SidecarClips.recipe(5));
      Path cache = dir.resolve("sidecar");
      ReleaseLog log = new ReleaseLog(kafka);

      Process first = sidecar(broker.bootstrapServers(), recipe, cache, 1);
      try {
        await(() -> checkpointed(cache) || !first.isAlive(), Duration.ofSeconds(90));
        assertThat(first.isAlive()).as("first sidecar still running; log: %s", log(1)).isTrue();
      } finally {
        first.destroyForcibly();
        first.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(log.history("city")).as("killed before deciding; log: %s", log(1)).isEmpty();

      Process second = sidecar(broker.bootstrapServers(), recipe, cache, 2);
      try {
        await(() -> !log.history("city").isEmpty() || !second.isAlive(), Duration.ofSeconds(120));
        assertThat(log.history("city")).as("log: %s", log(2)).hasSize(1);
        assertThat(Files.readString(dir.resolve("sidecar-2.log"))).as("resumed the killed run").contains("resuming after epoch");
      } finally {
        second.destroyForcibly();
        second.waitFor(30, TimeUnit.SECONDS);
      }

      Files.delete(cache.resolve("sidecar-state.json"));
      Process third = sidecar(broker.bootstrapServers(), recipe, cache, 3);
      try {
        await(() -> log(3).contains("nothing to do") || !third.isAlive(), Duration.ofSeconds(60));
        assertThat(log(3)).contains("the served release city:1 was trained on these labels with this recipe; nothing to do");
      } finally {
        third.destroyForcibly();
        third.waitFor(30, TimeUnit.SECONDS);
      }
      List<ModelRelease> history = log.history("city");
      assertThat(history).as("one release, however often the sidecar was killed").hasSize(1);
      assertThat(history.get(0).getRelease()).isEqualTo(1);
    }
  }

  private static boolean checkpointed(Path cache) {
    Path runs = cache.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(runs)) {
      return files.anyMatch(p -> p.getFileName().toString().equals("state.json") && p.getParent().getFileName().toString()
          .startsWith("epoch-"));
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return false; // a checkpoint being renamed into place as we look
    }
  }

  private Process sidecar(String bootstrap, Path recipe, Path cache, int run) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true",
        "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
        "-cp", System.getProperty("java.class.path"),
        "io.soundtag.ops.cli.SoundtagCommand", "trainer", "run",
        "--bootstrap-servers", bootstrap,
        "--deployment", "city",
        "--recipe", recipe.toString(),
        "--cache-dir", cache.toString(),
        "--min-new-labels", "10",
        "--every", "off",
        "--min-gain", "0.05",
        "--shadow-seconds", "0",
        "--poll-ms", "300",
        "--metrics-port", "-1"));
    File out = dir.resolve("sidecar-" + run + ".log").toFile();
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out);
    builder.environment().put("OMP_NUM_THREADS", "1");
    return builder.start();
  }

  private String log(int run) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("sidecar-" + run + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (Exception e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }
}
