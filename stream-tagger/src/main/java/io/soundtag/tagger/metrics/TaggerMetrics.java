package io.soundtag.tagger.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/** The tagger's Prometheus metrics, registered on the registry the process exposes on /metrics. */
public final class TaggerMetrics {

  public final Counter chunksIn;
  public final Counter duplicateChunks;
  public final Counter silenceSamples;
  public final Counter streamRestarts;
  public final Counter windowsOut;
  public final Counter deadLetters;
  public final Histogram batchSize;
  public final Histogram inferenceSeconds;
  public final Histogram endToEndSeconds;
  public final Gauge modelInfo;
  public final Counter modelSwaps;
  public final Counter rejectedReleases;
  public final Counter ignoredReleases;
  public final Counter tags;
  public final Counter soundEvents;
  public final Counter levelGated;
  public final Counter levelReports;
  public final Counter levelsCpuSeconds;

  public TaggerMetrics(PrometheusRegistry registry) {
    chunksIn = Counter.builder().name("soundtag_tagger_chunks_in_total").help("Audio chunks read").register(registry);
    duplicateChunks = Counter.builder().name("soundtag_tagger_duplicate_chunks_total").help("Chunks dropped as duplicates").register(registry);
    silenceSamples = Counter.builder().name("soundtag_tagger_gap_fill_samples_total").help("Silent samples inserted to fill sequence gaps").register(registry);
    streamRestarts = Counter.builder().name("soundtag_tagger_stream_restarts_total").help("Sensor streams restarted after a gap beyond the bound").register(registry);
    windowsOut = Counter.builder().name("soundtag_tagger_windows_out_total").help("Windows tagged").register(registry);
    deadLetters = Counter.builder().name("soundtag_tagger_dead_letters_total").help("Inputs sent to the dead-letter topic")
        .labelNames("reason").register(registry);
    batchSize = Histogram.builder().name("soundtag_tagger_batch_size").help("Windows per inference batch")
        .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128).classicOnly().register(registry);
    inferenceSeconds = Histogram.builder().name("soundtag_tagger_inference_seconds").help("Features and network time per batch")
        .unit(Unit.SECONDS).classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1).classicOnly().register(registry);
    endToEndSeconds = Histogram.builder().name("soundtag_tagger_end_to_end_latency_seconds")
        .help("From the capture time of a window's end to its TagEvent being produced")
        .unit(Unit.SECONDS).classicUpperBounds(0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 5, 10).classicOnly().register(registry);
    modelInfo = Gauge.builder().name("soundtag_tagger_model_info").help("1 for the model version being served")
        .labelNames("model", "version").register(registry);
    modelSwaps = Counter.builder().name("soundtag_tagger_model_swaps_total").help("Model releases swapped in").register(registry);
    rejectedReleases = Counter.builder().name("soundtag_tagger_model_releases_rejected_total").help("Model releases refused")
        .labelNames("reason").register(registry);
    ignoredReleases = Counter.builder().name("soundtag_tagger_model_releases_ignored_total")
        .help("Model releases ignored: of another deployment, refused by the gate, or not newer than the one served")
        .labelNames("reason").register(registry);
    tags = Counter.builder().name("soundtag_tagger_tags_total").help("Window tags above threshold").labelNames("label").register(registry);
    soundEvents = Counter.builder().name("soundtag_tagger_sound_events_total").help("Sound events started").labelNames("label").register(registry);
    levelGated = Counter.builder().name("soundtag_tagger_level_gated_windows_total").help("Windows below the level gate, not scored").register(registry);
    levelReports = Counter.builder().name("soundtag_tagger_level_reports_total").help("Level reports written, one per sensor per interval").register(registry);
    levelsCpuSeconds = Counter.builder().name("soundtag_tagger_levels_cpu_seconds_total")
        .help("Stream-thread CPU of the level processor (meter, level state, reports); sound detection not included")
        .unit(Unit.SECONDS).register(registry);
  }
}
