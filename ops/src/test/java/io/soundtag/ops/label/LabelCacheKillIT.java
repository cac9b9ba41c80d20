package io.soundtag.ops.label;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelCache;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process refreshing a label cache is killed with SIGKILL half-way; the directory it leaves
 * opens consistent (every listed clip has its file, nothing else is left) and the next refresh
 * holds exactly the clips of the topic.
 */
class LabelCacheKillIT {

  private static final int CLIPS = 300;

  @TempDir
  Path dir;

  @Test
  void aCacheKilledMidRefreshIsConsistentAndCatchesUp() throws Exception {
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start()) {
      String topic = "labels-kill";
      LabelBroker.createTopic(broker.bootstrapServers(), topic, 2, Map.of("cleanup.policy", "compact"));
      KafkaConnection kafka = KafkaConnection.to(broker.bootstrapServers());
      List<ClipSummary> expected = new ArrayList<>();
      try (LabelWriter writer = LabelWriter.open(kafka, topic)) {
        for (int n = 0; n < CLIPS; n++) {
          float[] s = new float[8000];
          for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.2 * Math.sin(2 * Math.PI * (100 + n) * i / 16_000.0));
          }
          LabelledClip clip = LabelledClips.build(new MonoAudio(s, 16_000),
              ClipLabels.of(List.of("class-" + n % 7), "ana", SplitHint.ANY), ClipOrigin.file(n + ".wav"), n);
          writer.send(clip);
          expected.add(ClipSummary.of(clip));
        }
        writer.flush();
      }

      Path cacheDir = dir.resolve("cache");
      Process child = refresher(broker.bootstrapServers(), topic, cacheDir);
      long killedAt = waitForPartialState(cacheDir.resolve("state.json"), child);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(killedAt).as("killed part-way through the %d records", CLIPS).isBetween(1L, CLIPS - 1L);

      try (LabelCache cache = LabelCache.open(cacheDir, kafka, topic)) {
        LabelSnapshot left = cache.snapshot();
        assertThat(left.size()).isGreaterThanOrEqualTo((int) killedAt).isLessThan(CLIPS);
        assertThat(clipFiles(cacheDir)).isEqualTo(files(left));
        for (CachedClip c : left.clips()) {
          assertThat(c.audio(16_000).samples()).hasSize(8000);
        }
        LabelSnapshot caughtUp = cache.refresh();
        assertThat(caughtUp.size()).isEqualTo(CLIPS);
        assertThat(caughtUp.labelSetHash()).isEqualTo(LabelSnapshot.labelSetHash(expected));
        assertThat(clipFiles(cacheDir)).isEqualTo(files(caughtUp));
      }
    }
  }

  /** Polls the child's state file until it shows some but not all records read; returns how many. */
  private static long waitForPartialState(Path state, Process child) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(state)) {
        try {
          JsonNode offsets = json.readTree(state.toFile()).get("offsets");
          long read = 0;
          for (JsonNode o : offsets) {
            read += o.asLong();
          }
          if (read > 0) {
            return read;
          }
        } catch (java.io.IOException replacedWhileReading) {
          // The state is replaced by a rename; the next look sees a whole file.
        }
      }
      Thread.sleep(2);
    }
    return child.isAlive() ? -1 : CLIPS;
  }

  private static Process refresher(String bootstrap, String topic, Path cacheDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        RefreshLabelCache.class.getName(), bootstrap, topic, cacheDir.toString())
        .redirectErrorStream(true).redirectOutput(cacheDir.resolveSibling("refresher.log").toFile()).start();
  }

  private static Set<String> files(LabelSnapshot snapshot) {
    return snapshot.clips().stream().map(c -> c.file().getFileName().toString()).collect(Collectors.toSet());
  }

  private static Set<String> clipFiles(Path cacheDir) throws Exception {
    try (Stream<Path> files = Files.list(cacheDir.resolve("clips"))) {
      return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
