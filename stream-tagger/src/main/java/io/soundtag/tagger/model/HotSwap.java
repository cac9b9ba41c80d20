package io.soundtag.tagger.model;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.tagger.metrics.TaggerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers model releases to a {@link ModelSlot}: a release that passes {@link ReleaseVerifier} is
 * swapped in (stream threads pick it up at their next batch, so a batch is scored by one model);
 * a bad one is refused with a log line and a count by reason while the current model keeps serving.
 */
public final class HotSwap {

  private static final Logger LOG = LoggerFactory.getLogger(HotSwap.class);

  /** What became of an offered release. */
  public enum Outcome {
    SWAPPED,
    ALREADY_SERVING,
    REJECTED
  }

  private final ModelSlot slot;
  private final ReleaseVerifier verifier;
  private final TaggerMetrics metrics;

  public HotSwap(ModelSlot slot, ReleaseVerifier verifier, TaggerMetrics metrics) {
    this.slot = slot;
    this.verifier = verifier;
    this.metrics = metrics;
  }

  /** Offers an encoded ModelRelease record (as read from {@code audio.models}). */
  public Outcome offer(byte[] record) {
    ModelRelease release;
    try {
      release = Contracts.MODEL_RELEASE.decode(record);
    } catch (RuntimeException e) {
      return reject(RejectionReason.UNDECODABLE, "record", e.getMessage());
    }
    return offer(release);
  }

  /** Verifies a release and serves it if it passes; a release of the version served is left alone. */
  public synchronized Outcome offer(ModelRelease release) {
    String id = release.getModelName() + ":" + release.getVersion();
    BundleManifest serving = slot.manifest();
    String previous = slot.currentId().toString();
    if (id.equals(previous)) {
      LOG.info("model release {} is the one being served", id);
      return Outcome.ALREADY_SERVING;
    }
    ServingModel next;
    long t0 = System.nanoTime();
    try {
      next = verifier.verify(release, serving);
    } catch (RejectedRelease e) {
      return reject(e.reason(), id, e.getMessage());
    }
    slot.swap(next);
    metrics.modelSwaps.inc();
    metrics.modelInfo.labelValues(serving.modelName(), serving.version()).set(0);
    metrics.modelInfo.labelValues(next.manifest().modelName(), next.manifest().version()).set(1);
    LOG.info("model release {} verified and swapped in for {} ({} ms)", id, previous, (System.nanoTime() - t0) / 1_000_000);
    return Outcome.SWAPPED;
  }

  private Outcome reject(RejectionReason reason, String what, String message) {
    metrics.rejectedReleases.labelValues(reason.name()).inc();
    LOG.warn("model release {} refused ({}): {}; still serving {}", what, reason, message, slot.currentId());
    return Outcome.REJECTED;
  }
}
