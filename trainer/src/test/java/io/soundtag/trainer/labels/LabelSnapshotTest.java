package io.soundtag.trainer.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.schemas.SplitHint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSnapshotTest {

  private static ClipSummary clip(String id, List<String> labels, SplitHint split, String annotator, long at) {
    return new ClipSummary(id, labels, labels.isEmpty(), split, annotator, "file", 16_000, 16_000, at);
  }

  private static final ClipSummary A = clip("a", List.of("dog", "siren"), SplitHint.ANY, "ana", 1);
  private static final ClipSummary B = clip("b", List.of(), SplitHint.GATE, "bo", 2);

  private static String hash(ClipSummary... clips) {
    return LabelSnapshot.labelSetHash(List.of(clips));
  }

  @Test
  void theHashIgnoresOrderAnnotatorAndTime() {
    assertThat(hash(A, B)).isEqualTo(hash(B, A))
        .isEqualTo(hash(clip("a", List.of("siren", "dog"), SplitHint.ANY, "someone else", 99), B));
  }

  @Test
  void theHashChangesWithEveryClipLabelSplitOrNegativeFlag() {
    String base = hash(A, B);
    assertThat(hash(A)).isNotEqualTo(base);
    assertThat(hash(A, B, clip("c", List.of("dog"), SplitHint.ANY, "ana", 1))).isNotEqualTo(base);
    assertThat(hash(clip("a", List.of("dog"), SplitHint.ANY, "ana", 1), B)).isNotEqualTo(base);
    assertThat(hash(clip("a", List.of("dog", "siren"), SplitHint.TRAIN, "ana", 1), B)).isNotEqualTo(base);
    assertThat(hash(A, clip("b", List.of("dog"), SplitHint.GATE, "bo", 2))).isNotEqualTo(base);
    assertThat(hash()).isNotEqualTo(base);
  }

  @Test
  void changesCountAddedDeletedAndRelabelledClips() {
    LabelSnapshot before = snapshot(A, B);
    LabelSnapshot after = snapshot(clip("a", List.of("dog"), SplitHint.ANY, "ana", 3), clip("c", List.of("x"), SplitHint.ANY, "ana", 3));
    assertThat(after.changedSince(before)).isEqualTo(3);
    assertThat(snapshot(B, clip("a", List.of("siren", "dog"), SplitHint.ANY, "bo", 5)).changedSince(before)).isZero();
    assertThat(after.classes()).containsExactly("dog", "x");
    assertThat(before.counts().perClass()).containsEntry("dog", 1).containsEntry("siren", 1);
    assertThat(before.counts().negatives()).isEqualTo(1);
    assertThat(before.counts().perSplit()).containsEntry("any", 1).containsEntry("gate", 1);
  }

  private static LabelSnapshot snapshot(ClipSummary... clips) {
    return LabelSnapshot.of("audio.labels", Map.of(0, 1L),
        java.util.Arrays.stream(clips).map(c -> new CachedClip(c, Path.of(c.clipId()))).toList(), 0);
  }
}
