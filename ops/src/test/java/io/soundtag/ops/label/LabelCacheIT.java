package io.soundtag.ops.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.ClipLabels;
import io.soundtag.trainer.labels.ClipOrigin;
import io.soundtag.trainer.labels.LabelCache;
import io.soundtag.trainer.labels.LabelSnapshot;
import io.soundtag.trainer.labels.LabelWriter;
import io.soundtag.trainer.labels.LabelledClips;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LabelCache} on an embedded broker: it materialises the topic with tombstones and
 * relabels applied, resumes from its offsets, and after a refresh that failed half-way (the disk
 * refused a clip file) it is consistent and the next refresh gives what a fresh cache gives.
 */
class LabelCacheIT {

  @TempDir
  static Path dir;

  static EmbeddedKafka broker;
  static KafkaConnection kafka;

  @BeforeAll
  static void start() {
    broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
    kafka = KafkaConnection.to(broker.bootstrapServers());
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static LabelledClip clip(int n, String label) {
    float[] s = new float[1600];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.3 * Math.sin(2 * Math.PI * (200 + 37 * n) * i / 16_000.0));
    }
    return LabelledClips.build(new MonoAudio(s, 16_000), ClipLabels.of(List.of(label), "ana", n % 3 == 0 ? SplitHint.GATE : SplitHint.ANY),
        ClipOrigin.file("clip-" + n + ".wav"), 1000 + n);
  }

  @Test
  void refreshesResumesHonoursTombstonesAndRelabels() throws Exception {
    String topic = "labels-cache";
    LabelBroker.createTopic(broker.bootstrapServers(), topic, 2, Map.of("cleanup.policy", "compact"));
    List<LabelledClip> clips = new ArrayList<>();
    for (int n = 0; n < 6; n++) {
      clips.add(clip(n, n % 2 == 0 ? "dog" : "siren"));
    }
    try (LabelWriter writer = LabelWriter.open(kafka, topic)) {
      clips.forEach(writer::write);
      writer.delete(clips.get(1).getClipId());
      writer.write(LabelledClip.newBuilder(clips.get(2)).setLabels(List.of("car_horn")).build());
    }
    Path cacheDir = dir.resolve("cache");
    LabelSnapshot first;
    try (LabelCache cache = LabelCache.open(cacheDir, kafka, topic)) {
      first = cache.refresh();
    }
    assertThat(first.clips()).extracting(CachedClip::clipId).doesNotContain(clips.get(1).getClipId()).hasSize(5);
    assertThat(first.counts().perClass()).isEqualTo(Map.of("dog", 2, "siren", 2, "car_horn", 1));
    assertThat(first.endOffsets().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8);
    assertThat(clipFiles(cacheDir)).hasSize(5);
    CachedClip some = first.clips().stream().filter(c -> c.clipId().equals(clips.get(0).getClipId())).findFirst().orElseThrow();
    assertThat(some.audio(16_000).samples()).containsExactly(LabelledClips.audio(clips.get(0), 16_000).samples());
    assertThat(some.audio(8_000).samples()).hasSize(800);

    try (LabelWriter writer = LabelWriter.open(kafka, topic)) {
      writer.write(clip(6, "dog"));
      writer.delete(clips.get(0).getClipId());
    }
    LabelSnapshot resumed;
    try (LabelCache cache = LabelCache.open(cacheDir, kafka, topic)) {
      assertThat(cache.snapshot().labelSetHash()).as("what was stored, before reading Kafka").isEqualTo(first.labelSetHash());
      resumed = cache.refresh();
    }
    assertThat(resumed.size()).isEqualTo(5);
    assertThat(resumed.changedSince(first)).isEqualTo(2);
    assertThat(clipFiles(cacheDir)).hasSize(5);

    LabelSnapshot fresh;
    try (LabelCache cache = LabelCache.open(dir.resolve("fresh"), kafka, topic)) {
      fresh = cache.refresh();
    }
    assertThat(resumed.labelSetHash()).isEqualTo(fresh.labelSetHash());
    assertThat(resumed.endOffsets()).isEqualTo(fresh.endOffsets());
    try (LabelCache cache = LabelCache.open(cacheDir, kafka, topic)) {
      assertThatThrownBy(() -> LabelCache.open(cacheDir, kafka, topic)).hasMessageContaining("another process");
      assertThat(cache.refresh().labelSetHash()).as("nothing new").isEqualTo(fresh.labelSetHash());
    }
  }

  @Test
  void aRefreshThatFailsHalfWayLeavesAConsistentCacheThatCatchesUp() throws Exception {
    String topic = "labels-crash";
    LabelBroker.createTopic(broker.bootstrapServers(), topic, 1, Map.of("cleanup.policy", "compact"));
    List<LabelledClip> clips = new ArrayList<>();
    try (LabelWriter writer = LabelWriter.open(kafka, topic)) {
      for (int n = 0; n < 8; n++) {
        clips.add(clip(n, "c" + n % 3));
        writer.write(clips.get(n));
      }
      writer.write(LabelledClip.newBuilder(clips.get(1)).setLabels(List.of("relabelled")).build());
    }
    // One record per poll, and the disk refuses the file of the record at offset 5.
    KafkaConnection onePerPoll = new KafkaConnection(broker.bootstrapServers(), Map.of("max.poll.records", "1"));
    Path cacheDir = dir.resolve("crash");
    Path blocker = cacheDir.resolve("clips").resolve(clips.get(5).getClipId() + "-0-5.clip.tmp");
    try (LabelCache cache = LabelCache.open(cacheDir, onePerPoll, topic)) {
      Files.createDirectories(blocker);
      Files.writeString(blocker.resolve("in-the-way"), "x");
      assertThatThrownBy(cache::refresh).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write the label cache");
    }
    try (LabelCache cache = LabelCache.open(cacheDir, onePerPoll, topic)) {
      LabelSnapshot partial = cache.snapshot();
      assertThat(partial.endOffsets()).isEqualTo(Map.of(0, 5L));
      assertThat(partial.clips()).extracting(CachedClip::clipId)
          .containsExactlyInAnyOrderElementsOf(clips.subList(0, 5).stream().map(LabelledClip::getClipId).toList());
      assertThat(Files.exists(blocker)).as("left-overs are removed on open").isFalse();
      assertThat(clipFiles(cacheDir)).hasSize(5);

      LabelSnapshot caughtUp = cache.refresh();
      LabelSnapshot fresh;
      try (LabelCache other = LabelCache.open(dir.resolve("crash-fresh"), kafka, topic)) {
        fresh = other.refresh();
      }
      assertThat(caughtUp.labelSetHash()).isEqualTo(fresh.labelSetHash());
      assertThat(caughtUp.counts().perClass()).containsEntry("relabelled", 1);
      assertThat(clipFiles(cacheDir)).isEqualTo(caughtUp.clips().stream()
          .map(c -> c.file().getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  @Test
  void aTopicDeletedAndCreatedAgainIsCachedAfresh() throws Exception {
    String topic = "labels-recreated";
    LabelBroker.createTopic(broker.bootstrapServers(), topic, 1, Map.of("cleanup.policy", "compact"));
    try (LabelWriter writer = LabelWriter.open(kafka, topic)) {
      for (int n = 0; n < 3; n++) {
        writer.write(clip(n, "old"));
      }
    }
    Path cacheDir = dir.resolve("recreated");
    try (LabelCache cache = LabelCache.open(cacheDir, kafka, topic)) {
      assertThat(cache.refresh().counts().perClass()).isEqualTo(Map.of("old", 3));
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.deleteTopics(List.of(topic)).all().get();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (true) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
          break;
        } catch (ExecutionException stillBeingDeleted) {
          if (System.nanoTime() > deadline) {
            throw stillBeingDeleted;
          }
          Thread.sleep(200);
        }
      }
      // The new topic is known to every part of the broker a moment after it is created.
      ConfigResource config = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      while (true) {
        try {
          admin.describeTopics(List.of(topic)).allTopicNames().get();
          admin.describeConfigs(List.of(config)).all().get();
          break;
        } catch (ExecutionException notYet) {
          if (System.nanoTime() > deadline) {
            throw notYet;
          }
          Thread.sleep(200);
        }
      }
    }
    // More records than before, so the stored offsets alone would not show that the topic is new.
    try (LabelWriter writer = LabelWriter.open(kafka, topic)) {
      for (int n = 10; n < 14; n++) {
        writer.write(clip(n, "new"));
      }
    }
    try (LabelCache cache = LabelCache.open(cacheDir, kafka, topic)) {
      LabelSnapshot again = cache.refresh();
      assertThat(again.counts().perClass()).isEqualTo(Map.of("new", 4));
      assertThat(clipFiles(cacheDir)).hasSize(4);
    }
  }

  private static Set<String> clipFiles(Path cacheDir) throws Exception {
    try (Stream<Path> files = Files.list(cacheDir.resolve("clips"))) {
      return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
    }
  }
}
