package io.soundtag.trainer.sidecar;

import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.Normalisation;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.features.MelScale;
import io.soundtag.core.nn.NetworkSpec;
import io.soundtag.trainer.taxonomy.FineClass;
import io.soundtag.trainer.taxonomy.Taxonomy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Bundles for tests of what the sidecar reads from and writes into a manifest: the parameters are
 * placeholder bytes, so these bundles are never scored.
 */
final class ManifestBundles {

  /** Three fine classes in three coarse groups, two negatives; "siren" and "car_horn" train siren_horn. */
  static final Taxonomy TAXONOMY = new Taxonomy("site-test", List.of(
      new FineClass("siren_horn", "alarm", List.of("siren", "car_horn")),
      new FineClass("tools", "machinery", List.of("jackhammer")),
      new FineClass("weather", "nature", List.of("rain"))), List.of("speech", "footsteps"));

  private ManifestBundles() {}

  /** A multi-label bundle of {@link #TAXONOMY}, carrying it as the shipped model does, calibrated for {@code target}. */
  static ModelBundle servedTaxonomyBundle(List<Double> thresholds, double target) {
    return bundle(TAXONOMY.classNames(), thresholds, TAXONOMY.coarseOf(), Map.of(CandidateThresholds.TARGET_METRIC, target),
        Map.of(SiteTaxonomy.PROVENANCE_KEY, TAXONOMY.toJson().replaceAll("\\s+", " ")));
  }

  static ModelBundle bundle(List<String> classes, List<Double> thresholds, Map<String, String> coarse, Map<String, Double> metrics,
      Map<String, String> provenance) {
    float[] ones = new float[16];
    Arrays.fill(ones, 1f);
    BranchManifest branch = new BranchManifest("logmel-smallcnn", new LogMelConfig(8000, 256, 256, 80, 16, 0, 4000, MelScale.SLANEY),
        NetworkSpec.defaults("smallcnn"), new Normalisation(new float[16], ones), "branches/logmel-smallcnn.params");
    BundleManifest m = new BundleManifest(BundleManifest.FORMAT_VERSION, "site", "1", null, 0L, TaskType.MULTI_LABEL, classes,
        thresholds, coarse, 8000, 4000, 2000, List.of(branch), branch.name(), metrics, provenance);
    return new ModelBundle(m, Map.of(branch.parametersEntry(), new byte[] {1, 2, 3}));
  }
}
