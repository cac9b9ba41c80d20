package io.soundtag.ops.tagger;

import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.features.LogMelConfig;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.schemas.ModelRelease;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cheap, distinguishable releases made from one trained bundle, good and bad. */
public final class BundleVariants {

  private BundleVariants() {}

  /** The same networks under another version. */
  public static ModelBundle withVersion(ModelBundle base, String version) {
    BundleManifest m = base.manifest();
    return new ModelBundle(manifest(m, version, m.classes(), m.sampleRate(), m.windowSamples(), m.hopSamples(), m.branches()),
        parameters(base));
  }

  /** The same networks under another model name and version: what `soundtag train --out dev.bundle` makes. */
  static ModelBundle renamed(ModelBundle base, String modelName, String version) {
    BundleManifest m = base.manifest();
    return new ModelBundle(new BundleManifest(m.formatVersion(), modelName, version, null, System.currentTimeMillis(), m.task(),
        m.classes(), m.thresholds(), m.coarseTaxonomy(), m.sampleRate(), m.windowSamples(), m.hopSamples(), m.branches(),
        m.studentBranch(), m.metrics(), m.provenance()), parameters(base));
  }

  /** The same networks, declared to analyse audio at another rate (32 kHz for a 16 kHz model, else 16 kHz): one a running tagger cannot serve. */
  static ModelBundle atAnotherRate(ModelBundle base, String version) {
    BundleManifest m = base.manifest();
    int rate = m.sampleRate() == 16_000 ? 32_000 : 16_000;
    List<BranchManifest> branches = new ArrayList<>();
    for (BranchManifest b : m.branches()) {
      LogMelConfig f = (LogMelConfig) b.features();
      int n = f.nFft() * rate / f.sampleRate();
      branches.add(new BranchManifest(b.name(), new LogMelConfig(rate, n, n, f.hopLength() * rate / f.sampleRate(), f.nMels(), 0,
          rate / 2.0, f.scale()), b.network(), b.normalisation(), b.parametersEntry()));
    }
    return new ModelBundle(manifest(m, version, m.classes(), rate, rate, rate / 2, branches), parameters(base));
  }

  /** Release {@code number} of {@code bundle}, under the deployment named after it, following the release before it. */
  static ModelRelease release(ModelBundle bundle, long number) {
    return ReleaseEnvelope.seal(bundle.toBytes(), ReleaseLineage.published(bundle.manifest().modelName(), "test"), number,
        number > 1 ? number - 1 : null);
  }

  /** Release {@code number} whose bytes were damaged after its sha256 was taken. */
  static ModelRelease corruptedInTransit(ModelBundle bundle, long number) {
    ModelRelease r = release(bundle, number);
    byte[] bytes = bundle.toBytes();
    bytes[bytes.length / 2] ^= 0x5a;
    r.setBundle(ByteBuffer.wrap(bytes));
    return r;
  }

  private static BundleManifest manifest(BundleManifest m, String version, List<String> classes, int rate, int window, int hop,
      List<BranchManifest> branches) {
    return new BundleManifest(m.formatVersion(), m.modelName(), version, m.version(), System.currentTimeMillis(), m.task(),
        classes, m.thresholds(), m.coarseTaxonomy(), rate, window, hop, branches, m.studentBranch(), m.metrics(), m.provenance());
  }

  private static Map<String, byte[]> parameters(ModelBundle base) {
    Map<String, byte[]> out = new HashMap<>();
    for (BranchManifest b : base.manifest().branches()) {
      out.put(b.parametersEntry(), base.parameters(b));
    }
    return out;
  }
}
