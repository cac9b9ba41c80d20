package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.LabelSnapshot;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.release.ReleaseLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release log on a real broker: numbering, lineage, no duplicates, refusals recorded but never current, rollback rules. */
class ReleaseLogIT {

  @TempDir
  Path dir;

  @Test
  void numbersReleasesInOrderAndWritesTheSameCandidateOnce() throws Exception {
    ModelBundle base = DefaultModel.load(null);
    byte[] a = BundleVariants.withVersion(base, "a").toBytes();
    byte[] b = BundleVariants.withVersion(base, "b").toBytes();
    byte[] c = BundleVariants.withVersion(base, "c").toBytes();
    try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(1, (short) 1));
      ReleaseLog log = new ReleaseLog(KafkaConnection.to(kafka.bootstrapServers()));
      LabelSnapshot labels = new LabelSnapshot("audio.labels", Map.of(0, 40L), "f00d", 40);
      ReleaseLineage promoted = new ReleaseLineage("city", ReleaseDecision.PROMOTED, labels, "{\"cycles\":2}",
          Map.of("accuracy", 0.8), Map.of("accuracy", 0.7), false, "sidecar");

      assertThat(log.current("city")).isEmpty();
      ModelRelease first = log.publish(a, promoted).release();
      assertThat(log.publish(a, promoted).written()).as("the same candidate again").isFalse();
      ModelRelease refused = log.publish(b, promoted.withDecision(ReleaseDecision.REFUSED)).release();
      assertThat(log.publish(b, promoted.withDecision(ReleaseDecision.REFUSED)).written()).as("the same refusal again").isFalse();

      // two publishers of the same candidate at once: it is written once, whichever fences the other
      ExecutorService two = Executors.newFixedThreadPool(2);
      try {
        Future<ReleaseLog.Published> x = two.submit(() -> log.publish(c, promoted));
        Future<ReleaseLog.Published> y = two.submit(() -> log.publish(c, promoted));
        List<ReleaseLog.Published> both = List.of(x.get(), y.get());
        assertThat(both).filteredOn(ReleaseLog.Published::written).as("one of them writes").hasSize(1);
        assertThat(both.get(0).release().getRelease()).isEqualTo(both.get(1).release().getRelease());
      } finally {
        two.shutdown();
      }

      List<ModelRelease> history = log.history("city");
      assertThat(history).extracting(ModelRelease::getRelease).containsExactly(1L, 2L, 3L);
      assertThat(first.getParentRelease()).isNull();
      assertThat(refused.getParentRelease()).as("a refusal names the release it was compared with").isEqualTo(1L);
      ModelRelease third = history.get(2);
      assertThat(third.getParentRelease()).as("the refused release is not current, so not a parent").isEqualTo(1L);
      assertThat(log.current("city")).map(ReleaseEnvelope::key).contains("city:3");
      assertThat(third.getLabelSnapshot().getLabelSetHash()).isEqualTo("f00d");
      assertThat(third.getRecipe()).isEqualTo("{\"cycles\":2}");
      assertThat(third.getParentGateMetrics()).containsEntry("accuracy", 0.7);

      assertThatThrownBy(() -> log.rollback("city", 2L, "test")).hasMessageContaining("refused by the gate");
      assertThatThrownBy(() -> log.rollback("city", 9L, "test")).hasMessageContaining("no release 9");
      assertThatThrownBy(() -> log.rollback("nowhere", null, "test")).hasMessageContaining("no release to roll back");
      assertThatThrownBy(() -> log.publishOnto(b, promoted, 1L)).as("a decision taken against release 1")
          .isInstanceOfSatisfying(ReleaseLog.ParentMoved.class, e -> assertThat(e.current()).isEqualTo(3L));
      assertThat(log.history("city")).hasSize(3);

      ModelRelease back = log.rollback("city", null, "test").release();
      assertThat(back.getRelease()).isEqualTo(4);
      assertThat(back.getParentRelease()).isEqualTo(3L);
      assertThat(back.getSha256()).isEqualTo(first.getSha256());
      assertThat(back.getDecision()).isEqualTo(ReleaseDecision.ROLLBACK);
      assertThat(log.rollback("city", 1L, "test").written()).as("rolling back to the bundle served").isFalse();
      assertThat(log.deployments()).containsExactly("city");
    }
  }
}
