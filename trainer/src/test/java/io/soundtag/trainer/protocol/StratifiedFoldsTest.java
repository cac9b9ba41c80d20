package io.soundtag.trainer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.HashSplit;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.dataset.SplitRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {

  /** 3 classes of 10, 7 and 3 clips. */
  private static ClipCatalog catalog() {
    List<ClipRef> clips = new ArrayList<>();
    int[] counts = {10, 7, 3};
    String[] names = {"a", "b", "c"};
    for (int c = 0; c < counts.length; c++) {
      for (int i = 0; i < counts[c]; i++) {
        clips.add(new ClipRef(Path.of("/data", names[c], "clip" + i + ".wav"), List.of(names[c]), null, "", true));
      }
    }
    return new ClipCatalog("tiny", TaskType.SINGLE_LABEL, List.of("a", "b", "c"), clips, Map.of(), new HashSplit(10, 10),
        List.of());
  }

  @Test
  void everyClipIsTestInExactlyOneFoldAndTrainingInTheOthers() {
    ClipCatalog catalog = catalog();
    StratifiedFolds folds = StratifiedFolds.of(catalog, 4, 7);
    Map<Path, Integer> testedIn = new HashMap<>();
    for (int f = 0; f < 4; f++) {
      SplitRule rule = folds.testing(f);
      for (ClipRef clip : catalog.clips()) {
        Split split = rule.assign(clip);
        assertThat(split).isIn(Split.TEST, Split.TRAIN);
        if (split == Split.TEST) {
          assertThat(testedIn.put(clip.path(), f)).as(clip.path() + " tested twice").isNull();
        }
      }
    }
    assertThat(testedIn).hasSize(catalog.size());
  }

  @Test
  void eachClassIsSpreadEvenlyAndFoldSizesDifferByAtMostOne() {
    ClipCatalog catalog = catalog();
    StratifiedFolds folds = StratifiedFolds.of(catalog, 4, 7);
    int[] sizes = new int[4];
    Map<String, int[]> perClass = new HashMap<>();
    for (ClipRef clip : catalog.clips()) {
      int f = folds.foldOf().get(clip.path());
      sizes[f]++;
      perClass.computeIfAbsent(clip.labels().get(0), k -> new int[4])[f]++;
    }
    // 20 clips in 4 folds: 5 each; class a (10) gives 2 or 3 to every fold, b (7) 1 or 2, c (3) 0 or 1
    assertThat(sizes).containsOnly(5);
    perClass.forEach((label, counts) -> {
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int n : counts) {
        min = Math.min(min, n);
        max = Math.max(max, n);
      }
      assertThat(max - min).as("class " + label).isLessThanOrEqualTo(1);
    });
  }

  @Test
  void theDealDependsOnTheSeedAloneNotOnTheListingOrder() {
    ClipCatalog catalog = catalog();
    List<ClipRef> reversed = new ArrayList<>(catalog.clips());
    java.util.Collections.reverse(reversed);
    ClipCatalog shuffled = new ClipCatalog("tiny", TaskType.SINGLE_LABEL, catalog.classes(), reversed, Map.of(),
        catalog.defaultSplit(), List.of());
    assertThat(StratifiedFolds.of(shuffled, 4, 7)).isEqualTo(StratifiedFolds.of(catalog, 4, 7));
    Set<Map<Path, Integer>> deals = new HashSet<>();
    for (long seed = 1; seed <= 5; seed++) {
      deals.add(StratifiedFolds.of(catalog, 4, seed).foldOf());
    }
    assertThat(deals).hasSizeGreaterThan(1);
  }

  @Test
  void refusesMoreFoldsThanClips() {
    assertThatThrownBy(() -> StratifiedFolds.of(catalog(), 21, 1)).hasMessageContaining("fewer than the 21 folds");
  }
}
