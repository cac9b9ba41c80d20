package io.soundtag.dashboard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may do what: anything that writes needs the token and is refused in read-only mode; audio
 * (playback and spectrograms) is refused when audio is off.
 *
 * @param token the write token
 * @param readOnly refuse every write
 * @param serveAudio serve audio and pictures of it
 */
public record AccessPolicy(String token, boolean readOnly, boolean serveAudio) {

  /** The header a write carries its token in. */
  public static final String TOKEN_HEADER = "X-Soundtag-Token";

  public AccessPolicy {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException("the dashboard token must be at least 16 characters");
    }
  }

  /** Why a write with {@code presented} as its token is refused, or null when it is allowed. */
  public Refusal checkWrite(String presented) {
    if (readOnly) {
      return new Refusal(403, "this dashboard is read-only (started with --read-only)");
    }
    if (presented == null || presented.isEmpty()) {
      return new Refusal(401, "writes need the dashboard token (printed when the dashboard first started) in "
          + TOKEN_HEADER);
    }
    boolean same = MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    return same ? null : new Refusal(403, "wrong dashboard token");
  }

  /** Why audio is refused, or null when it is served. */
  public Refusal checkAudio() {
    return serveAudio ? null : new Refusal(403, "this dashboard serves no audio (started with --no-audio)");
  }

  /**
   * A refused request.
   *
   * @param status the HTTP status
   * @param message what was refused and how to get it allowed
   */
  public record Refusal(int status, String message) {}
}
