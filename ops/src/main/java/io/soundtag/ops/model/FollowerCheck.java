package io.soundtag.ops.model;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.schemas.TaggerStatus;
import io.soundtag.tagger.model.ReleaseVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the running taggers (their statuses on {@code audio.status}) would make of a bundle
 * published under a deployment: who follows it and, of those, who would refuse it and why. Pure
 * logic, so that {@code model publish} can say all of this before it writes anything.
 *
 * @param deployment the deployment it would be published under
 * @param followers the instances following that deployment
 * @param refusals why followers would refuse it (empty when they would all serve it)
 * @param servableUnder other deployments that are followed and would serve it, by name (for {@code --as})
 * @param followed every deployment followed, with its instance count
 */
public record FollowerCheck(String deployment, List<String> followers, List<String> refusals, List<String> servableUnder,
    Map<String, Integer> followed) {

  /**
   * @param classesChanged the publisher says the classes change on purpose
   */
  public static FollowerCheck of(BundleManifest bundle, String deployment, boolean classesChanged, List<TaggerStatus> statuses) {
    List<String> followers = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    Map<String, Integer> followed = new TreeMap<>();
    Map<String, Boolean> servable = new TreeMap<>();
    for (TaggerStatus s : statuses) {
      followed.merge(s.getDeployment(), 1, Integer::sum);
      String why = refusal(bundle, s, classesChanged);
      servable.merge(s.getDeployment(), why == null, Boolean::logicalAnd);
      if (s.getDeployment().equals(deployment)) {
        followers.add(s.getInstanceId());
        if (why != null) {
          refusals.add(s.getInstanceId() + ": " + why);
        }
      }
    }
    List<String> under = new ArrayList<>();
    servable.forEach((d, ok) -> {
      if (ok && !d.equals(deployment)) {
        under.add(d);
      }
    });
    return new FollowerCheck(deployment, List.copyOf(followers), List.copyOf(refusals), List.copyOf(under), Map.copyOf(followed));
  }

  /** Whether some tagger follows the deployment and none of them would refuse it. */
  public boolean servable() {
    return !followers.isEmpty() && refusals.isEmpty();
  }

  /** Why {@code status}'s tagger would refuse {@code bundle}, or null when it would serve it. */
  static String refusal(BundleManifest bundle, TaggerStatus status, boolean classesChanged) {
    String geometry = ReleaseVerifier.unservableGeometry(bundle, status.getSampleRate(), status.getWindowSamples(),
        status.getHopSamples());
    if (geometry != null) {
      return geometry;
    }
    List<String> served = List.copyOf(status.getClasses());
    if (!classesChanged && !bundle.classes().equals(served)) {
      List<String> added = new ArrayList<>(bundle.classes());
      added.removeAll(served);
      List<String> removed = new ArrayList<>(served);
      removed.removeAll(bundle.classes());
      return "its classes differ from the served ones (added " + added + ", removed " + removed
          + (added.isEmpty() && removed.isEmpty() ? ", same classes in another order" : "")
          + "); pass --classes-changed if that is on purpose (TagEvents then carry the new labels)";
    }
    return null;
  }

  /** One paragraph saying why the bundle would not be served, and what to do. */
  public String explanation() {
    StringBuilder b = new StringBuilder();
    if (followers.isEmpty()) {
      b.append(followed.isEmpty()
          ? "no tagger reports on audio.status, so no tagger would serve it"
          : "no running tagger follows deployment '" + deployment + "' (taggers follow " + followed + ")");
    } else {
      b.append("the taggers following '").append(deployment).append("' would refuse it: ").append(String.join("; ", refusals));
    }
    if (!servableUnder.isEmpty()) {
      b.append("; it is servable under ").append(servableUnder).append(": publish it with --as ").append(servableUnder.get(0));
    }
    b.append(" (or --force to publish it anyway)");
    return b.toString();
  }
}
