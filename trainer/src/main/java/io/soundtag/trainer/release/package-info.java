/**
 * The release log on Kafka: {@link io.soundtag.trainer.release.ReleaseLog} publishes model releases
 * on {@code audio.models} (one transaction each, numbered in order per deployment, the same
 * candidate twice written once) and reads a deployment's history and current release back;
 * {@link io.soundtag.trainer.release.TaggerStatusReader} reads the taggers' heartbeats from
 * {@code audio.status}. The sidecar, {@code soundtag model} and the dashboard use these; the
 * envelope itself is {@code io.soundtag.core.release}'s.
 */
package io.soundtag.trainer.release;
