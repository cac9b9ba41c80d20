package io.soundtag.core.release;

import io.soundtag.core.bundle.BundleManifest;

/**
 * The name of a served model, {@code deployment:version}: the id every TagEvent carries, the key of
 * a release on {@code audio.models}, and what {@code soundtag model} prints. For a release the
 * version is its release number ({@link #ofRelease}); for a bundle served straight from a file it
 * is the bundle's own version ({@link #of(BundleManifest)}).
 *
 * <pre>{@code
 * ModelId id = ModelId.parse("urban-sounds:7");   // id.deployment() = "urban-sounds", id.version() = "7"
 * }</pre>
 *
 * @param deployment the name taggers follow; letters, digits, '.', '_' or '-'
 * @param version the version within it; no whitespace
 */
public record ModelId(String deployment, String version) {

  private static final String DEPLOYMENT = "[A-Za-z0-9._-]+";

  public ModelId {
    if (deployment == null || !deployment.matches(DEPLOYMENT)) {
      throw new IllegalArgumentException("a deployment name is letters, digits, '.', '_' or '-', got '" + deployment + "'");
    }
    if (version == null || version.isEmpty() || version.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a model version is a non-empty word without spaces, got '" + version + "'");
    }
  }

  /** Whether {@code name} can be a deployment name. */
  public static boolean isDeploymentName(String name) {
    return name != null && name.matches(DEPLOYMENT);
  }

  /** Parses {@code deployment:version}; the version is everything after the first ':'. */
  public static ModelId parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("a model id is deployment:version, e.g. urban-sounds:7, got '" + text + "'");
    }
    return new ModelId(text.substring(0, colon), text.substring(colon + 1));
  }

  /**
   * The id of a bundle served as it is, not through a release: its model name (as a deployment
   * name, {@link #deploymentOf}) and its version (whitespace replaced by '-').
   */
  public static ModelId of(BundleManifest manifest) {
    String version = manifest.version().isEmpty() ? "unversioned" : manifest.version().replaceAll("\\s", "-");
    return new ModelId(deploymentOf(manifest.modelName()), version);
  }

  /**
   * The deployment name a model name stands for: the name itself, with every character other
   * than a letter, digit, '.', '_' or '-' replaced by '-' (a dataset's {@code folder:dev} is
   * deployment {@code folder-dev}).
   */
  public static String deploymentOf(String modelName) {
    String d = modelName == null ? "" : modelName.replaceAll("[^A-Za-z0-9._-]", "-");
    return d.isEmpty() ? "model" : d;
  }

  /** The id of release number {@code release} of {@code deployment}. */
  public static ModelId ofRelease(String deployment, long release) {
    return new ModelId(deployment, Long.toString(release));
  }

  @Override
  public String toString() {
    return deployment + ":" + version;
  }
}
