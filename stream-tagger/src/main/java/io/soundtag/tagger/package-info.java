/**
 * The tagger's front door: {@link io.soundtag.tagger.Tagger#start} takes
 * {@link io.soundtag.tagger.TaggerSettings} (the Kafka Streams configuration, the bundle to serve,
 * the deployment whose releases to follow, the heartbeat) and returns a running tagger to close.
 * The packages under it are its parts: reassembly, scoring, events, model hot-swap, status, metrics
 * and the topology that joins them.
 */
package io.soundtag.tagger;
