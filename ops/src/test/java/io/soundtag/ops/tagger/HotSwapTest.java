package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.ops.model.ModelReleases;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.HotSwap;
import io.soundtag.tagger.model.HotSwap.Outcome;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.model.RejectionReason;
import io.soundtag.tagger.model.ReleaseVerifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Release verification and swapping on a slot, without Kafka: good releases serve, bad ones are refused by reason. */
class HotSwapTest {

  private static final ModelBundle BASE = DefaultModel.load(null);

  private ModelSlot slot;
  private TaggerMetrics metrics;
  private HotSwap hotSwap;

  @BeforeEach
  void serveTheShippedModel() {
    slot = new ModelSlot(ServingModel.load(BASE, ServingMode.STUDENT));
    metrics = new TaggerMetrics(new PrometheusRegistry());
    hotSwap = new HotSwap(slot, new ReleaseVerifier(ServingMode.STUDENT, false), metrics);
  }

  @AfterEach
  void close() {
    slot.close();
  }

  @Test
  void aGoodReleaseIsSwappedInAndTheGaugesFollow() {
    BundleManifest before = slot.manifest();
    ModelBundle next = BundleVariants.withVersion(BASE, "v2");

    assertThat(hotSwap.offer(Contracts.MODEL_RELEASE.encode(BundleVariants.release(next)))).isEqualTo(Outcome.SWAPPED);

    assertThat(slot.currentId()).isEqualTo(before.modelName() + ":v2");
    assertThat(metrics.modelSwaps.get()).isEqualTo(1.0);
    assertThat(metrics.modelInfo.labelValues(before.modelName(), "v2").get()).isEqualTo(1.0);
    assertThat(metrics.modelInfo.labelValues(before.modelName(), before.version()).get()).isEqualTo(0.0);
    assertServes(before.modelName() + ":v2");
  }

  @Test
  void aBatchHoldingTheOldModelFinishesOnItAfterTheSwap() {
    ModelSlot.Held inFlight = slot.acquire();
    String old = inFlight.model().id().toString();
    assertThat(hotSwap.offer(BundleVariants.release(BundleVariants.withVersion(BASE, "v2")))).isEqualTo(Outcome.SWAPPED);
    try (InferenceSession session = inFlight.model().newSession()) {
      float[][] scores = session.score(List.of(new float[inFlight.model().manifest().windowSamples()]));
      assertThat(scores[0]).as("the retired model still scores for its last user").hasSize(BASE.manifest().classes().size());
    } finally {
      inFlight.release();
    }
    assertThat(inFlight.model().id()).isEqualTo(old);
    assertServes(BASE.manifest().modelName() + ":v2");
  }

  @Test
  void theReleaseBeingServedIsLeftAlone() {
    assertThat(hotSwap.offer(BundleVariants.release(BASE))).isEqualTo(Outcome.ALREADY_SERVING);
    assertThat(metrics.modelSwaps.get()).isZero();
  }

  @Test
  void bytesDamagedAfterHashingAreRefused() {
    assertRefused(BundleVariants.corruptedInTransit(BundleVariants.withVersion(BASE, "v2")), RejectionReason.SHA256_MISMATCH);
  }

  @Test
  void aBundleFailingItsOwnChecksumsIsRefused() {
    ModelBundle next = BundleVariants.withVersion(BASE, "v2");
    byte[] bytes = next.toBytes();
    bytes[bytes.length / 2] ^= 0x5a;
    assertRefused(ModelReleases.of(bytes, next.manifest(), "test"), RejectionReason.INVALID_BUNDLE);
  }

  @Test
  void aSampleRateTheTaggerCannotServeIsRefused() {
    assertRefused(BundleVariants.release(BundleVariants.atAnotherRate(BASE, "v-other-rate")), RejectionReason.UNSERVABLE_GEOMETRY);
  }

  @Test
  void aReleaseThatMisdescribesItsBundleIsRefused() {
    ModelRelease r = BundleVariants.release(BundleVariants.withVersion(BASE, "v2"));
    List<String> classes = new ArrayList<>(r.getClasses());
    classes.set(0, "not-" + classes.get(0));
    r.setClasses(classes);
    assertRefused(r, RejectionReason.INCONSISTENT);

    ModelRelease wrongVersion = BundleVariants.release(BundleVariants.withVersion(BASE, "v2"));
    wrongVersion.setVersion("v3");
    assertRefused(wrongVersion, RejectionReason.INCONSISTENT);
  }

  @Test
  void otherClassesAreRefusedUnlessAllowed() {
    BundleManifest m = BASE.manifest();
    List<String> renamed = new ArrayList<>(m.classes());
    renamed.set(0, "ambulance");
    ModelBundle other = new ModelBundle(new BundleManifest(m.formatVersion(), m.modelName(), "v-classes", m.version(),
        m.createdAtMillis(), m.task(), renamed, m.thresholds(), m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(),
        m.hopSamples(), m.branches(), m.studentBranch(), m.metrics(), m.provenance()),
        java.util.Map.of(m.student().parametersEntry(), BASE.parameters(m.student())));
    assertRefused(BundleVariants.release(other), RejectionReason.CLASSES_CHANGED);

    HotSwap permissive = new HotSwap(slot, new ReleaseVerifier(ServingMode.STUDENT, true), metrics);
    assertThat(permissive.offer(BundleVariants.release(other))).isEqualTo(Outcome.SWAPPED);
  }

  @Test
  void anUndecodableRecordIsRefused() {
    String before = slot.currentId().toString();
    assertThat(hotSwap.offer(new byte[] {1, 2, 3})).isEqualTo(Outcome.REJECTED);
    assertThat(metrics.rejectedReleases.labelValues(RejectionReason.UNDECODABLE.name()).get()).isEqualTo(1.0);
    assertServes(before);
  }

  private void assertRefused(ModelRelease release, RejectionReason reason) {
    String before = slot.currentId().toString();
    double refused = metrics.rejectedReleases.labelValues(reason.name()).get();
    assertThat(hotSwap.offer(release)).isEqualTo(Outcome.REJECTED);
    assertThat(metrics.rejectedReleases.labelValues(reason.name()).get()).isEqualTo(refused + 1);
    assertThat(metrics.modelSwaps.get()).isZero();
    assertServes(before);
  }

  /** The slot serves {@code id} and that model still scores a window. */
  private void assertServes(String id) {
    assertThat(slot.currentId().toString()).isEqualTo(id);
    ModelSlot.Held held = slot.acquire();
    try (InferenceSession session = held.model().newSession()) {
      float[][] scores = session.score(List.of(new float[held.model().manifest().windowSamples()]));
      assertThat(scores[0]).hasSize(held.model().manifest().classes().size());
    } finally {
      held.release();
    }
  }
}
