package io.soundtag.core.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.features.FeatureConfig;
import io.soundtag.schemas.BundleSignature;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.serde.Contracts;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one owner of the {@code ModelRelease} envelope: {@link #seal} builds a release from bundle
 * bytes and their lineage, {@link #open} checks one read from the network and reads its bundle.
 *
 * <pre>{@code
 * ModelRelease r = ReleaseEnvelope.seal(bytes, ReleaseLineage.published("urban-sounds", "alice"), 7, 6L);
 * OpenedRelease opened = ReleaseEnvelope.open(Contracts.MODEL_RELEASE.encode(r)); // checks size, sha256, manifest
 * }</pre>
 *
 * <p>On {@code audio.models} a release is keyed by {@link #key} = {@code deployment:release}, so
 * compaction keeps every release (and older bundles stay there for rollback); a follower reads the
 * topic and serves the servable release of its deployment with the largest number.
 */
public final class ReleaseEnvelope {

  /** Largest release record, bytes: the topic's {@code max.message.bytes}. */
  public static final int MAX_RECORD_BYTES = 64 * 1024 * 1024;
  /** Largest bundle once its entries are inflated, bytes: bounds what a hostile zip can make a reader allocate. */
  public static final long MAX_INFLATED_BUNDLE_BYTES = 256L * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ReleaseEnvelope() {}

  /**
   * Seals {@code bundleBytes} as release number {@code release} of the lineage's deployment.
   *
   * @param bundleBytes a bundle file; it is read and verified here, so a corrupt bundle is never published
   * @param parentRelease the release it follows, or null for the first of its deployment
   * @throws IllegalArgumentException if the bundle is unreadable or too large
   */
  public static ModelRelease seal(byte[] bundleBytes, ReleaseLineage lineage, long release, Long parentRelease) {
    return seal(bundleBytes, lineage, release, parentRelease, null);
  }

  /**
   * As {@link #seal(byte[], ReleaseLineage, long, Long)}, with a signature over the bundle bytes.
   *
   * @param signature made with {@link SigningKey#sign} over {@code bundleBytes}, or null for an unsigned release
   */
  public static ModelRelease seal(byte[] bundleBytes, ReleaseLineage lineage, long release, Long parentRelease, BundleSignature signature) {
    if (release < 1) {
      throw new IllegalArgumentException("release numbers start at 1, got " + release);
    }
    if (parentRelease != null && parentRelease >= release) {
      throw new IllegalArgumentException("release " + release + " cannot follow release " + parentRelease);
    }
    if (bundleBytes.length > MAX_RECORD_BYTES - 1024 * 1024) {
      throw new IllegalArgumentException("the bundle is " + bundleBytes.length + " bytes; a release holds at most "
          + (MAX_RECORD_BYTES - 1024 * 1024) + " (serve fewer branches, e.g. the student only)");
    }
    BundleManifest m = ModelBundle.fromBytes(bundleBytes, MAX_INFLATED_BUNDLE_BYTES).manifest();
    io.soundtag.schemas.LabelSnapshot labels = null;
    if (lineage.labels() != null) {
      Map<String, Long> offsets = new TreeMap<>();
      lineage.labels().offsets().forEach((p, o) -> offsets.put(Integer.toString(p), o));
      labels = new io.soundtag.schemas.LabelSnapshot(lineage.labels().topic(), offsets, lineage.labels().labelSetHash(),
          lineage.labels().clips());
    }
    return ModelRelease.newBuilder()
        .setModelName(m.modelName())
        .setVersion(m.version())
        .setParentVersion(m.parentVersion())
        .setBundle(ByteBuffer.wrap(bundleBytes))
        .setSha256(ModelBundle.sha256(bundleBytes))
        .setFeatureConfigJson(featureConfigJson(m.student().features()))
        .setClasses(List.copyOf(m.classes()))
        .setGateMetrics(new LinkedHashMap<>(lineage.gateFigures()))
        .setCreatedAtMillis(System.currentTimeMillis())
        .setRecipe(lineage.recipe().isEmpty() ? m.provenance().getOrDefault("command", "") : lineage.recipe())
        .setDeployment(lineage.deployment())
        .setRelease(release)
        .setParentRelease(parentRelease)
        .setDecision(lineage.decision())
        .setLabelSnapshot(labels)
        .setParentGateMetrics(new LinkedHashMap<>(lineage.parentGateFigures()))
        .setClassesChanged(lineage.classesChanged())
        .setCreatedBy(lineage.createdBy())
        .setSignature(signature)
        .build();
  }

  /** The deployment a release belongs to: its own, or (as a deployment name) its model name in releases written before deployments existed. */
  public static String deployment(ModelRelease release) {
    return release.getDeployment() != null ? release.getDeployment() : ModelId.deploymentOf(release.getModelName());
  }

  /** The id a release is served under: {@code deployment:release}, or the bundle's name and version for a release without a number. */
  public static ModelId id(ModelRelease release) {
    return release.getRelease() > 0 ? ModelId.ofRelease(deployment(release), release.getRelease())
        : new ModelId(deployment(release), release.getVersion());
  }

  /** The record key on {@code audio.models}. */
  public static String key(ModelRelease release) {
    return id(release).toString();
  }

  /** Whether a tagger may serve it: every decision but REFUSED. */
  public static boolean servable(ModelRelease release) {
    return release.getDecision() != ReleaseDecision.REFUSED;
  }

  /** Decodes a record read from the network, bounding its size first. */
  public static ModelRelease decode(byte[] record) throws InvalidReleaseException {
    if (record == null || record.length == 0) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.UNDECODABLE, "empty release record");
    }
    if (record.length > MAX_RECORD_BYTES) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.OVERSIZED,
          "release record is " + record.length + " bytes, over the limit of " + MAX_RECORD_BYTES);
    }
    try {
      return Contracts.MODEL_RELEASE.decode(record);
    } catch (RuntimeException e) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.UNDECODABLE, "not a ModelRelease: " + e.getMessage(), e);
    }
  }

  /** {@link #decode}s and {@link #open(ModelRelease) opens} a record read from the network. */
  public static OpenedRelease open(byte[] record) throws InvalidReleaseException {
    return open(decode(record));
  }

  /** {@link #open(ModelRelease, SignaturePolicy) Opens} a release without checking or requiring a signature. */
  public static OpenedRelease open(ModelRelease release) throws InvalidReleaseException {
    return open(release, SignaturePolicy.NONE);
  }

  /**
   * Checks a release and reads its bundle: the bundle bytes against the sha256; its signature
   * against {@code signatures}, before the bundle is unzipped; the bundle's own checksums and
   * manifest, with its inflated size bounded; the release's name, version, classes and feature
   * config against the manifest.
   */
  public static OpenedRelease open(ModelRelease release, SignaturePolicy signatures) throws InvalidReleaseException {
    ModelId id;
    try {
      id = id(release);
    } catch (IllegalArgumentException e) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INCONSISTENT, "release has no valid id: " + e.getMessage(), e);
    }
    checkSignature(release, signatures);
    byte[] bytes = bytes(release.getBundle());
    ModelBundle bundle;
    try {
      bundle = ModelBundle.fromBytes(bytes, MAX_INFLATED_BUNDLE_BYTES);
    } catch (RuntimeException e) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INVALID_BUNDLE, "release " + id + ": " + e.getMessage(), e);
    }
    checkAgrees(release, id, bundle.manifest());
    return new OpenedRelease(release, id, bundle);
  }

  /**
   * Checks only the bundle bytes of {@code release} against its sha256 and its signature against
   * {@code signatures}, without unzipping the bundle: for readers that show releases rather than serve them.
   */
  public static void checkSignature(ModelRelease release, SignaturePolicy signatures) throws InvalidReleaseException {
    ModelId id;
    try {
      id = id(release);
    } catch (IllegalArgumentException e) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INCONSISTENT, "release has no valid id: " + e.getMessage(), e);
    }
    byte[] bytes = bytes(release.getBundle());
    String actual = ModelBundle.sha256(bytes);
    if (!actual.equalsIgnoreCase(release.getSha256())) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.SHA256_MISMATCH,
          "release " + id + ": bundle bytes hash to " + actual + " but the release says " + release.getSha256());
    }
    signatures.check(release, bytes, id);
  }

  private static void checkAgrees(ModelRelease release, ModelId id, BundleManifest m) throws InvalidReleaseException {
    if (!m.modelName().equals(release.getModelName()) || !m.version().equals(release.getVersion())) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INCONSISTENT, "release " + id + " says it carries bundle "
          + release.getModelName() + " " + release.getVersion() + " but carries " + m.modelName() + " " + m.version());
    }
    if (!List.copyOf(release.getClasses()).equals(m.classes())) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INCONSISTENT,
          "release " + id + " lists classes " + release.getClasses() + " but its bundle has " + m.classes());
    }
    FeatureConfig declared;
    try {
      declared = JSON.readValue(release.getFeatureConfigJson(), FeatureConfig.class);
    } catch (Exception e) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INCONSISTENT,
          "release " + id + " feature config is not a feature config: " + e.getMessage(), e);
    }
    if (m.branches().stream().map(BranchManifest::features).noneMatch(declared::equals)) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.INCONSISTENT,
          "release " + id + " feature config " + release.getFeatureConfigJson() + " is not the one of any branch of its bundle");
    }
  }

  /** The feature config as JSON, with its {@code type}. */
  static String featureConfigJson(FeatureConfig features) {
    try {
      return JSON.writerFor(FeatureConfig.class).writeValueAsString(features);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write feature config " + features, e);
    }
  }

  /** The bundle bytes a release carries, copied (the record's buffer is left as it was). */
  public static byte[] bundleBytes(ModelRelease release) {
    return bytes(release.getBundle());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
