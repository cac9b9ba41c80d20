package io.soundtag.core.bundle;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code bundle.json}: everything needed to serve a model exactly as it was trained.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written by this build; {@link #OLDEST_FORMAT_VERSION} and later are read
 * @param modelName the model's name, the key of its releases
 * @param version this release's version, unique per model
 * @param parentVersion the release it was trained from, or null
 * @param createdAtMillis when it was written
 * @param task softmax or sigmoid outputs
 * @param classes output labels, in output order
 * @param thresholds per-class score thresholds, same order as {@code classes}
 * @param coarseTaxonomy fine label to coarse label (empty when flat)
 * @param sampleRate the rate windows are analysed at
 * @param windowSamples input length in samples
 * @param hopSamples samples between window starts when tagging a stream
 * @param branches the networks; serving uses {@code studentBranch}
 * @param studentBranch the branch served by default
 * @param metrics figures on the gate set, e.g. {@code accuracy}, {@code macro_map}
 * @param provenance how it was made: recipe, command, seed, trainer version
 */
public record BundleManifest(
    int formatVersion,
    String modelName,
    String version,
    String parentVersion,
    long createdAtMillis,
    TaskType task,
    List<String> classes,
    List<Double> thresholds,
    Map<String, String> coarseTaxonomy,
    int sampleRate,
    int windowSamples,
    int hopSamples,
    List<BranchManifest> branches,
    String studentBranch,
    Map<String, Double> metrics,
    Map<String, String> provenance) {

  /** The bundle format this build writes: 2 adds int8 branches ({@link BranchManifest#quantisation()}). */
  public static final int FORMAT_VERSION = 2;

  /** The oldest format this build reads: format 1 bundles have float32 branches only. */
  public static final int OLDEST_FORMAT_VERSION = 1;

  public BundleManifest {
    if (formatVersion < OLDEST_FORMAT_VERSION || formatVersion > FORMAT_VERSION) {
      throw new InvalidBundleException("bundle format " + formatVersion + " is not supported by this build (it reads formats "
          + OLDEST_FORMAT_VERSION + " to " + FORMAT_VERSION + "); re-export the model with a matching soundtag");
    }
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(task, "task");
    if (classes == null || classes.isEmpty()) {
      throw new InvalidBundleException("bundle has no classes");
    }
    if (classes.stream().distinct().count() != classes.size()) {
      throw new InvalidBundleException("bundle classes are not unique: " + classes);
    }
    if (thresholds == null || thresholds.size() != classes.size()) {
      throw new InvalidBundleException("bundle needs one threshold per class (" + classes.size() + "), got "
          + (thresholds == null ? 0 : thresholds.size()));
    }
    if (sampleRate <= 0 || windowSamples <= 0 || hopSamples <= 0) {
      throw new InvalidBundleException("bundle sample rate, window and hop must be positive");
    }
    if (branches == null || branches.isEmpty()) {
      throw new InvalidBundleException("bundle has no branches");
    }
    for (BranchManifest b : branches) {
      if (b.quantised() && formatVersion < 2) {
        throw new InvalidBundleException("branch " + b.name() + " is int8-quantised, which bundle format " + formatVersion
            + " cannot hold (format 2 can): the manifest is inconsistent");
      }
      if (b.features().sampleRate() != sampleRate) {
        throw new InvalidBundleException("branch " + b.name() + " features are at " + b.features().sampleRate()
            + " Hz but the bundle analyses at " + sampleRate + " Hz");
      }
    }
    if (branches.stream().noneMatch(b -> b.name().equals(studentBranch))) {
      throw new InvalidBundleException("student branch " + studentBranch + " is not one of the bundle's branches");
    }
    classes = List.copyOf(classes);
    thresholds = List.copyOf(thresholds);
    coarseTaxonomy = coarseTaxonomy == null ? Map.of() : Map.copyOf(coarseTaxonomy);
    branches = List.copyOf(branches);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    provenance = provenance == null ? Map.of() : Map.copyOf(provenance);
  }

  /** The branch served by default. */
  public BranchManifest student() {
    return branch(studentBranch);
  }

  /** The branch of that name. */
  public BranchManifest branch(String name) {
    return branches.stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> new InvalidBundleException("no branch " + name + " in bundle " + modelName + " " + version));
  }
}
