package io.soundtag.dashboard.live;

import java.util.List;
import java.util.Map;

/**
 * A model release as read from the models topic, without its bundle bytes.
 *
 * @param modelName the deployment it belongs to
 * @param version its version
 * @param parentVersion the release it was trained from, or null
 * @param createdAtMillis when it was made
 * @param classes its output labels
 * @param gateMetrics its figures on the gate set
 * @param recipe how it was trained
 * @param sha256 the bundle's hash
 * @param bundleBytes the bundle's size
 */
public record ReleaseView(String modelName, String version, String parentVersion, long createdAtMillis,
    List<String> classes, Map<String, Double> gateMetrics, String recipe, String sha256, long bundleBytes) {

  public ReleaseView {
    classes = List.copyOf(classes);
    gateMetrics = Map.copyOf(gateMetrics);
  }
}
