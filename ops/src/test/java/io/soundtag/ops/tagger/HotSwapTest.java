package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.release.KeyAlgorithm;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.core.release.SigningKey;
import io.soundtag.core.release.TrustedKeys;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.HotSwap;
import io.soundtag.tagger.model.HotSwap.Outcome;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.model.RejectionReason;
import io.soundtag.tagger.model.ReleaseVerifier;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.nn.NetworkSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Release order, verification and swapping on a slot, without Kafka: newer good releases of the
 * deployment serve; stale ones, other deployments' and gate-refused ones are ignored; bad ones are
 * refused by reason.
 */
class HotSwapTest {

  private static final ModelBundle BASE = DefaultModel.load(null);
  private static final String DEPLOYMENT = BASE.manifest().modelName();

  private ModelSlot slot;
  private TaggerMetrics metrics;
  private HotSwap hotSwap;
  private final AtomicInteger changes = new AtomicInteger();

  @BeforeEach
  void serveTheShippedModel() {
    slot = new ModelSlot(ServingModel.load(BASE, ServingMode.STUDENT));
    metrics = new TaggerMetrics(new PrometheusRegistry());
    hotSwap = new HotSwap(slot, new ReleaseVerifier(ServingMode.STUDENT), SignaturePolicy.NONE, metrics, DEPLOYMENT, changes::incrementAndGet);
  }

  @AfterEach
  void close() {
    slot.close();
  }

  private static ModelRelease release(String bundleVersion, long number) {
    return BundleVariants.release(BundleVariants.withVersion(BASE, bundleVersion), number);
  }

  @Test
  void aGoodReleaseIsSwappedInUnderItsReleaseIdAndTheGaugesFollow() {
    ModelId before = slot.currentId();

    assertThat(hotSwap.offer(Contracts.MODEL_RELEASE.encode(release("v2", 1)))).isEqualTo(Outcome.SWAPPED);

    assertThat(slot.currentId()).isEqualTo(ModelId.ofRelease(DEPLOYMENT, 1));
    assertThat(slot.manifest().version()).isEqualTo("v2");
    assertThat(metrics.modelSwaps.get()).isEqualTo(1.0);
    assertThat(metrics.modelInfo.labelValues(DEPLOYMENT, "1").get()).isEqualTo(1.0);
    assertThat(metrics.modelInfo.labelValues(before.deployment(), before.version()).get()).isEqualTo(0.0);
    assertThat(hotSwap.history()).isEqualTo(new HotSwap.History(1L, 1, 0, before + " → " + DEPLOYMENT + ":1", null));
    assertThat(changes).as("the status is reported on a swap").hasValue(1);
    assertServes(ModelId.ofRelease(DEPLOYMENT, 1));
  }

  @Test
  void aBatchHoldingTheOldModelFinishesOnItAfterTheSwap() {
    ModelSlot.Held inFlight = slot.acquire();
    ModelId old = inFlight.model().id();
    assertThat(hotSwap.offer(release("v2", 1))).isEqualTo(Outcome.SWAPPED);
    try (InferenceSession session = inFlight.model().newSession()) {
      float[][] scores = session.score(List.of(new float[inFlight.model().manifest().windowSamples()]));
      assertThat(scores[0]).as("the retired model still scores for its last user").hasSize(BASE.manifest().classes().size());
    } finally {
      inFlight.release();
    }
    assertThat(inFlight.model().id()).isEqualTo(old);
    assertServes(ModelId.ofRelease(DEPLOYMENT, 1));
  }

  @Test
  void releasesAreServedInOrderAndAStaleOrReplayedOneIsIgnored() {
    assertThat(hotSwap.offer(release("v3", 3))).isEqualTo(Outcome.SWAPPED);

    assertThat(hotSwap.offer(release("v3", 3))).as("the same release again").isEqualTo(Outcome.ALREADY_SERVING);
    assertThat(hotSwap.offer(release("v2", 2))).as("an older release replayed").isEqualTo(Outcome.IGNORED);

    assertThat(metrics.ignoredReleases.labelValues(RejectionReason.STALE.name()).get()).isEqualTo(1.0);
    assertThat(hotSwap.history().lastRefusal()).contains(DEPLOYMENT + ":2").contains("STALE");
    assertServes(ModelId.ofRelease(DEPLOYMENT, 3));
    assertThat(hotSwap.offer(release("v4", 4))).isEqualTo(Outcome.SWAPPED);
    assertServes(ModelId.ofRelease(DEPLOYMENT, 4));
  }

  @Test
  void aReleaseOfAnotherDeploymentIsIgnoredAndSaysHowToServeIt() {
    ModelRelease other = ReleaseEnvelope.seal(BundleVariants.withVersion(BASE, "v2").toBytes(),
        ReleaseLineage.published("dev", "test"), 9, null);

    assertThat(hotSwap.offer(other)).isEqualTo(Outcome.IGNORED);

    assertThat(metrics.ignoredReleases.labelValues(RejectionReason.OTHER_DEPLOYMENT.name()).get()).isEqualTo(1.0);
    assertThat(hotSwap.history().lastRefusal()).contains("dev:9").contains("--as " + DEPLOYMENT);
    assertThat(changes).hasValue(1);
    assertServes(ModelId.of(BASE.manifest()));
  }

  @Test
  void aReleaseTheGateRefusedIsNeverServed() {
    ModelRelease refused = ReleaseEnvelope.seal(BundleVariants.withVersion(BASE, "v2").toBytes(),
        ReleaseLineage.published(DEPLOYMENT, "sidecar").withDecision(ReleaseDecision.REFUSED), 5, null);

    assertThat(hotSwap.offer(refused)).isEqualTo(Outcome.IGNORED);

    assertThat(metrics.ignoredReleases.labelValues(RejectionReason.REFUSED_BY_GATE.name()).get()).isEqualTo(1.0);
    assertServes(ModelId.of(BASE.manifest()));
  }

  @Test
  void bytesDamagedAfterHashingAreRefused() {
    assertRefused(BundleVariants.corruptedInTransit(BundleVariants.withVersion(BASE, "v2"), 1), RejectionReason.SHA256_MISMATCH);
  }

  @Test
  void aSampleRateTheTaggerCannotServeIsRefused() {
    assertRefused(BundleVariants.release(BundleVariants.atAnotherRate(BASE, "v-other-rate"), 1), RejectionReason.UNSERVABLE_GEOMETRY);
  }

  @Test
  void aReleaseThatMisdescribesItsBundleIsRefused() {
    ModelRelease r = release("v2", 1);
    List<String> classes = new ArrayList<>(r.getClasses());
    classes.set(0, "not-" + classes.get(0));
    r.setClasses(classes);
    assertRefused(r, RejectionReason.INCONSISTENT);

    ModelRelease wrongVersion = release("v2", 1);
    wrongVersion.setVersion("v3");
    assertRefused(wrongVersion, RejectionReason.INCONSISTENT);
  }

  @Test
  void otherClassesAreRefusedUnlessTheReleaseSaysTheyChangedOnPurpose() {
    BundleManifest m = BASE.manifest();
    List<String> renamed = new ArrayList<>(m.classes());
    renamed.set(0, "ambulance");
    ModelBundle other = new ModelBundle(new BundleManifest(m.formatVersion(), m.modelName(), "v-classes", m.version(),
        m.createdAtMillis(), m.task(), renamed, m.thresholds(), m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(),
        m.hopSamples(), m.branches(), m.studentBranch(), m.metrics(), m.provenance()),
        Map.of(m.student().parametersEntry(), BASE.parameters(m.student())));
    assertRefused(BundleVariants.release(other, 1), RejectionReason.CLASSES_CHANGED);

    ModelRelease onPurpose = ReleaseEnvelope.seal(other.toBytes(),
        ReleaseLineage.published(DEPLOYMENT, "test").withClassesChanged(true), 2, null);
    assertThat(hotSwap.offer(onPurpose)).isEqualTo(Outcome.SWAPPED);
    assertThat(slot.manifest().classes()).containsExactlyElementsOf(renamed);
  }

  /** Release {@code number} carrying {@code bundle} with the sha256 of those very bytes: hostile, not damaged in transit. */
  private static ModelRelease carrying(byte[] bundle, long number) {
    ModelRelease r = release("v" + number, number);
    r.setBundle(ByteBuffer.wrap(bundle));
    r.setSha256(ModelBundle.sha256(bundle));
    return r;
  }

  private static byte[] zip(String name, byte[] content, int copies) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(name));
      for (int i = 0; i < copies; i++) {
        zip.write(content);
      }
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** BASE's networks under {@code version}, with the student branch changed by {@code lie} and its parameters as {@code parameters}. */
  private static ModelBundle lying(String version, UnaryOperator<BranchManifest> lie, UnaryOperator<byte[]> parameters) {
    BundleManifest m = BundleVariants.withVersion(BASE, version).manifest();
    BranchManifest student = m.branch(m.studentBranch());
    List<BranchManifest> branches = m.branches().stream().map(b -> b == student ? lie.apply(b) : b).toList();
    return new ModelBundle(new BundleManifest(m.formatVersion(), m.modelName(), m.version(), m.parentVersion(), m.createdAtMillis(),
        m.task(), m.classes(), m.thresholds(), m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(), m.hopSamples(), branches,
        m.studentBranch(), m.metrics(), m.provenance()), m.branches().stream().collect(Collectors.toMap(BranchManifest::parametersEntry,
            b -> b == student ? parameters.apply(BASE.parameters(b)) : BASE.parameters(b))));
  }

  @Test
  void hostileBundlesAreRefusedByReasonWhileTheModelKeepsServing() throws Exception {
    assertRefused(carrying(zip("../../etc/cron.d/soundtag", new byte[] {1}, 1), 1), RejectionReason.INVALID_BUNDLE);
    assertThat(hotSwap.history().lastRefusal()).contains("not a safe relative path");

    // 300 MiB of zeros that deflate to a few hundred kB: refused once the bound is passed, never inflated whole.
    byte[] bomb = zip("bundle.json", new byte[1 << 20], 300);
    assertThat(bomb.length).isLessThan(ReleaseEnvelope.MAX_RECORD_BYTES);
    assertRefused(carrying(bomb, 2), RejectionReason.INVALID_BUNDLE);
    assertThat(hotSwap.history().lastRefusal()).contains("inflate to more than");

    byte[] good = BundleVariants.withVersion(BASE, "v3").toBytes();
    assertRefused(carrying(Arrays.copyOf(good, good.length / 2), 3), RejectionReason.INVALID_BUNDLE);

    // The checksums agree with the entries below; what they hold does not agree with what the manifest says.
    ModelBundle truncatedParameters = lying("v4", b -> b, p -> Arrays.copyOf(p, p.length / 2));
    assertRefused(BundleVariants.release(truncatedParameters, 4), RejectionReason.LOAD_FAILED);
    assertThat(hotSwap.history().lastRefusal()).contains("do not fit its network");

    ModelBundle widerNetwork = lying("v5", b -> new BranchManifest(b.name(), b.features(), new NetworkSpec(b.network().architecture(),
        b.network().width() * 2, b.network().depth(), b.network().dropout()), b.normalisation(), b.parametersEntry()), p -> p);
    // The parameters load (they carry their own shapes); the warm-up batch is what finds they do not fit.
    assertRefused(BundleVariants.release(widerNetwork, 5), RejectionReason.WARMUP_FAILED);

    int rows = BASE.manifest().branch(BASE.manifest().studentBranch()).normalisation().rows();
    ModelBundle shortNormalisation = lying("v6", b -> new BranchManifest(b.name(), b.features(), b.network(),
        new Normalisation(new float[rows / 2], filled(rows / 2)), b.parametersEntry()), p -> p);
    assertRefused(BundleVariants.release(shortNormalisation, 6), RejectionReason.LOAD_FAILED);
    assertThat(hotSwap.history().lastRefusal()).contains("normalises " + rows / 2 + " feature rows but its features have " + rows);

    assertThat(hotSwap.offer(release("v7", 7))).as("a good release after them all").isEqualTo(Outcome.SWAPPED);
  }

  private static float[] filled(int n) {
    float[] a = new float[n];
    Arrays.fill(a, 1f);
    return a;
  }

  @Test
  void anUndecodableRecordIsRefused() {
    ModelId before = slot.currentId();
    assertThat(hotSwap.offer(new byte[] {1, 2, 3})).isEqualTo(Outcome.REFUSED);
    assertThat(metrics.rejectedReleases.labelValues(RejectionReason.UNDECODABLE.name()).get()).isEqualTo(1.0);
    assertServes(before);
  }

  @Test
  void underRequiredSignaturesOnlyAReleaseSignedByATrustedKeyServes() {
    SigningKey publisher = SigningKey.generate(KeyAlgorithm.ED25519);
    SigningKey stranger = SigningKey.generate(KeyAlgorithm.RSA);
    hotSwap = new HotSwap(slot, new ReleaseVerifier(ServingMode.STUDENT), SignaturePolicy.require(TrustedKeys.of(publisher.publicKey())),
        metrics, DEPLOYMENT, changes::incrementAndGet);
    byte[] v2 = BundleVariants.withVersion(BASE, "v2").toBytes();
    ReleaseLineage lineage = ReleaseLineage.published(DEPLOYMENT, "test");

    assertRefused(ReleaseEnvelope.seal(v2, lineage, 1, null), RejectionReason.UNSIGNED);
    assertThat(hotSwap.history().lastRefusal()).contains("--sign");
    assertRefused(ReleaseEnvelope.seal(v2, lineage, 2, null, stranger.sign(v2)), RejectionReason.UNTRUSTED_KEY);
    assertThat(hotSwap.history().lastRefusal()).contains(stranger.keyId()).contains("--trusted-key");
    byte[] v3 = BundleVariants.withVersion(BASE, "v3").toBytes();
    ModelRelease swappedBundle = ReleaseEnvelope.seal(v3, lineage, 3, null, publisher.sign(v2));
    assertRefused(swappedBundle, RejectionReason.BAD_SIGNATURE);

    assertThat(hotSwap.offer(Contracts.MODEL_RELEASE.encode(ReleaseEnvelope.seal(v3, lineage, 4, null, publisher.sign(v3)))))
        .isEqualTo(Outcome.SWAPPED);
    assertServes(ModelId.ofRelease(DEPLOYMENT, 4));
  }

  private void assertRefused(ModelRelease release, RejectionReason reason) {
    ModelId before = slot.currentId();
    double refused = metrics.rejectedReleases.labelValues(reason.name()).get();
    assertThat(hotSwap.offer(release)).isEqualTo(Outcome.REFUSED);
    assertThat(metrics.rejectedReleases.labelValues(reason.name()).get()).isEqualTo(refused + 1);
    assertThat(metrics.modelSwaps.get()).isZero();
    assertThat(hotSwap.history().lastRefusal()).contains(reason.name());
    assertServes(before);
  }

  /** The slot serves {@code id} and that model still scores a window. */
  private void assertServes(ModelId id) {
    assertThat(slot.currentId()).isEqualTo(id);
    ModelSlot.Held held = slot.acquire();
    try (InferenceSession session = held.model().newSession()) {
      float[][] scores = session.score(List.of(new float[held.model().manifest().windowSamples()]));
      assertThat(scores[0]).hasSize(held.model().manifest().classes().size());
    } finally {
      held.release();
    }
  }
}
