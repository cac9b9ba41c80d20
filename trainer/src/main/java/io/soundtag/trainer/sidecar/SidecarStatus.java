package io.soundtag.trainer.sidecar;

import io.soundtag.trainer.labels.LabelCounts;

/**
 * What a running sidecar is doing, for {@code /metrics}, logs and tests.
 *
 * @param state what it is doing now
 * @param progress share of the current run's optimiser steps done, 0..1 (0 outside a run)
 * @param runs runs decided since start (promoted or refused)
 * @param promoted of those, promoted
 * @param refused of those, refused
 * @param lastDecision one line on the last decision, or empty
 * @param lastRelease the id of the last release written ({@code deployment:release}), or empty
 * @param labels counts of the label snapshot last read, or null before the first refresh
 * @param changedSinceLastRun clips added, changed or deleted since the last run
 * @param failures cycles that failed (Kafka away, unreadable data); the loop goes on
 * @param lastError the last failure's message, or empty
 */
public record SidecarStatus(State state, double progress, long runs, long promoted, long refused, String lastDecision,
    String lastRelease, LabelCounts labels, int changedSinceLastRun, long failures, String lastError) {

  /** What the sidecar is doing. */
  public enum State {
    /** Opening its cache. */
    STARTING,
    /** Waiting for enough new labels or for its period. */
    WAITING,
    /** Training a candidate. */
    TRAINING,
    /** Scoring the candidate and the served model, and the shadow run. */
    GATING,
    /** Recording the decision on the releases topic. */
    PUBLISHING,
    /** Closed. */
    STOPPED
  }
}
