package io.soundtag.dashboard.candidate;

import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.schemas.ModelRelease;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The newest release of each deployment seen on {@code audio.models}, bundle included, and which
 * of them is the candidate for windows a given model scored. Thread-safe.
 */
public final class CandidateReleases {

  /** Deployments tracked at most (each keeps one bundle in memory). */
  public static final int MAX_DEPLOYMENTS = 8;

  private final Map<String, ModelRelease> newest = new TreeMap<>();

  /** A release read from the models topic (already decoded by the release envelope). */
  public synchronized void onRelease(ModelRelease release) {
    String deployment = ReleaseEnvelope.deployment(release);
    ModelRelease current = newest.get(deployment);
    if (current == null ? newest.size() >= MAX_DEPLOYMENTS : current.getRelease() >= release.getRelease()) {
      return;
    }
    newest.put(deployment, release);
  }

  /**
   * The candidate for windows scored by {@code servedModel} ({@code deployment:version}): the
   * newest release of that deployment, when it is not the served one and not older than it.
   * A release newer than the served one is a candidate whatever its decision: refused, or not
   * swapped in yet. A served model from a file (its version not a release number) has every
   * release of its deployment newer than it.
   */
  public synchronized Optional<ModelRelease> candidateFor(String servedModel) {
    ModelId served;
    try {
      served = ModelId.parse(servedModel);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    ModelRelease r = newest.get(served.deployment());
    if (r == null || ReleaseEnvelope.id(r).equals(served)) {
      return Optional.empty();
    }
    Long servedNumber = releaseNumber(served.version());
    return servedNumber != null && r.getRelease() <= servedNumber ? Optional.empty() : Optional.of(r);
  }

  private static Long releaseNumber(String version) {
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
