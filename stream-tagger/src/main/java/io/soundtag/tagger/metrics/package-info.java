/**
 * {@link io.soundtag.tagger.metrics.TaggerMetrics}: the tagger's Prometheus metrics, registered on
 * the registry the process exposes on {@code /metrics}.
 */
package io.soundtag.tagger.metrics;
