package io.soundtag.trainer.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipIdTest {

  private static MonoAudio tone(int rate, double hz) {
    float[] s = new float[rate / 10];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return new MonoAudio(s, rate);
  }

  @Test
  void theIdIsTheSha256OfTheDomainTheRateAndTheSamples() throws Exception {
    byte[] pcm = {1, 0, -1, -1, 0, 64};
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("soundtag-clip-v1\0".getBytes(StandardCharsets.US_ASCII));
    sha.update(new byte[] {0, 0, 0x3e, (byte) 0x80});
    sha.update(pcm);
    assertThat(ClipId.of(16_000, pcm)).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    assertThat(ClipId.of(16_000, ByteBuffer.wrap(pcm, 0, 6))).isEqualTo(ClipId.of(16_000, pcm));
  }

  @Test
  void theSameAudioHasTheSameIdWhateverItsLabelsAndOrigin() {
    MonoAudio audio = tone(16_000, 440);
    LabelledClip a = LabelledClips.build(audio, ClipLabels.of(List.of("siren"), "ana", SplitHint.ANY), ClipOrigin.file("a.wav"), 1);
    LabelledClip b = LabelledClips.build(audio, ClipLabels.negative("bo", SplitHint.GATE), ClipOrigin.dataset("esc50", "x.wav"), 2);
    assertThat(a.getClipId()).isEqualTo(b.getClipId()).matches("[0-9a-f]{64}");
  }

  @Test
  void otherAudioOrAnotherRateIsAnotherClip() {
    String id = ClipId.of(16_000, new byte[] {1, 0});
    assertThat(ClipId.of(16_001, new byte[] {1, 0})).isNotEqualTo(id);
    assertThat(ClipId.of(16_000, new byte[] {2, 0})).isNotEqualTo(id);
  }

  @Test
  void requireAcceptsOnlyTheForm() {
    String id = ClipId.of(8000, new byte[] {1, 0});
    assertThat(ClipId.require(id)).isEqualTo(id);
    assertThatThrownBy(() -> ClipId.require("abc")).hasMessageContaining("64 lowercase hex digits");
    assertThatThrownBy(() -> ClipId.require(id.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
  }
}
