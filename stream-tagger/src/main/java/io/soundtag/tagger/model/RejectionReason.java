package io.soundtag.tagger.model;

import io.soundtag.core.release.InvalidReleaseException;

/**
 * Why a model release was refused or ignored: the {@code reason} label of the refused- and
 * ignored-releases counters. A refused release was meant for this tagger and is unfit to serve; an
 * ignored one was never meant to replace what it serves.
 */
public enum RejectionReason {
  /** The record is not a ModelRelease this build can decode. */
  UNDECODABLE,
  /** The record or its bundle is larger than a release may be. */
  OVERSIZED,
  /** The bundle bytes do not hash to the release's sha256. */
  SHA256_MISMATCH,
  /** The bundle itself is unreadable or fails its own checksums or manifest validation. */
  INVALID_BUNDLE,
  /** The release's name, version, classes or feature config disagree with its bundle. */
  INCONSISTENT,
  /** Signed releases are required and this one is not signed. */
  UNSIGNED,
  /** The release is signed by a key this tagger does not trust. */
  UNTRUSTED_KEY,
  /** The signature does not verify against the bundle bytes (tampered, or forged under a trusted key's id). */
  BAD_SIGNATURE,
  /** The classes differ from the ones served and the release does not say they changed on purpose. */
  CLASSES_CHANGED,
  /** Sample rate, window or hop differ from the running tagger's: its per-sensor streams are cut in those units. */
  UNSERVABLE_GEOMETRY,
  /** The networks could not be loaded. */
  LOAD_FAILED,
  /** A warm-up batch failed or gave scores that are not one finite probability per class. */
  WARMUP_FAILED,
  /** Ignored: a release of another deployment than the one this tagger follows. */
  OTHER_DEPLOYMENT,
  /** Ignored: a release not newer than the one served (stale or replayed). */
  STALE,
  /** Ignored: an older release read together with a newer one that serves. */
  SUPERSEDED,
  /** Ignored: the gate refused it; it is recorded, never served. */
  REFUSED_BY_GATE;

  /** The reason for an envelope that did not open. */
  static RejectionReason of(InvalidReleaseException.Reason reason) {
    return switch (reason) {
      case UNDECODABLE -> UNDECODABLE;
      case OVERSIZED -> OVERSIZED;
      case SHA256_MISMATCH -> SHA256_MISMATCH;
      case INVALID_BUNDLE -> INVALID_BUNDLE;
      case INCONSISTENT -> INCONSISTENT;
      case UNSIGNED -> UNSIGNED;
      case UNTRUSTED_KEY -> UNTRUSTED_KEY;
      case BAD_SIGNATURE -> BAD_SIGNATURE;
    };
  }
}
