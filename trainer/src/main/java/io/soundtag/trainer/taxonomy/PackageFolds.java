package io.soundtag.trainer.taxonomy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Group k-fold by recording source: every source package (the {@code source_package} of a
 * dev-set {@code meta.csv}) falls in exactly one of {@code k} folds, so a model is always measured
 * on sources it never heard. Packages are dealt largest first to the fold with the fewest clips
 * so far (ties: lowest fold, then package name), which keeps the folds near equal and depends only
 * on the clip counts, not on the order the clips were read.
 */
public final class PackageFolds {

  private final int folds;
  private final Map<String, Integer> foldOf;

  private PackageFolds(int folds, Map<String, Integer> foldOf) {
    this.folds = folds;
    this.foldOf = foldOf;
  }

  /**
   * @param clipsPerPackage how many clips each package has
   * @param folds how many folds, at least 2 and at most the number of packages
   */
  public static PackageFolds balanced(Map<String, Integer> clipsPerPackage, int folds) {
    if (folds < 2 || folds > clipsPerPackage.size()) {
      throw new IllegalArgumentException("leave-packages-out needs 2.." + clipsPerPackage.size() + " folds for "
          + clipsPerPackage.size() + " source packages, got " + folds);
    }
    List<Map.Entry<String, Integer>> order = new ArrayList<>(new TreeMap<>(clipsPerPackage).entrySet());
    order.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    long[] load = new long[folds];
    Map<String, Integer> foldOf = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : order) {
      int best = 0;
      for (int f = 1; f < folds; f++) {
        if (load[f] < load[best]) {
          best = f;
        }
      }
      foldOf.put(e.getKey(), best + 1);
      load[best] += e.getValue();
    }
    return new PackageFolds(folds, foldOf);
  }

  /** How many folds there are. */
  public int folds() {
    return folds;
  }

  /** The fold, 1..k, of {@code sourcePackage}. */
  public int foldOf(String sourcePackage) {
    Integer f = foldOf.get(sourcePackage);
    if (f == null) {
      throw new IllegalArgumentException("source package '" + sourcePackage + "' is not among the packages the folds were made from");
    }
    return f;
  }

  /** The packages of fold {@code fold}, sorted. */
  public List<String> packagesOf(int fold) {
    return foldOf.entrySet().stream().filter(e -> e.getValue() == fold).map(Map.Entry::getKey).sorted().toList();
  }
}
