package io.soundtag.trainer.taxonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageFoldsTest {

  @Test
  void everyPackageIsInOneFoldAndTheFoldsAreNearEqual() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("a", 55);
    counts.put("b", 48);
    counts.put("c", 39);
    counts.put("d", 38);
    counts.put("e", 30);
    counts.put("f", 30);
    counts.put("g", 7);
    counts.put("h", 3);
    PackageFolds folds = PackageFolds.balanced(counts, 3);
    List<String> seen = new ArrayList<>();
    int[] load = new int[3];
    for (int f = 1; f <= 3; f++) {
      for (String p : folds.packagesOf(f)) {
        seen.add(p);
        load[f - 1] += counts.get(p);
        assertThat(folds.foldOf(p)).isEqualTo(f);
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(counts.keySet());
    // 250 clips: greedy largest-first dealing keeps every fold within the largest package of the mean
    for (int l : load) {
      assertThat(l).isBetween(250 / 3 - 55, 250 / 3 + 55);
    }
  }

  @Test
  void theFoldsDependOnTheCountsNotOnTheOrder() {
    Map<String, Integer> one = new LinkedHashMap<>(Map.of("x", 5, "y", 9, "z", 5, "w", 1));
    Map<String, Integer> other = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(one.keySet());
    java.util.Collections.reverse(keys);
    keys.forEach(k -> other.put(k, one.get(k)));
    PackageFolds a = PackageFolds.balanced(one, 2);
    PackageFolds b = PackageFolds.balanced(other, 2);
    for (String k : keys) {
      assertThat(a.foldOf(k)).isEqualTo(b.foldOf(k));
    }
  }

  @Test
  void impossibleFoldsAndUnknownPackagesAreErrors() {
    assertThatThrownBy(() -> PackageFolds.balanced(Map.of("a", 1), 2)).hasMessageContaining("needs 2..1 folds");
    assertThatThrownBy(() -> PackageFolds.balanced(Map.of("a", 1, "b", 2), 2).foldOf("c"))
        .hasMessageContaining("'c' is not among the packages");
    assertThatThrownBy(() -> new LeavePackagesOut(5, 2, 2)).hasMessageContaining("not the test fold");
    assertThat(LeavePackagesOut.of(5, 5).validationFold()).isEqualTo(1);
    assertThat(LeavePackagesOut.of(5, 0).validationFold()).isEqualTo(5);
  }
}
