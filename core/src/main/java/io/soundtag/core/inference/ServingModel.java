package io.soundtag.core.inference;

import ai.djl.Device;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import java.util.ArrayList;
import java.util.List;

/**
 * A model bundle loaded for serving. Thread-safe; each thread scores through its own
 * {@link InferenceSession}.
 */
public final class ServingModel implements AutoCloseable {

  private final BundleManifest manifest;
  private final ModelId id;
  private final List<LoadedBranch> branches;

  private ServingModel(BundleManifest manifest, ModelId id, List<LoadedBranch> branches) {
    this.manifest = manifest;
    this.id = id;
    this.branches = branches;
  }

  /** Loads the branches {@code mode} serves onto {@link Devices#preferred()}, under the bundle's own name and version. */
  public static ServingModel load(ModelBundle bundle, ServingMode mode) {
    return load(bundle, mode, ModelId.of(bundle.manifest()), Devices.preferred());
  }

  /** Loads the bundle to serve it under {@code id} (a release's id). */
  public static ServingModel load(ModelBundle bundle, ServingMode mode, ModelId id) {
    return load(bundle, mode, id, Devices.preferred());
  }

  /** Loads the bundle onto {@code device}, under its own name and version. */
  public static ServingModel load(ModelBundle bundle, ServingMode mode, Device device) {
    return load(bundle, mode, ModelId.of(bundle.manifest()), device);
  }

  private static ServingModel load(ModelBundle bundle, ServingMode mode, ModelId id, Device device) {
    BundleManifest manifest = bundle.manifest();
    List<BranchManifest> served = mode == ServingMode.STUDENT ? List.of(manifest.student()) : manifest.branches();
    List<LoadedBranch> loaded = new ArrayList<>();
    try {
      for (BranchManifest b : served) {
        loaded.add(new LoadedBranch(b, bundle.parameters(b), manifest.task(), manifest.classes().size(), manifest.windowSamples(),
            device));
      }
    } catch (RuntimeException e) {
      loaded.forEach(LoadedBranch::close);
      throw e;
    }
    return new ServingModel(manifest, id, List.copyOf(loaded));
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** The id TagEvents carry: a release's {@code deployment:release}, or the bundle's name and version. */
  public ModelId id() {
    return id;
  }

  /** A session for the calling thread. */
  public InferenceSession newSession() {
    return new InferenceSession(manifest, branches);
  }

  @Override
  public void close() {
    branches.forEach(LoadedBranch::close);
  }
}
