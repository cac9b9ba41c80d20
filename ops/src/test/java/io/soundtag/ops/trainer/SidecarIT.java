package io.soundtag.ops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.gate.GateRules;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.sidecar.Sidecar;
import io.soundtag.trainer.sidecar.SidecarConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar on an embedded broker with real training on synthetic labelled clips: labels arrive,
 * a run promotes the first release with its lineage; then a poisoned batch (every class's clips
 * labelled as another class) is trained, refused by the gate, and the first release stays served.
 */
class SidecarIT {

  @TempDir
  Path dir;

  @Test
  void labelsBecomeAPromotedReleaseAndAPoisonedBatchIsRefused() throws Exception {
    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(broker.bootstrapServers(), new TopicLayout(1, (short) 1));
      KafkaConnection kafka = KafkaConnection.to(broker.bootstrapServers());
      SidecarClips clips = new SidecarClips();
      clips.write(kafka, 5, 100, SplitHint.GATE, k -> k);
      clips.write(kafka, 14, 200, SplitHint.ANY, k -> k);
      ReleaseLog log = new ReleaseLog(kafka);

      SidecarConfig config = SidecarConfig.of(kafka, dir.resolve("sidecar"))
          .withDeployment("city")
          .withRecipe(TrainingRecipe.parse(SidecarClips.supervised(12)))
          .withSchedule(10, null)
          .withRules(new GateRules(0.05, 5, 0.2, 0.05))
          .withShadow(Duration.ZERO, 0)
          .withPoll(Duration.ofMillis(300))
          .withDevice(Device.cpu())
          .withCreatedBy("sidecar@test");
      try (Sidecar sidecar = Sidecar.start(config)) {
        await(() -> sidecar.status().runs() >= 1, Duration.ofSeconds(90), sidecar);
        // a committed transaction's markers reach the partition shortly after the commit returns
        await(() -> !log.history("city").isEmpty(), Duration.ofSeconds(10), sidecar);
        List<ModelRelease> history = log.history("city");
        assertThat(history).hasSize(1);
        ModelRelease first = history.get(0);
        assertThat(first.getDecision()).as(sidecar.status().lastDecision()).isEqualTo(ReleaseDecision.PROMOTED);
        assertThat(first.getRelease()).isEqualTo(1);
        assertThat(first.getParentRelease()).isNull();
        assertThat(first.getCreatedBy()).isEqualTo("sidecar@test");
        assertThat(first.getLabelSnapshot().getClips()).isEqualTo(76);
        assertThat(first.getLabelSnapshot().getLabelSetHash()).hasSize(64);
        assertThat(first.getLabelSnapshot().getOffsets()).containsKey("0");
        assertThat(TrainingRecipe.parse(first.getRecipe()).hash()).isEqualTo(config.recipe().hash());
        assertThat(first.getGateMetrics()).containsKeys("accuracy", "gate_clips", "gain", "ap.siren");
        assertThat(first.getGateMetrics().get("gate_clips")).isEqualTo(20.0);
        assertThat(first.getParentGateMetrics()).as("the chance baseline").containsEntry("accuracy", 0.25);
        assertThat(first.getGateMetrics().get("accuracy")).isGreaterThan(0.5);
        assertThat(first.getClasses()).containsExactly("dog_bark", "jackhammer", "rain", "siren");
      }

      // every class's clips labelled as the next class: a poisoned batch, never used as gate clips,
      // written while the sidecar is down; started again on its directory it counts them as new
      clips.write(kafka, 30, 300, SplitHint.TRAIN, k -> (k + 1) % SidecarClips.CLASSES.size());
      clips.sendLive(kafka, "street-1", io.soundtag.core.synth.SoundClass.SIREN, 20);
      try (Sidecar sidecar = Sidecar.start(config.withShadow(Duration.ofSeconds(30), 4))) {
        await(() -> sidecar.status().runs() >= 1, Duration.ofSeconds(120), sidecar);
        await(() -> log.history("city").size() >= 2, Duration.ofSeconds(10), sidecar);
        List<ModelRelease> history = log.history("city");
        ModelRelease first = history.get(0);
        assertThat(history).hasSize(2);
        ModelRelease poisoned = history.get(1);
        assertThat(poisoned.getDecision()).as(sidecar.status().lastDecision()).isEqualTo(ReleaseDecision.REFUSED);
        assertThat(poisoned.getParentRelease()).isEqualTo(1L);
        assertThat(poisoned.getGateMetrics().get("accuracy")).isLessThan(first.getGateMetrics().get("accuracy"));
        assertThat(poisoned.getParentGateMetrics().get("accuracy")).as("the served model, scored on the same gate set")
            .isEqualTo(first.getGateMetrics().get("accuracy"), org.assertj.core.data.Offset.offset(1e-9));
        // the shadow run: both models on the sensor's last 20 s of sirens, tag rates and agreement recorded
        assertThat(poisoned.getGateMetrics().get("shadow_windows")).isGreaterThan(30.0);
        assertThat(poisoned.getGateMetrics()).containsKeys("shadow_agreement", "shadow_rate.siren");
        assertThat(poisoned.getParentGateMetrics()).containsKeys("shadow_rate.siren", "shadow_windows");
        assertThat(log.current("city").orElseThrow().getRelease()).as("the first release keeps serving").isEqualTo(1);
        assertThat(ModelBundle.fromBytes(bytes(poisoned.getBundle())).manifest().provenance().get("warm_start"))
            .as("warm-started from the served release").startsWith("city:");
        assertThat(sidecar.status().promoted()).isZero();
        assertThat(sidecar.status().refused()).isEqualTo(1);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(text, sidecar.metrics().registry().scrape());
        String metrics = text.toString(StandardCharsets.UTF_8);
        assertThat(metrics).contains("soundtag_sidecar_decisions_total{decision=\"refused\"} 1.0")
            .contains("soundtag_sidecar_label_clips 196.0")
            .contains("soundtag_sidecar_last_decision_promoted 0.0");
      }
    }
  }

  static byte[] bytes(java.nio.ByteBuffer buffer) {
    java.nio.ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static void await(BooleanSupplier condition, Duration timeout, Sidecar sidecar) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s; sidecar status %s", timeout, sidecar.status()).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
