package io.soundtag.core.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MelScale;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.nn.NetworkSpec;
import io.soundtag.core.nn.Networks;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ModelBundleTest {

  private static final int RATE = 8000;
  private static final LogMelConfig FEATURES = new LogMelConfig(RATE, 256, 256, 80, 16, 0, 4000, MelScale.SLANEY);
  private static final NetworkSpec NETWORK = NetworkSpec.defaults("smallcnn");

  @TempDir
  Path dir;

  public static ModelBundle tinyBundle(String version) throws Exception {
    Block block = Networks.build(NETWORK, 2);
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 16, 101));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      block.saveParameters(new DataOutputStream(bytes));
      BranchManifest branch = new BranchManifest("logmel-smallcnn", FEATURES, NETWORK,
          new Normalisation(new float[16], filled(16, 1f)), "branches/logmel-smallcnn.params");
      BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "tiny", version, null, 0L,
          TaskType.MULTI_LABEL, List.of("a", "b"), List.of(0.5, 0.5), Map.of(), RATE, RATE, RATE / 2,
          List.of(branch), branch.name(), Map.of("accuracy", 0.5), Map.of("recipe", "test"));
      return new ModelBundle(manifest, Map.of(branch.parametersEntry(), bytes.toByteArray()));
    }
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Test
  void writesAndReadsBackEverythingAndServesIt() throws Exception {
    ModelBundle bundle = tinyBundle("1");
    Path file = dir.resolve("tiny.bundle");
    bundle.write(file);

    ModelBundle read = ModelBundle.read(file);

    assertThat(read.manifest()).isEqualTo(bundle.manifest());
    assertThat(read.manifest().student().features()).isEqualTo(FEATURES);
    assertThat(read.toBytes()).as("the format is deterministic").isEqualTo(bundle.toBytes());
    try (ServingModel model = ServingModel.load(read, ServingMode.STUDENT);
        InferenceSession session = model.newSession()) {
      float[][] scores = session.score(List.of(new float[RATE], new float[RATE], new float[RATE]));
      assertThat(scores).hasDimensions(3, 2);
      for (float s : scores[0]) {
        assertThat(s).isBetween(0f, 1f);
      }
    }
  }

  @Test
  void aTamperedEntryIsRefusedNamingIt() throws Exception {
    byte[] bytes = tinyBundle("1").toBytes();
    // Flip one byte inside the stored (uncompressed-or-not) data; the checksum or the zip must catch it.
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("\"modelName\"");
    byte[] bad = bytes.clone();
    if (at > 0) {
      bad[at + 2] ^= 1;
    } else {
      bad[bad.length / 2] ^= 1;
    }
    assertThatThrownBy(() -> ModelBundle.fromBytes(bad)).isInstanceOf(InvalidBundleException.class);
  }

  /** A zip of the given entries, as a crafted release from the network might be. */
  private static byte[] zip(Map<String, byte[]> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void anEntryThatClimbsOutOrIsAbsoluteIsRefusedByName() throws Exception {
    for (String name : List.of("../../etc/cron.d/evil", "/etc/passwd", "branches/../../x", ".hidden", "a\\b")) {
      byte[] crafted = zip(Map.of(name, new byte[] {1}));
      assertThatThrownBy(() -> ModelBundle.fromBytes(crafted)).as(name)
          .isInstanceOf(InvalidBundleException.class).hasMessageContaining("not a safe relative path");
    }
  }

  @Test
  void aZipBombIsRefusedBeforeItIsInflatedWhole() throws Exception {
    // 129 MiB of zeros deflate to about 130 kB: one entry past the per-entry bound.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      zip.putNextEntry(new java.util.zip.ZipEntry("bundle.json"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 129; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(out.size()).isLessThan(1 << 20);
    assertThatThrownBy(() -> ModelBundle.fromBytes(out.toByteArray()))
        .isInstanceOf(InvalidBundleException.class).hasMessageContaining("zip bomb");
  }

  @Test
  void aDuplicatedEntryOrATruncatedBundleIsRefused() throws Exception {
    byte[] bytes = tinyBundle("1").toBytes();
    assertThatThrownBy(() -> ModelBundle.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length / 2)))
        .isInstanceOf(InvalidBundleException.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
      // The JDK's writer refuses duplicates, so write the second copy under a name that differs only after writing.
      zip.putNextEntry(new java.util.zip.ZipEntry("SHA256SUMS"));
      zip.closeEntry();
      zip.putNextEntry(new java.util.zip.ZipEntry("SHA256SUMX"));
      zip.closeEntry();
    }
    byte[] twice = out.toByteArray();
    String text = new String(twice, java.nio.charset.StandardCharsets.ISO_8859_1).replace("SHA256SUMX", "SHA256SUMS");
    byte[] crafted = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> ModelBundle.fromBytes(crafted))
        .isInstanceOf(InvalidBundleException.class).hasMessageContaining("appears twice");
  }

  @Test
  void notABundleGivesAClearMessage() {
    assertThatThrownBy(() -> ModelBundle.fromBytes("hello".getBytes()))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("not a model bundle");
  }

  @Test
  void aManifestThatCannotBeServedIsRefused() {
    BranchManifest branch = new BranchManifest("b", FEATURES, NETWORK, new Normalisation(new float[16], filled(16, 1f)), "p");
    assertThatThrownBy(() -> new BundleManifest(BundleManifest.FORMAT_VERSION, "m", "1", null, 0L, TaskType.SINGLE_LABEL,
        List.of("a"), List.of(0.5), Map.of(), 16000, 16000, 8000, List.of(branch), "b", Map.of(), Map.of()))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("8000 Hz but the bundle analyses at 16000 Hz");
    assertThatThrownBy(() -> new BundleManifest(3, "m", "1", null, 0L, TaskType.SINGLE_LABEL,
        List.of("a"), List.of(0.5), Map.of(), RATE, RATE, RATE, List.of(branch), "b", Map.of(), Map.of()))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("bundle format 3 is not supported");
  }

  @Test
  void aFormatOneBundleIsStillReadAndServed() throws Exception {
    ModelBundle current = tinyBundle("1");
    BundleManifest m = current.manifest();
    BundleManifest old = new BundleManifest(1, m.modelName(), m.version(), null, 0L, m.task(), m.classes(), m.thresholds(),
        m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(), m.hopSamples(), m.branches(), m.studentBranch(), m.metrics(),
        m.provenance());
    String json = ModelBundle.manifestJson(old);
    assertThat(json).contains("\"formatVersion\" : 1").doesNotContain("quantisation");
    ModelBundle read = ModelBundle.fromBytes(new ModelBundle(old, Map.of(m.student().parametersEntry(),
        current.parameters(m.student()))).toBytes());
    assertThat(read.manifest().formatVersion()).isEqualTo(1);
    assertThat(read.manifest().student().quantised()).isFalse();
    try (ServingModel model = ServingModel.load(read, ServingMode.STUDENT); InferenceSession session = model.newSession()) {
      assertThat(session.score(List.of(new float[RATE]))).hasDimensions(1, 2);
    }
  }
}
