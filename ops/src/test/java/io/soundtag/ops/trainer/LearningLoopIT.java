package io.soundtag.ops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SoundClass;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import io.soundtag.trainer.gate.GateRules;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.release.TaggerStatusReader;
import io.soundtag.trainer.sidecar.Sidecar;
import io.soundtag.trainer.sidecar.SidecarConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on an embedded broker, with real training and two running taggers: labels of two
 * classes make release 1, which the taggers serve; labels of two more classes make release 2 (the
 * classes changed on purpose), which both taggers swap in, and their tags on held-out clips of all
 * four classes get measurably better; a poisoned batch is trained, refused by the gate, and release 2
 * keeps serving; a rollback to release 1 is followed by both taggers.
 */
class LearningLoopIT {

  @TempDir
  Path dir;

  @Test
  void labelsTeachTheRunningTaggersAndTheGateKeepsAPoisonedBatchOut() throws Exception {
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(broker.bootstrapServers(), new TopicLayout(2, (short) 1));
      KafkaConnection kafka = KafkaConnection.to(broker.bootstrapServers());
      ReleaseLog log = new ReleaseLog(kafka);
      SidecarClips clips = new SidecarClips();
      SidecarConfig config = SidecarConfig.of(kafka, dir.resolve("sidecar"))
          .withDeployment("city")
          .withRecipe(TrainingRecipe.parse(SidecarClips.supervised(12)))
          .withSchedule(10, null)
          .withRules(new GateRules(0.05, 5, 0.2, 0.05))
          .withShadow(Duration.ZERO, 0)
          .withPoll(Duration.ofMillis(300))
          .withDevice(Device.cpu())
          .withCreatedBy("sidecar@loop");

      // 1. Labels of two classes: release 1.
      int firstOnly = 2;
      clips.write(kafka, 5, 100, SplitHint.GATE, k -> k, firstOnly);
      clips.write(kafka, 12, 200, SplitHint.ANY, k -> k, firstOnly);
      ModelRelease first;
      try (Sidecar sidecar = Sidecar.start(config)) {
        await(() -> log.history("city").size() >= 1, Duration.ofSeconds(120), () -> sidecar.status().toString());
        first = log.history("city").get(0);
      }
      assertThat(first.getDecision()).isEqualTo(ReleaseDecision.PROMOTED);
      assertThat(first.getClasses()).containsExactlyInAnyOrder("siren", "dog_bark");
      ModelBundle base = ModelBundle.fromBytes(SidecarIT.bytes(first.getBundle()));

      try (Tagger a = startTagger(kafka, base, "tagger-a"); Tagger b = startTagger(kafka, base, "tagger-b");
          TagReader tags = new TagReader(kafka)) {
        double before = tags.topOneAccuracy(clips, "p1", 6);
        assertThat(before).as("release 1 knows two of the four classes").isLessThanOrEqualTo(0.6);

        // 2. Labels of two more classes (written while the sidecar is down, so that one run sees all of
        // them): release 2, with the new classes, swapped into both running taggers.
        clips.write(kafka, 5, 300, SplitHint.GATE, k -> k, SidecarClips.CLASSES.size());
        clips.write(kafka, 12, 400, SplitHint.ANY, k -> k, SidecarClips.CLASSES.size());
        try (Sidecar sidecar = Sidecar.start(config)) {
          await(() -> log.history("city").size() >= 2, Duration.ofSeconds(180), () -> sidecar.status().toString());
          assertThat(log.history("city").get(1).getDecision()).as(sidecar.status().lastDecision())
              .isEqualTo(ReleaseDecision.PROMOTED);
        }
        ModelRelease second = log.history("city").get(1);
        assertThat(second.getClassesChanged()).isTrue();
        assertThat(second.getParentRelease()).isEqualTo(1L);
        awaitServed(kafka, 2, a, b);

        double after = tags.topOneAccuracy(clips, "p2", 6);
        System.out.printf("LearningLoopIT: held-out top-1 accuracy of the running taggers %.3f with release 1, %.3f with release 2%n",
            before, after);
        assertThat(after).as("held-out top-1 accuracy of the running taggers: %.2f with release 1, %.2f with release 2",
            before, after).isGreaterThan(before + 0.25);

        // 3. A poisoned batch (every clip labelled as the next class): trained, refused, release 2 keeps serving.
        clips.write(kafka, 30, 500, SplitHint.TRAIN, k -> (k + 1) % SidecarClips.CLASSES.size(), SidecarClips.CLASSES.size());
        try (Sidecar sidecar = Sidecar.start(config)) {
          await(() -> log.history("city").size() >= 3, Duration.ofSeconds(180), () -> sidecar.status().toString());
          assertThat(log.history("city").get(2).getDecision()).as(sidecar.status().lastDecision())
              .isEqualTo(ReleaseDecision.REFUSED);
        }
        assertThat(log.current("city").orElseThrow().getRelease()).isEqualTo(2);
        Thread.sleep(2_000);
        assertThat(a.status().getServedRelease()).isEqualTo(2);
        assertThat(b.status().getServedRelease()).isEqualTo(2);

        // 4. A rollback to release 1 is a new release, followed by every tagger.
        ModelRelease rollback = log.rollback("city", 1L, "operator").release();
        assertThat(rollback.getDecision()).isEqualTo(ReleaseDecision.ROLLBACK);
        assertThat(rollback.getSha256()).isEqualTo(first.getSha256());
        awaitServed(kafka, rollback.getRelease(), a, b);
        assertThat(a.servedModel()).hasToString("city:" + rollback.getRelease());
        assertThat(b.servedModel()).hasToString("city:" + rollback.getRelease());
      }
    }
  }

  private Tagger startTagger(KafkaConnection kafka, ModelBundle bundle, String instance) {
    TaggerConfig config = new TaggerConfig("loop", kafka, dir.resolve(instance), 1, true, ReassemblyPolicy.defaults(),
        new BatchPolicy(8, 20), new TagPolicy(3, null), EventPolicy.defaults());
    return Tagger.start(TaggerSettings.of(config, bundle).withDeployment("city").withInstanceId(instance)
        .withHeartbeat(Duration.ofSeconds(1)));
  }

  /** Waits until both taggers serve {@code release} and say so on audio.status. */
  private static void awaitServed(KafkaConnection kafka, long release, Tagger a, Tagger b) throws InterruptedException {
    TaggerStatusReader statuses = new TaggerStatusReader(kafka);
    await(() -> a.status().getServedRelease() == release && b.status().getServedRelease() == release
            && statuses.read().stream().filter(s -> s.getDeployment().equals("city")).count() == 2
            && statuses.read().stream().allMatch(s -> s.getServedRelease() == release),
        Duration.ofSeconds(60), () -> a.status() + " / " + b.status());
  }

  private static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s; %s", timeout, state.get()).isLessThan(deadline);
      Thread.sleep(300);
    }
  }

  /** Reads audio.tags as a downstream consumer would and scores the tags of held-out sensors. */
  private static final class TagReader implements AutoCloseable {

    private final KafkaConnection kafka;
    private final KafkaConsumer<String, TagEvent> consumer;
    private final Map<String, List<TagEvent>> bySensor = new HashMap<>();

    TagReader(KafkaConnection kafka) {
      this.kafka = kafka;
      consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
          ConsumerConfig.GROUP_ID_CONFIG, "loop-" + UUID.randomUUID(),
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new StringDeserializer(),
          ContractSerdes.tagEvent().deserializer());
      consumer.subscribe(List.of(Topics.AUDIO_TAGS));
    }

    /**
     * Plays {@code seconds} of unseen clips of each class as its own sensor and returns the share of
     * their windows whose best-scored label is the class played.
     */
    double topOneAccuracy(SidecarClips clips, String phase, int seconds) throws InterruptedException {
      List<String> sensors = new ArrayList<>();
      for (SoundClass c : SidecarClips.CLASSES) {
        String sensor = phase + "-" + c.label();
        sensors.add(sensor);
        clips.sendLive(kafka, sensor, c, seconds);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      // 1 s chunks, 500 ms windows every 250 ms
      int expected = seconds * 4 - 1;
      while (sensors.stream().anyMatch(s -> bySensor.getOrDefault(s, List.of()).size() < expected)) {
        assertThat(System.nanoTime()).as("tags of %s: %s", sensors, counts(sensors)).isLessThan(deadline);
        for (ConsumerRecord<String, TagEvent> r : consumer.poll(Duration.ofMillis(300))) {
          bySensor.computeIfAbsent(r.value().getSensorId().toString(), k -> new ArrayList<>()).add(r.value());
        }
      }
      int right = 0;
      int all = 0;
      for (SoundClass c : SidecarClips.CLASSES) {
        for (TagEvent t : bySensor.get(phase + "-" + c.label())) {
          all++;
          if (!t.getTopK().isEmpty() && t.getTopK().get(0).getLabel().toString().equals(c.label())) {
            right++;
          }
        }
      }
      return right / (double) all;
    }

    private Map<String, Integer> counts(List<String> sensors) {
      Map<String, Integer> n = new HashMap<>();
      sensors.forEach(s -> n.put(s, bySensor.getOrDefault(s, List.of()).size()));
      return n;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
