package io.soundtag.trainer.protocol;

import io.soundtag.trainer.dataset.ClipCatalog;
import io.soundtag.trainer.dataset.ClipRef;
import io.soundtag.trainer.dataset.Split;
import io.soundtag.trainer.dataset.SplitRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Stratified k-fold assignment by clip: the clips of each label set (the class, for single-label
 * data) are shuffled with the seed and dealt round-robin to the folds, the deal continuing from
 * class to class so fold sizes differ by at most one. A clip, and so every window cut from it,
 * lies in exactly one fold.
 *
 * @param folds number of folds, at least 2
 * @param foldOf fold index {@code 0 … folds − 1} of every clip, by path
 */
public record StratifiedFolds(int folds, Map<Path, Integer> foldOf) {

  public StratifiedFolds {
    if (folds < 2) {
      throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
    }
    foldOf = Map.copyOf(foldOf);
  }

  /**
   * Deals the clips of {@code catalog} into {@code folds} folds.
   *
   * @throws IllegalArgumentException when there are fewer clips than folds
   */
  public static StratifiedFolds of(ClipCatalog catalog, int folds, long seed) {
    if (catalog.size() < folds) {
      throw new IllegalArgumentException(catalog.name() + " has " + catalog.size() + " clips, fewer than the " + folds
          + " folds asked for; give fewer --folds");
    }
    Map<String, List<ClipRef>> byLabels = new TreeMap<>();
    for (ClipRef clip : catalog.clips()) {
      byLabels.computeIfAbsent(String.join("+", clip.labels().stream().sorted().toList()), k -> new ArrayList<>()).add(clip);
    }
    Random random = new Random(seed);
    Map<Path, Integer> foldOf = new HashMap<>();
    int next = 0;
    for (List<ClipRef> clips : byLabels.values()) {
      // sorted first, so the shuffle depends on the seed alone, not on the order the reader listed the files in
      clips.sort(Comparator.comparing(c -> c.path().toString()));
      Collections.shuffle(clips, random);
      for (ClipRef clip : clips) {
        foldOf.put(clip.path(), next);
        next = (next + 1) % folds;
      }
    }
    return new StratifiedFolds(folds, foldOf);
  }

  /** The split with fold {@code testFold} as test and every other fold as training (no validation part). */
  public SplitRule testing(int testFold) {
    if (testFold < 0 || testFold >= folds) {
      throw new IllegalArgumentException("fold " + testFold + " is not in 0.." + (folds - 1));
    }
    return clip -> {
      Integer fold = foldOf.get(clip.path());
      if (fold == null) {
        throw new IllegalArgumentException(clip.path() + " was not dealt into a fold");
      }
      return fold == testFold ? Split.TEST : Split.TRAIN;
    };
  }
}
