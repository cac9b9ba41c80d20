package io.soundtag.trainer.labels;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A clip's id: the lowercase hex sha256 of {@code "soundtag-clip-v1\0"}, the sample rate (4 bytes,
 * big-endian) and the mono PCM16LE samples. It depends on the audio alone, not on its labels, so
 * re-importing a file gives the same id (the write is idempotent) and a corrected label replaces
 * the clip's old labels instead of adding a second, contradicting clip.
 */
public final class ClipId {

  private static final byte[] DOMAIN = "soundtag-clip-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

  private ClipId() {}

  /** The id of {@code pcm16le} samples at {@code sampleRate} Hz. */
  public static String of(int sampleRate, byte[] pcm16le) {
    return of(sampleRate, ByteBuffer.wrap(pcm16le));
  }

  /** The id of the remaining bytes of {@code pcm16le} at {@code sampleRate} Hz; the buffer's position is unchanged. */
  public static String of(int sampleRate, ByteBuffer pcm16le) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
    sha.update(DOMAIN);
    sha.update(ByteBuffer.allocate(4).putInt(sampleRate).array());
    sha.update(pcm16le.duplicate());
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * {@code id} when it has the form of a clip id.
   *
   * @throws IllegalArgumentException saying what a clip id looks like
   */
  public static String require(String id) {
    if (id == null || !FORM.matcher(id).matches()) {
      throw new IllegalArgumentException("'" + id + "' is not a clip id: a clip id is 64 lowercase hex digits"
          + " (see `soundtag label stats` or the output of `soundtag label add`)");
    }
    return id;
  }
}
