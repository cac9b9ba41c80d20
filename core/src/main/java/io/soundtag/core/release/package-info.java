/**
 * Model releases, one owner for their envelope: {@link io.soundtag.core.release.ModelId} names a
 * served model ({@code deployment:version}, formatted and parsed only here);
 * {@link io.soundtag.core.release.ReleaseEnvelope} seals bundle bytes and their
 * {@link io.soundtag.core.release.ReleaseLineage} into a {@code ModelRelease} record and opens one
 * read from the network, checking its size, its sha256, its signature under a
 * {@link io.soundtag.core.release.SignaturePolicy} (an optional Ed25519 or RSA signature over the
 * bundle bytes by a {@link io.soundtag.core.release.SigningKey}, checked against
 * {@link io.soundtag.core.release.TrustedKeys}) and that its bundle's manifest agrees with it,
 * before anyone loads a network from it. Nothing here knows Kafka: the release log that writes
 * and reads {@code audio.models} and the taggers that follow it build on this package.
 */
package io.soundtag.core.release;
