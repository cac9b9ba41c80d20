package io.soundtag.core.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcmCodecTest {

  @Test
  void pcm16DividesBy32768() {
    byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) -32768).putShort((short) 32767).putShort((short) 16384).putShort((short) 0).array();
    assertThat(mono(bytes, PcmEncoding.PCM16LE, 1)).containsExactly(-1f, 32767 / 32768f, 0.5f, 0f);
  }

  @Test
  void channelsAreDownmixedByTheirMean() {
    byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
        .putFloat(1f).putFloat(0f).putFloat(-0.5f).putFloat(0.25f).array();
    assertThat(mono(bytes, PcmEncoding.FLOAT32LE, 2)).containsExactly(0.5f, -0.125f);
  }

  @Test
  void encodingRoundsClipsAndRoundTrips() {
    float[] samples = {0.25f, -1f, 1f, 1.5f, -1.5f, 1e-6f};
    byte[] pcm = PcmCodec.toPcm16(samples);
    assertThat(mono(pcm, PcmEncoding.PCM16LE, 1))
        .containsExactly(0.25f, -1f, 32767 / 32768f, 32767 / 32768f, -1f, 0f);
    assertThat(mono(PcmCodec.toFloat32(samples), PcmEncoding.FLOAT32LE, 1)).containsExactly(samples);
  }

  private static float[] mono(byte[] bytes, PcmEncoding encoding, int channels) {
    return PcmCodec.toMono(bytes, 0, bytes.length, encoding, channels);
  }

  @Test
  void partialFramesAreRejected() {
    assertThatThrownBy(() -> mono(new byte[6], PcmEncoding.PCM16LE, 2))
        .hasMessage("6 bytes of PCM16LE x 2 channels is not a whole number of 4-byte frames");
  }
}
