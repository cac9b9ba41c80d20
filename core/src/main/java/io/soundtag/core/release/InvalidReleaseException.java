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
    INCONSISTENT
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
