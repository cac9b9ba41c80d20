package io.soundtag.core.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Conversions between interleaved PCM bytes and mono float samples in [-1, 1].
 *
 * <p>Integers map to floats by dividing by {@code 2^(bits−1)} (PCM16: {@code /32768}), so
 * {@code −32768 → −1.0} and {@code 32767 → 0.99997}; encoding rounds to nearest and clips.
 * Channels are downmixed by their mean.
 */
public final class PcmCodec {

  private PcmCodec() {}

  /**
   * Decodes {@code length} bytes of interleaved frames from {@code offset} and downmixes them.
   *
   * @throws IllegalArgumentException if {@code channels < 1} or the bytes are not whole frames
   */
  public static float[] toMono(byte[] bytes, int offset, int length, PcmEncoding encoding, int channels) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be at least 1, got " + channels);
    }
    int frameBytes = encoding.bytesPerSample() * channels;
    if (length % frameBytes != 0) {
      throw new IllegalArgumentException(length + " bytes of " + encoding + " x " + channels
          + " channels is not a whole number of " + frameBytes + "-byte frames");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    int frames = length / frameBytes;
    float[] out = new float[frames];
    if (channels == 1) {
      for (int i = 0; i < frames; i++) {
        out[i] = (float) sample(buf, encoding);
      }
      return out;
    }
    for (int i = 0; i < frames; i++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += sample(buf, encoding);
      }
      out[i] = (float) (sum / channels);
    }
    return out;
  }

  /**
   * Decodes {@code count} samples from {@code offset} as they are stored, channels still
   * interleaved, into {@code out} from {@code outOffset}.
   *
   * @throws IndexOutOfBoundsException if either array is too short
   */
  public static void decode(byte[] bytes, int offset, PcmEncoding encoding, float[] out, int outOffset, int count) {
    ByteBuffer buf = ByteBuffer.wrap(bytes, offset, count * encoding.bytesPerSample()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      out[outOffset + i] = (float) sample(buf, encoding);
    }
  }

  private static double sample(ByteBuffer buf, PcmEncoding encoding) {
    return switch (encoding) {
      case PCM8 -> ((buf.get() & 0xff) - 128) / 128.0;
      case PCM16LE -> buf.getShort() / 32768.0;
      case PCM16BE -> Short.reverseBytes(buf.getShort()) / 32768.0;
      case PCM24LE -> {
        int b0 = buf.get() & 0xff;
        int b1 = buf.get() & 0xff;
        int b2 = buf.get();
        yield ((b2 << 16) | (b1 << 8) | b0) / 8388608.0;
      }
      case PCM32LE -> buf.getInt() / 2147483648.0;
      case FLOAT32LE -> buf.getFloat();
    };
  }

  /** Mono samples as PCM16LE bytes: {@code round(x·32768)} clipped to {@code [−32768, 32767]}. */
  public static byte[] toPcm16(float[] samples) {
    ByteBuffer buf = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      long v = Math.round(s * 32768.0);
      buf.putShort((short) Math.max(-32768, Math.min(32767, v)));
    }
    return buf.array();
  }

  /** Mono samples as FLOAT32LE bytes, unchanged. */
  public static byte[] toFloat32(float[] samples) {
    ByteBuffer buf = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float s : samples) {
      buf.putFloat(s);
    }
    return buf.array();
  }
}
