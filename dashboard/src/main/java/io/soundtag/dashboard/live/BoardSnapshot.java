package io.soundtag.dashboard.live;

import java.util.List;
import java.util.Map;

/**
 * Everything the grid and the models panel show, at one instant.
 *
 * @param atMillis when it was taken
 * @param sensors one card per sensor, by sensor id
 * @param deadLettersByReason dead letters seen since start, by reason code
 * @param skippedRecords records the dashboard could not read, by topic
 * @param releases model releases by deployment, newest first
 * @param taggers the latest heartbeat of every tagger instance
 * @param servedVersions per sensor, the model version of its newest window
 * @param eventSeq the change counter of the newest event
 */
public record BoardSnapshot(long atMillis, List<SensorCard> sensors, Map<String, Long> deadLettersByReason,
    Map<String, Long> skippedRecords, List<ReleaseView> releases, List<TaggerView> taggers, Map<String, String> servedVersions,
    long eventSeq) {}
