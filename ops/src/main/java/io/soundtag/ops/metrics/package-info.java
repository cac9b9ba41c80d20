/**
 * {@link io.soundtag.ops.metrics.MetricsEndpoint}: the {@code /metrics} page on 127.0.0.1 that the
 * long-running commands serve their Prometheus registry on, in Prometheus' text format.
 */
package io.soundtag.ops.metrics;
