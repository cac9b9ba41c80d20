/**
 * The tagger's heartbeat: {@link io.soundtag.tagger.status.StatusReporter} writes a
 * {@code TaggerStatus} (served model, tasks, swaps and refusals) to the compacted
 * {@code audio.status} topic, keyed by instance id, periodically and on every swap or refusal, and a
 * tombstone when the instance stops, so that {@code soundtag model status} shows which instance
 * serves which release.
 */
package io.soundtag.tagger.status;
