package io.soundtag.core.release;

/** A release record that is not a sound release, with the reason; thrown by {@link ReleaseEnvelope#open}. */
public final class InvalidReleaseException extends Exception {

  /** What is wrong with it. */
  public enum Reason {
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
    /** The release is signed by a key that is not trusted. */
    UNTRUSTED_KEY,
    /** The signature does not verify against the bundle bytes with the trusted key it names. */
    BAD_SIGNATURE
  }

  private final Reason reason;

  public InvalidReleaseException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public InvalidReleaseException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
