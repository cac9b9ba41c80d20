package io.soundtag.trainer.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.trainer.job.LabelledAudio;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.taxonomy.ToneDevSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTest {

  @TempDir
  Path dir;

  @Test
  void replayLabelsArePlacedOnTheTaxonomyAndQuietWindowsAreNegatives() throws Exception {
    // gunshot is a fine class, farm_animal a from-label of animal, birds a negative, "kazoo" unplaced
    Path replay = ToneDevSet.write(dir.resolve("replay"), List.of("gunshot", "farm_animal", "birds", "kazoo"));
    List<LabelledAudio> clips = new Rehearsal(List.of(replay), 5).clips(Taxonomy.builtIn(), 16_000, 16_000);

    Map<String, List<List<String>>> labelsByKind = clips.stream()
        .collect(Collectors.groupingBy(c -> c.id().substring(0, c.id().indexOf(':')),
            Collectors.mapping(LabelledAudio::labels, Collectors.toList())));
    assertThat(labelsByKind.get("replay")).hasSize(12)
        .containsOnly(List.of("gunshot"), List.of("animal"), List.of());
    assertThat(labelsByKind.get("replay").stream().filter(List::isEmpty)).hasSize(4);
    assertThat(clips).noneMatch(c -> c.id().contains("kazoo"));

    List<LabelledAudio> quiet = clips.stream().filter(c -> c.id().startsWith("quiet-ambience:")).toList();
    assertThat(quiet).hasSize(5).allMatch(LabelledAudio::negative)
        .allMatch(c -> c.audio().sampleRate() == 16_000 && c.audio().samples().length == 16_000);
    // the same rehearsal twice gives the same windows, so the same labels make the same candidate
    assertThat(new Rehearsal(List.of(), 5).clips(Taxonomy.builtIn(), 16_000, 16_000).get(3).audio().samples())
        .containsExactly(quiet.get(3).audio().samples());
  }

  @Test
  void aReplaySetThatIsNoDirectoryOrANegativeCountIsRefusedWithWhatToGive() {
    assertThatThrownBy(() -> new Rehearsal(List.of(dir.resolve("missing")), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory").hasMessageContaining("sub-folder");
    assertThatThrownBy(() -> new Rehearsal(List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--quiet-windows");
  }
}
