package io.soundtag.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class ChunkPayloadTest {

  private static AudioChunk chunk(int rate, int channels, SampleEncoding encoding, ByteBuffer payload) {
    return AudioChunk.newBuilder().setSensorId("s").setSequence(3).setCaptureStartMicros(1_000_000L)
        .setSampleRate(rate).setChannels(channels).setEncoding(encoding).setPayload(payload).build();
  }

  @Test
  void pcm16RoundsSaturatesAndDecodesBack() throws Exception {
    float[] samples = {0.25f, -1f, 1f, 1.5f, -1.5f, 1e-6f, Float.NaN};
    ByteBuffer payload = ChunkPayload.encode(samples, samples.length, SampleEncoding.PCM16LE);
    assertThat(payload.remaining()).isEqualTo(14);
    assertThat(ChunkPayload.decodeMono(chunk(8000, 1, SampleEncoding.PCM16LE, payload)))
        .containsExactly(0.25f, -1f, 32767 / 32768f, 32767 / 32768f, -1f, 0f, 0f);
  }

  @Test
  void float32StereoIsDownmixedByTheMeanAndTimed() throws Exception {
    ByteBuffer payload = ChunkPayload.encode(new float[] {1f, 0f, -0.5f, 0.25f}, 4, SampleEncoding.FLOAT32LE);
    AudioChunk stereo = chunk(8000, 2, SampleEncoding.FLOAT32LE, payload);
    assertThat(ChunkPayload.decodeMono(stereo)).containsExactly(0.5f, -0.125f);
    assertThat(ChunkPayload.frames(stereo)).isEqualTo(2);
    assertThat(ChunkPayload.endMicros(stereo)).isEqualTo(1_000_000L + 250);
  }

  @Test
  void badChunksNameTheirProblem() {
    ByteBuffer three = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
    assertThatThrownBy(() -> ChunkPayload.decodeMono(chunk(8000, 2, SampleEncoding.PCM16LE, three)))
        .isInstanceOfSatisfying(BadChunkException.class, e -> assertThat(e.problem()).isEqualTo(ChunkProblem.TRUNCATED_PAYLOAD));
    assertThatThrownBy(() -> ChunkPayload.decodeMono(chunk(500, 1, SampleEncoding.PCM16LE, ByteBuffer.allocate(2))))
        .isInstanceOfSatisfying(BadChunkException.class, e -> assertThat(e.problem()).isEqualTo(ChunkProblem.BAD_SAMPLE_RATE));
    assertThatThrownBy(() -> ChunkPayload.decodeMono(chunk(8000, 1, SampleEncoding.PCM16LE, ByteBuffer.allocate(0))))
        .isInstanceOfSatisfying(BadChunkException.class, e -> assertThat(e.problem()).isEqualTo(ChunkProblem.EMPTY_PAYLOAD));
    ByteBuffer nan = ChunkPayload.encode(new float[] {Float.NaN, 0f}, 2, SampleEncoding.FLOAT32LE);
    assertThatThrownBy(() -> ChunkPayload.decodeMono(chunk(8000, 2, SampleEncoding.FLOAT32LE, nan)))
        .isInstanceOfSatisfying(BadChunkException.class, e -> assertThat(e.problem()).isEqualTo(ChunkProblem.NON_FINITE_SAMPLES));
  }
}
