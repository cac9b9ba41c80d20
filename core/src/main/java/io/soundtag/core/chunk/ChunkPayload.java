package io.soundtag.core.chunk;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one codec of {@code AudioChunk} payloads: interleaved little-endian samples, PCM16 (a value
 * {@code k} is {@code k/32768}) or float32 (full scale ±1).
 *
 * <pre>{@code
 * ByteBuffer payload = ChunkPayload.encode(samples, frames * channels, SampleEncoding.PCM16LE);
 * float[] mono = ChunkPayload.decodeMono(chunk);     // checked, channels averaged
 * long end = ChunkPayload.endMicros(chunk);          // capture time after its last sample
 * }</pre>
 *
 * <p>Decoding bounds every size before allocating, so a chunk from the network cannot exhaust
 * the heap: at most {@link #MAX_PAYLOAD_BYTES} and {@link #MAX_CHUNK_SECONDS} of audio.
 */
public final class ChunkPayload {

  /** Largest payload accepted, 16 MiB: a minute of 48 kHz stereo PCM16 fits, far more than a broker's default record. */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
  /** Longest chunk accepted, in seconds of audio. */
  public static final int MAX_CHUNK_SECONDS = 60;
  /** Lowest sample rate accepted, Hz. */
  public static final int MIN_RATE = 1_000;
  /** Highest sample rate accepted, Hz. */
  public static final int MAX_RATE = 384_000;
  /** Most channels accepted. */
  public static final int MAX_CHANNELS = 32;

  private ChunkPayload() {}

  /**
   * The payload of the first {@code count} interleaved samples: float32 unchanged, or PCM16
   * rounded to the nearest step and saturated at full scale (NaN becomes silence).
   */
  public static ByteBuffer encode(float[] samples, int count, SampleEncoding encoding) {
    if (encoding == SampleEncoding.FLOAT32LE) {
      ByteBuffer out = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < count; i++) {
        out.putFloat(samples[i]);
      }
      return out.flip();
    }
    ByteBuffer out = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      out.putShort(toPcm16(samples[i]));
    }
    return out.flip();
  }

  /** Rounds to the nearest 16-bit step, saturating at full scale (NaN becomes silence). */
  public static short toPcm16(float v) {
    if (Float.isNaN(v)) {
      return 0;
    }
    float scaled = v * 32768f;
    if (scaled >= 32767f) {
      return Short.MAX_VALUE;
    }
    if (scaled <= -32768f) {
      return Short.MIN_VALUE;
    }
    return (short) Math.round(scaled);
  }

  /** Bytes per sample of one channel. */
  public static int bytesPerSample(SampleEncoding encoding) {
    return encoding == SampleEncoding.FLOAT32LE ? 4 : 2;
  }

  /** Whole frames in the chunk's payload (0 when its channel count is impossible). */
  public static long frames(AudioChunk chunk) {
    int frameBytes = bytesPerSample(chunk.getEncoding()) * chunk.getChannels();
    return frameBytes <= 0 ? 0 : chunk.getPayload().remaining() / frameBytes;
  }

  /** Capture time just after the chunk's last sample, µs since the epoch. */
  public static long endMicros(AudioChunk chunk) {
    return chunk.getCaptureStartMicros() + frames(chunk) * 1_000_000L / Math.max(1, chunk.getSampleRate());
  }

  /**
   * The chunk's mono samples (PCM16 divided by 32768; channels averaged, which is the downmix),
   * after checking its sensor id, rate, channels, size and values.
   *
   * @throws BadChunkException saying what is wrong with it
   */
  public static float[] decodeMono(AudioChunk chunk) throws BadChunkException {
    if (chunk.getSensorId() == null || chunk.getSensorId().isBlank()) {
      throw new BadChunkException(ChunkProblem.BAD_SENSOR_ID, "chunk has no sensor id");
    }
    int rate = chunk.getSampleRate();
    if (rate < MIN_RATE || rate > MAX_RATE) {
      throw new BadChunkException(ChunkProblem.BAD_SAMPLE_RATE,
          "sample rate " + rate + " Hz is outside " + MIN_RATE + ".." + MAX_RATE + " Hz");
    }
    int channels = chunk.getChannels();
    if (channels < 1 || channels > MAX_CHANNELS) {
      throw new BadChunkException(ChunkProblem.BAD_CHANNELS, channels + " channels is outside 1.." + MAX_CHANNELS);
    }
    ByteBuffer payload = chunk.getPayload().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int bytes = payload.remaining();
    if (bytes == 0) {
      throw new BadChunkException(ChunkProblem.EMPTY_PAYLOAD, "chunk " + chunk.getSequence() + " has no samples");
    }
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new BadChunkException(ChunkProblem.OVERSIZED_PAYLOAD,
          "payload of " + bytes + " bytes exceeds the " + MAX_PAYLOAD_BYTES + "-byte limit; send shorter chunks");
    }
    int sampleBytes = bytesPerSample(chunk.getEncoding());
    int frameBytes = sampleBytes * channels;
    if (bytes % frameBytes != 0) {
      throw new BadChunkException(ChunkProblem.TRUNCATED_PAYLOAD,
          "payload of " + bytes + " bytes is not a whole number of " + channels + "-channel " + chunk.getEncoding() + " frames");
    }
    int frames = bytes / frameBytes;
    if (frames > (long) MAX_CHUNK_SECONDS * rate) {
      throw new BadChunkException(ChunkProblem.OVERSIZED_PAYLOAD,
          "chunk of " + frames / rate + " s exceeds the " + MAX_CHUNK_SECONDS + " s limit; send shorter chunks");
    }
    float[] mono = new float[frames];
    if (sampleBytes == 2 && channels == 1) {
      // The common case in bulk: PCM16 is always finite.
      short[] pcm = new short[frames];
      payload.asShortBuffer().get(pcm);
      for (int f = 0; f < frames; f++) {
        mono[f] = pcm[f] / 32768f;
      }
      return mono;
    }
    float scale = 1f / channels;
    for (int f = 0; f < frames; f++) {
      float sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += sampleBytes == 2 ? payload.getShort() / 32768f : payload.getFloat();
      }
      if (!Float.isFinite(sum)) {
        throw new BadChunkException(ChunkProblem.NON_FINITE_SAMPLES, "chunk " + chunk.getSequence() + " has NaN or infinite samples");
      }
      mono[f] = sum * scale;
    }
    return mono;
  }
}
