package io.soundtag.trainer.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.serde.Contracts;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledClipsTest {

  private static final MonoAudio AUDIO = new MonoAudio(new float[] {0.5f, -0.25f, 0f, 1f / 32768}, 22_050);

  @Test
  void aClipKeepsItsSourceRateAndReadsBackExactlyOrResampled() {
    LabelledClip clip = LabelledClips.build(AUDIO, ClipLabels.of(List.of("dog", "dog", " siren "), "ana", SplitHint.TRAIN),
        ClipOrigin.sensor("s-1", 10, 20, "urban:3"), 7);
    LabelledClip read = Contracts.LABELLED_CLIP.decode(Contracts.LABELLED_CLIP.encode(clip));

    assertThat(read.getSampleRate()).isEqualTo(22_050);
    assertThat(read.getLabels()).containsExactly("dog", "siren");
    assertThat(read.getOriginStartMicros()).isEqualTo(10L);
    assertThat(read.getOriginEndMicros()).isEqualTo(20L);
    assertThat(read.getOriginModelId()).isEqualTo("urban:3");
    assertThat(read.getCreatedAtMillis()).isEqualTo(7L);
    assertThat(LabelledClips.audio(read, 22_050).samples()).containsExactly(AUDIO.samples());
    assertThat(LabelledClips.audio(read, 44_100).samples()).hasSize(8);
  }

  @Test
  void labelsAndNegativeExcludeEachOther() {
    assertThatThrownBy(() -> new ClipLabels(List.of(), false, "ana", SplitHint.ANY))
        .hasMessageContaining("--label").hasMessageContaining("--negative");
    assertThatThrownBy(() -> new ClipLabels(List.of("dog"), true, "ana", SplitHint.ANY))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> ClipLabels.of(List.of(" "), "ana", SplitHint.ANY)).hasMessageContaining("blank");
    assertThatThrownBy(() -> ClipLabels.parseSplit("test")).hasMessageContaining("train").hasMessageContaining("gate");
    assertThat(ClipLabels.parseSplit("GATE")).isEqualTo(SplitHint.GATE);
  }

  @Test
  void aRecordWhoseIdIsNotItsAudioIsRefused() {
    LabelledClip clip = LabelledClips.build(AUDIO, ClipLabels.of(List.of("dog"), "ana", SplitHint.ANY), ClipOrigin.file("f"), 0);
    LabelledClips.check(clip);
    LabelledClip tampered = LabelledClip.newBuilder(clip).setPcm16le(ByteBuffer.wrap(new byte[] {9, 9})).build();
    assertThatThrownBy(() -> LabelledClips.check(tampered)).hasMessageContaining("does not match its audio");
    LabelledClip odd = LabelledClip.newBuilder(clip).setPcm16le(ByteBuffer.wrap(new byte[] {9})).build();
    assertThatThrownBy(() -> LabelledClips.check(odd)).hasMessageContaining("whole PCM16 samples");
  }
}
