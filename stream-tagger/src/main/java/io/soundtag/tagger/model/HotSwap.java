package io.soundtag.tagger.model;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.OpenedRelease;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.tagger.metrics.TaggerMetrics;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers model releases of one deployment to a {@link ModelSlot}, in release order. A release of
 * another deployment, one the gate refused, or one not newer than the release served is ignored;
 * one whose envelope does not open (its signature checked under the {@link SignaturePolicy}) or that
 * {@link ReleaseVerifier} refuses is refused; either way
 * with a log line and a count by reason while the current model keeps serving. A newer release
 * that passes is swapped in (stream threads pick it up at their next batch, so a batch is scored by
 * one model).
 */
public final class HotSwap {

  private static final Logger LOG = LoggerFactory.getLogger(HotSwap.class);

  /** What became of an offered release. */
  public enum Outcome {
    SWAPPED,
    ALREADY_SERVING,
    IGNORED,
    REFUSED
  }

  /**
   * What this hot-swap has done so far.
   *
   * @param servedRelease the release number served, or null while the model given at start serves
   * @param swaps releases swapped in
   * @param refusals releases refused or ignored
   * @param lastSwap the last swap, "from → to", or null
   * @param lastRefusal the last release refused or ignored and why, or null
   */
  public record History(Long servedRelease, long swaps, long refusals, String lastSwap, String lastRefusal) {}

  private final ModelSlot slot;
  private final ReleaseVerifier verifier;
  private final SignaturePolicy signatures;
  private final TaggerMetrics metrics;
  private final String deployment;
  private final Runnable onChange;
  private Long servedRelease;
  private long swaps;
  private long refusals;
  private String lastSwap;
  private String lastRefusal;

  /**
   * @param signatures which release signatures are accepted
   * @param deployment the deployment followed
   * @param onChange called after every swap, refusal or ignored release (e.g. to report the tagger's status)
   */
  public HotSwap(ModelSlot slot, ReleaseVerifier verifier, SignaturePolicy signatures, TaggerMetrics metrics, String deployment,
      Runnable onChange) {
    if (!ModelId.isDeploymentName(deployment)) {
      throw new IllegalArgumentException("a deployment name is letters, digits, '.', '_' or '-', got '" + deployment + "'");
    }
    this.slot = slot;
    this.verifier = verifier;
    this.signatures = Objects.requireNonNull(signatures, "signatures");
    this.metrics = metrics;
    this.deployment = deployment;
    this.onChange = onChange;
  }

  /** The deployment followed. */
  public String deployment() {
    return deployment;
  }

  /** What has been done so far. */
  public synchronized History history() {
    return new History(servedRelease, swaps, refusals, lastSwap, lastRefusal);
  }

  /** Offers an encoded ModelRelease record (as read from {@code audio.models}). */
  public Outcome offer(byte[] record) {
    ModelRelease release;
    try {
      release = ReleaseEnvelope.decode(record);
    } catch (InvalidReleaseException e) {
      return refuse(RejectionReason.of(e.reason()), "record", e.getMessage());
    }
    return offer(release);
  }

  /** Serves {@code release} if it is a newer release of the deployment followed and passes every check. */
  public synchronized Outcome offer(ModelRelease release) {
    ModelId id;
    try {
      id = ReleaseEnvelope.id(release);
    } catch (IllegalArgumentException e) {
      return refuse(RejectionReason.INCONSISTENT, "record", e.getMessage());
    }
    if (!id.deployment().equals(deployment)) {
      return ignore(RejectionReason.OTHER_DEPLOYMENT, id, "this tagger follows " + deployment
          + " (publish it with --as " + deployment + " to serve it here)");
    }
    if (!ReleaseEnvelope.servable(release)) {
      return ignore(RejectionReason.REFUSED_BY_GATE, id, "the gate refused it; it is recorded, never served");
    }
    if (servedRelease != null && release.getRelease() <= servedRelease) {
      if (id.equals(slot.currentId())) {
        return Outcome.ALREADY_SERVING;
      }
      return ignore(RejectionReason.STALE, id, "release " + servedRelease + " is newer and is served");
    }
    return swap(release, id);
  }

  /** Counts and logs a release not offered because a newer one read with it serves. */
  public synchronized void superseded(ModelRelease release, long by) {
    ignore(RejectionReason.SUPERSEDED, ReleaseEnvelope.id(release), "release " + by + ", read with it, is newer and serves");
  }

  /** Counts a release of another deployment read while catching up; the follower logs them in one line. */
  public synchronized void skippedWhileCatchingUp() {
    metrics.ignoredReleases.labelValues(RejectionReason.OTHER_DEPLOYMENT.name()).inc();
    refusals++;
  }

  private Outcome swap(ModelRelease release, ModelId id) {
    long t0 = System.nanoTime();
    OpenedRelease opened;
    try {
      opened = ReleaseEnvelope.open(release, signatures);
    } catch (InvalidReleaseException e) {
      return refuse(RejectionReason.of(e.reason()), id.toString(), e.getMessage());
    }
    ServingModel next;
    BundleManifest serving = slot.manifest();
    try {
      next = verifier.verify(opened, serving);
    } catch (RejectedRelease e) {
      return refuse(e.reason(), id.toString(), e.getMessage());
    }
    ModelId previous = slot.currentId();
    slot.swap(next);
    servedRelease = release.getRelease();
    swaps++;
    lastSwap = previous + " → " + id;
    metrics.modelSwaps.inc();
    metrics.modelInfo.labelValues(previous.deployment(), previous.version()).set(0);
    metrics.modelInfo.labelValues(id.deployment(), id.version()).set(1);
    LOG.info("model release {} ({}, parent {}) verified and swapped in for {} ({} ms){}", id, release.getDecision(),
        release.getParentRelease() == null ? "none" : release.getParentRelease(), previous, (System.nanoTime() - t0) / 1_000_000,
        next.manifest().classes().equals(serving.classes()) ? "" : "; classes are now " + next.manifest().classes());
    onChange.run();
    return Outcome.SWAPPED;
  }

  private Outcome ignore(RejectionReason reason, ModelId id, String why) {
    metrics.ignoredReleases.labelValues(reason.name()).inc();
    refusals++;
    lastRefusal = id + " ignored (" + reason + "): " + why;
    LOG.warn("model release {} ignored ({}): {}; still serving {}", id, reason, why, slot.currentId());
    onChange.run();
    return Outcome.IGNORED;
  }

  private Outcome refuse(RejectionReason reason, String what, String message) {
    metrics.rejectedReleases.labelValues(reason.name()).inc();
    refusals++;
    lastRefusal = what + " refused (" + reason + "): " + message;
    LOG.warn("model release {} refused ({}): {}; still serving {}", what, reason, message, slot.currentId());
    onChange.run();
    return Outcome.REFUSED;
  }
}
