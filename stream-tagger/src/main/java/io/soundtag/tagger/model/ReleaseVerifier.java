package io.soundtag.tagger.model;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.InferenceSession;
import io.soundtag.core.inference.ServingMode;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.release.OpenedRelease;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks that an opened release (its envelope already checked by
 * {@link io.soundtag.core.release.ReleaseEnvelope#open}) is one this tagger can serve, and loads it:
 * the window geometry against the model being served; the classes, unless the release says they
 * changed on purpose; then a warm-up batch through a fresh session, which must give one finite
 * probability per class for every window.
 */
public final class ReleaseVerifier {

  private static final int WARMUP_WINDOWS = 2;

  private final ServingMode mode;

  /** @param mode how the release is served (the same as the running model) */
  public ReleaseVerifier(ServingMode mode) {
    this.mode = mode;
  }

  /**
   * Verifies {@code release} against the model now {@code serving} and returns it loaded and warmed up.
   *
   * @throws RejectedRelease if any check fails; nothing is left loaded then
   */
  public ServingModel verify(OpenedRelease release, BundleManifest serving) throws RejectedRelease {
    BundleManifest m = release.bundle().manifest();
    String geometry = unservableGeometry(m, serving.sampleRate(), serving.windowSamples(), serving.hopSamples());
    if (geometry != null) {
      throw new RejectedRelease(RejectionReason.UNSERVABLE_GEOMETRY, geometry);
    }
    if (!m.classes().equals(serving.classes()) && !release.release().getClassesChanged()) {
      throw new RejectedRelease(RejectionReason.CLASSES_CHANGED, "release classes " + m.classes() + " differ from the served "
          + serving.classes() + " and the release does not say they changed on purpose");
    }
    ServingModel model;
    try {
      model = ServingModel.load(release.bundle(), mode, release.id());
    } catch (RuntimeException e) {
      throw new RejectedRelease(RejectionReason.LOAD_FAILED, "cannot load the networks: " + e.getMessage(), e);
    }
    try {
      warmUp(model);
      return model;
    } catch (RejectedRelease | RuntimeException e) {
      model.close();
      throw e instanceof RejectedRelease r ? r
          : new RejectedRelease(RejectionReason.WARMUP_FAILED, "warm-up batch failed: " + e.getMessage(), e);
    }
  }

  /**
   * Why a tagger cutting {@code windowSamples} every {@code hopSamples} at {@code sampleRate} cannot
   * serve {@code m}, or null when it can (rate, window and hop agree).
   */
  public static String unservableGeometry(BundleManifest m, int sampleRate, int windowSamples, int hopSamples) {
    if (m.sampleRate() == sampleRate && m.windowSamples() == windowSamples && m.hopSamples() == hopSamples) {
      return null;
    }
    return String.format("the bundle analyses %d-sample windows every %d samples at %d Hz; the tagger cuts %d every %d at %d Hz"
            + " (restart the tagger with the new model to change it)",
        m.windowSamples(), m.hopSamples(), m.sampleRate(), windowSamples, hopSamples, sampleRate);
  }

  /** One silent and one noise window through a new session: each must give a finite probability per class. */
  private static void warmUp(ServingModel model) throws RejectedRelease {
    BundleManifest m = model.manifest();
    float[] noise = new float[m.windowSamples()];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * (random.nextDouble() * 2 - 1));
    }
    List<float[]> windows = List.of(new float[m.windowSamples()], noise);
    float[][] scores;
    try (InferenceSession session = model.newSession()) {
      scores = session.score(windows);
    }
    if (scores.length != WARMUP_WINDOWS) {
      throw new RejectedRelease(RejectionReason.WARMUP_FAILED, "warm-up gave " + scores.length + " rows for " + WARMUP_WINDOWS + " windows");
    }
    for (float[] row : scores) {
      if (row.length != m.classes().size()) {
        throw new RejectedRelease(RejectionReason.WARMUP_FAILED,
            "warm-up gave " + row.length + " scores per window for " + m.classes().size() + " classes");
      }
      for (float s : row) {
        if (!(s >= 0 && s <= 1)) {
          throw new RejectedRelease(RejectionReason.WARMUP_FAILED, "warm-up gave a score outside [0, 1]: " + s);
        }
      }
    }
  }
}
