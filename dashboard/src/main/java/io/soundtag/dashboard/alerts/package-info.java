/**
 * Alerts: sound events routed by per-class rules (tier, minimum peak score, k-of-n, quiet hours
 * per sensor) to sinks — an HTTP webhook and MQTT, optionally with Home Assistant discovery —
 * each delivered from its own queue with retries and back-off, and written to a dead-letter file
 * when every attempt failed.
 * {@link io.soundtag.dashboard.alerts.AlertRouter} is the pure decision; {@link
 * io.soundtag.dashboard.alerts.Alerts#start} the front door that reads the events topic.
 */
package io.soundtag.dashboard.alerts;
