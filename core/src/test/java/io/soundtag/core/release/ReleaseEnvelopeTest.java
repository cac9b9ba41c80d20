package io.soundtag.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.ModelBundleTest;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.serde.Contracts;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReleaseEnvelopeTest {

  private static byte[] bundle;

  @BeforeAll
  static void bundle() throws Exception {
    bundle = ModelBundleTest.tinyBundle("b1").toBytes();
  }

  private static ReleaseLineage lineage() {
    return new ReleaseLineage("city", ReleaseDecision.PROMOTED, new LabelSnapshot("audio.labels", Map.of(0, 12L, 1, 7L), "abc", 19),
        "{\"recipe\":\"mrkd\"}", Map.of("accuracy", 0.8), Map.of("accuracy", 0.7), false, "sidecar test");
  }

  @Test
  void sealsTheBundleWithItsLineageAndOpensItBack() throws Exception {
    ModelRelease sealed = ReleaseEnvelope.seal(bundle, lineage(), 3, 2L);

    OpenedRelease opened = ReleaseEnvelope.open(Contracts.MODEL_RELEASE.encode(sealed));

    assertThat(opened.id()).isEqualTo(ModelId.parse("city:3"));
    assertThat(ReleaseEnvelope.key(sealed)).isEqualTo("city:3");
    assertThat(opened.bundle().manifest()).isEqualTo(ModelBundle.fromBytes(bundle).manifest());
    ModelRelease r = opened.release();
    assertThat(r.getModelName()).isEqualTo("tiny");
    assertThat(r.getVersion()).isEqualTo("b1");
    assertThat(r.getParentRelease()).isEqualTo(2L);
    assertThat(r.getDecision()).isEqualTo(ReleaseDecision.PROMOTED);
    assertThat(r.getLabelSnapshot().getOffsets()).containsEntry("0", 12L).containsEntry("1", 7L);
    assertThat(r.getLabelSnapshot().getLabelSetHash()).isEqualTo("abc");
    assertThat(r.getGateMetrics()).containsEntry("accuracy", 0.8);
    assertThat(r.getParentGateMetrics()).containsEntry("accuracy", 0.7);
    assertThat(r.getRecipe()).contains("mrkd");
    assertThat(r.getCreatedBy()).isEqualTo("sidecar test");
    assertThat(ReleaseEnvelope.servable(r)).isTrue();
    assertThat(ReleaseEnvelope.servable(ReleaseEnvelope.seal(bundle, lineage().withDecision(ReleaseDecision.REFUSED), 4, 3L))).isFalse();
  }

  @Test
  void refusesATamperedBundle() {
    ModelRelease r = ReleaseEnvelope.seal(bundle, lineage(), 1, null);
    byte[] tampered = bundle.clone();
    tampered[tampered.length / 2] ^= 1;
    r.setBundle(ByteBuffer.wrap(tampered));

    assertThatThrownBy(() -> ReleaseEnvelope.open(r)).isInstanceOfSatisfying(InvalidReleaseException.class,
        e -> assertThat(e.reason()).isEqualTo(InvalidReleaseException.Reason.SHA256_MISMATCH));
  }

  @Test
  void refusesAnEnvelopeThatDisagreesWithItsManifest() {
    ModelRelease otherVersion = ReleaseEnvelope.seal(bundle, lineage(), 1, null);
    otherVersion.setVersion("b2");
    ModelRelease otherClasses = ReleaseEnvelope.seal(bundle, lineage(), 1, null);
    otherClasses.setClasses(List.of("a", "c"));
    ModelRelease otherFeatures = ReleaseEnvelope.seal(bundle, lineage(), 1, null);
    otherFeatures.setFeatureConfigJson(otherFeatures.getFeatureConfigJson().replace("\"nMels\":16", "\"nMels\":32"));

    for (ModelRelease r : List.of(otherVersion, otherClasses, otherFeatures)) {
      assertThatThrownBy(() -> ReleaseEnvelope.open(r)).isInstanceOfSatisfying(InvalidReleaseException.class,
          e -> assertThat(e.reason()).isEqualTo(InvalidReleaseException.Reason.INCONSISTENT));
    }
  }

  @Test
  void refusesOversizedRecordsAndBundlesThatInflateBeyondTheBound() throws Exception {
    assertThatThrownBy(() -> ReleaseEnvelope.decode(new byte[ReleaseEnvelope.MAX_RECORD_BYTES + 1]))
        .isInstanceOfSatisfying(InvalidReleaseException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReleaseException.Reason.OVERSIZED));

    // 300 MiB of zeros deflate to a few hundred kB: a bomb the size bound must stop before it is allocated.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("bundle.json"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < 300; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    byte[] bomb = out.toByteArray();
    ModelRelease r = ReleaseEnvelope.seal(bundle, lineage(), 1, null);
    r.setBundle(ByteBuffer.wrap(bomb));
    r.setSha256(ModelBundle.sha256(bomb));

    assertThat(bomb.length).isLessThan(ReleaseEnvelope.MAX_RECORD_BYTES);
    assertThatThrownBy(() -> ReleaseEnvelope.open(r)).isInstanceOfSatisfying(InvalidReleaseException.class, e -> {
      assertThat(e.reason()).isEqualTo(InvalidReleaseException.Reason.INVALID_BUNDLE);
      assertThat(e.getMessage()).contains("inflate to more than");
    });
  }

  @Test
  void refusesUndecodableRecordsAndImpossibleNumbers() {
    assertThatThrownBy(() -> ReleaseEnvelope.decode("not avro".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(InvalidReleaseException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidReleaseException.Reason.UNDECODABLE));
    assertThatThrownBy(() -> ReleaseEnvelope.seal(bundle, lineage(), 0, null)).hasMessageContaining("start at 1");
    assertThatThrownBy(() -> ReleaseEnvelope.seal(bundle, lineage(), 3, 3L)).hasMessageContaining("cannot follow");
    assertThatThrownBy(() -> ReleaseEnvelope.seal("junk".getBytes(StandardCharsets.UTF_8), lineage(), 1, null))
        .hasMessageContaining("not a model bundle");
  }

  @Test
  void aReleaseWrittenBeforeDeploymentsExistedBelongsToItsModelName() {
    ModelRelease r = ReleaseEnvelope.seal(bundle, lineage(), 1, null);
    r.setDeployment(null);
    r.setRelease(0);

    assertThat(ReleaseEnvelope.deployment(r)).isEqualTo("tiny");
    assertThat(ReleaseEnvelope.id(r)).isEqualTo(new ModelId("tiny", "b1"));
  }
}
