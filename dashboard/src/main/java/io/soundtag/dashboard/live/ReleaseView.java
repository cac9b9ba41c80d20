package io.soundtag.dashboard.live;

import java.util.List;
import java.util.Map;

/**
 * A model release as read from the models topic, without its bundle bytes.
 *
 * @param deployment the name taggers follow
 * @param release its number in the deployment (larger is later)
 * @param parentRelease the release it follows, or null
 * @param decision PUBLISHED, PROMOTED, REFUSED or ROLLBACK
 * @param modelId the id it is served under ({@code deployment:release}), as TagEvents name it
 * @param bundle the bundle's own {@code name:version}
 * @param createdAtMillis when it was made
 * @param createdBy who or what made it
 * @param classes its output labels
 * @param gateMetrics the candidate's figures on the gate set
 * @param parentGateMetrics the parent's figures on the same gate set
 * @param recipe how it was trained
 * @param bundleBytes the bundle's size
 * @param current whether followers of the deployment serve it (the servable release with the largest number)
 * @param signature "signed by key ID", "unsigned", or why its signature is refused ("UNTRUSTED_KEY: …"); a refused one is never current
 */
public record ReleaseView(String deployment, long release, Long parentRelease, String decision, String modelId,
    String bundle, long createdAtMillis, String createdBy, List<String> classes, Map<String, Double> gateMetrics,
    Map<String, Double> parentGateMetrics, String recipe, long bundleBytes, boolean current, String signature) {

  public ReleaseView {
    classes = List.copyOf(classes);
    gateMetrics = Map.copyOf(gateMetrics);
    parentGateMetrics = Map.copyOf(parentGateMetrics);
  }

  ReleaseView withCurrent(boolean on) {
    return new ReleaseView(deployment, release, parentRelease, decision, modelId, bundle, createdAtMillis, createdBy, classes,
        gateMetrics, parentGateMetrics, recipe, bundleBytes, on, signature);
  }
}
