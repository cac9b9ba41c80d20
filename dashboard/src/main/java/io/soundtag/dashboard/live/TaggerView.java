package io.soundtag.dashboard.live;

import java.util.List;

/**
 * A tagger instance's latest heartbeat.
 *
 * @param instanceId the instance
 * @param deployment the deployment it follows
 * @param servedModelId the model it serves ({@code name:version})
 * @param servedRelease its release number, or null for a bundle served from a file
 * @param streamState its Kafka Streams state
 * @param tasks its active tasks
 * @param heartbeatMillis when it last reported
 * @param swaps models swapped in since it started
 * @param refusals releases it refused or ignored
 * @param lastSwap the last swap, from which model to which, or null
 * @param lastRefusal the last release refused and why, or null
 */
public record TaggerView(String instanceId, String deployment, String servedModelId, Long servedRelease, String streamState,
    List<String> tasks, long heartbeatMillis, long swaps, long refusals, String lastSwap, String lastRefusal) {

  public TaggerView {
    tasks = List.copyOf(tasks);
  }
}
