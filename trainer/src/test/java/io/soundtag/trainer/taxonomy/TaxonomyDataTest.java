package io.soundtag.trainer.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.recipe.RunData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomyDataTest {

  @TempDir
  Path dir;

  @Test
  void packagesStayOnOneSideAndHeldOutLabelsOnlyMeasure() throws Exception {
    Taxonomy t = Taxonomy.builtIn();
    Path devSet = ToneDevSet.write(dir, List.of("gunshot", "speech", "water"));
    TaxonomyData data = new TaxonomyData(t, List.of(devSet), BadRowPolicy.FAIL, new LeavePackagesOut(4, 1, 2), Set.of("water"), 0,
        0, 5);
    List<String> notes = new ArrayList<>();
    RunData w = data.prepare(16_000, 16_000, 8_000, 2, 1, notes::add).windows();
    // train: 2 packages × (gunshot + speech) × 2 crops, and 5 quiet windows; water never
    assertThat(w.train().clips()).isEqualTo(4 + 5);
    assertThat(w.train().size()).isEqualTo(8 + 5);
    // validation: one package's gunshot and speech (no water), every window (1.5 s: 2 windows each)
    assertThat(w.validation().clips()).isEqualTo(2);
    // test: one package, every label, water out of class
    assertThat(w.test().clips()).isEqualTo(3);
    int gunshot = t.classNames().indexOf("gunshot");
    assertThat(w.test().clipTargets().stream().filter(x -> x[gunshot] == 1f)).hasSize(1);
    assertThat(notes).anyMatch(n -> n.startsWith("test packages (fold 1)"));
    assertThatThrownBy(() -> new TaxonomyData(t, List.of(dir), BadRowPolicy.FAIL, new LeavePackagesOut(4, 1, 2), Set.of("gunshot"), 0, 0, 0))
        .hasMessageContaining("only negatives");
  }
}
