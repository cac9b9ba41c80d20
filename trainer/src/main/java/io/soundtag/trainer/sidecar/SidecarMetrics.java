package io.soundtag.trainer.sidecar;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.trainer.labels.LabelCounts;

/** The sidecar's metrics: progress, state, decisions, runs and label counts. */
public final class SidecarMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Gauge progress = Gauge.builder().name("soundtag_sidecar_run_progress_ratio")
      .help("Share of the current run's optimiser steps done").register(registry);
  final Gauge state = Gauge.builder().name("soundtag_sidecar_state").help("1 for what the sidecar is doing now")
      .labelNames("state").register(registry);
  final Counter decisions = Counter.builder().name("soundtag_sidecar_decisions_total")
      .help("Gate decisions recorded, by decision").labelNames("decision").register(registry);
  final Gauge lastGain = Gauge.builder().name("soundtag_sidecar_last_gain")
      .help("Primary gate metric of the last candidate minus the served model's").register(registry);
  final Gauge lastPromoted = Gauge.builder().name("soundtag_sidecar_last_decision_promoted")
      .help("1 when the last decision promoted the candidate, 0 when it refused it").register(registry);
  final Gauge lastRelease = Gauge.builder().name("soundtag_sidecar_last_release")
      .help("Number of the last release the sidecar recorded").register(registry);
  final Counter refusedReleases = Counter.builder().name("soundtag_sidecar_refused_releases_total")
      .help("Times the served release could not be used as the baseline (bad envelope or signature), by reason").labelNames("reason")
      .register(registry);
  final Counter failures = Counter.builder().name("soundtag_sidecar_failures_total")
      .help("Cycles that failed; the sidecar goes on").register(registry);
  final Gauge labelClips = Gauge.builder().name("soundtag_sidecar_label_clips")
      .help("Labelled clips in the snapshot last read").register(registry);
  final Gauge labelNegatives = Gauge.builder().name("soundtag_sidecar_label_negative_clips")
      .help("Negative clips in the snapshot last read").register(registry);
  final Gauge labelsPerClass = Gauge.builder().name("soundtag_sidecar_label_class_clips")
      .help("Labelled clips per class in the snapshot last read").labelNames("class").register(registry);
  final Gauge changed = Gauge.builder().name("soundtag_sidecar_labels_changed_since_last_run")
      .help("Clips added, changed or deleted since the last run").register(registry);

  /** The registry to serve. */
  public PrometheusRegistry registry() {
    return registry;
  }

  void state(SidecarStatus.State now) {
    for (SidecarStatus.State s : SidecarStatus.State.values()) {
      state.labelValues(s.name().toLowerCase(java.util.Locale.ROOT)).set(s == now ? 1 : 0);
    }
  }

  void labels(LabelCounts counts, int changedSinceLastRun) {
    labelClips.set(counts.clips());
    labelNegatives.set(counts.negatives());
    counts.perClass().forEach((cls, n) -> labelsPerClass.labelValues(cls).set(n));
    changed.set(changedSinceLastRun);
  }
}
