package io.soundtag.dashboard.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-class precision and recall from the reviews so far, one review per clip id.
 *
 * <p>Each review compares the model's labels for a span with the reviewer's: a label in both is a
 * true positive, only the model's a false positive, only the reviewer's a false negative (a false
 * positive review holds none, so every label the model gave counts as false). Recall counts only
 * what was reviewed: sounds nobody looked at are not in it. A clip reviewed again replaces its
 * earlier review and a removed clip is no longer counted, as on the compacted labels topic the
 * reviews are read back from. At most {@link #MAX_REVIEWS} clips are kept. Thread-safe.
 */
public final class ReviewTally {

  /** Most reviews kept; one past it is not counted (its labels would be all the memory it takes). */
  public static final int MAX_REVIEWS = 200_000;

  private record Verdict(Set<String> predicted, Set<String> present) {}

  private final Map<String, Verdict> byClip = new HashMap<>();
  private final Map<String, long[]> counts = new TreeMap<>();

  /** Counts a review of clip {@code clipId}, replacing any earlier one of the same clip. */
  public void put(String clipId, Review review) {
    put(clipId, review.predicted(), review.present());
  }

  /**
   * Counts the review of clip {@code clipId} that found {@code present} where the model gave
   * {@code predicted}, replacing any earlier review of the same clip.
   *
   * @return false when the tally is full and the clip is new (then it is not counted)
   */
  public synchronized boolean put(String clipId, Collection<String> predicted, Collection<String> present) {
    Verdict verdict = new Verdict(Set.copyOf(predicted), Set.copyOf(present));
    Verdict old = byClip.get(clipId);
    if (old == null && byClip.size() >= MAX_REVIEWS) {
      return false;
    }
    if (old != null) {
      count(old, -1);
    }
    byClip.put(clipId, verdict);
    count(verdict, 1);
    return true;
  }

  /** Stops counting the review of clip {@code clipId}, if there is one. */
  public synchronized void remove(String clipId) {
    Verdict old = byClip.remove(clipId);
    if (old != null) {
      count(old, -1);
    }
  }

  private void count(Verdict v, int sign) {
    Set<String> all = new TreeSet<>(v.predicted());
    all.addAll(v.present());
    for (String label : all) {
      long[] c = counts.computeIfAbsent(label, l -> new long[3]);
      boolean p = v.predicted().contains(label);
      boolean t = v.present().contains(label);
      c[p && t ? 0 : p ? 1 : 2] += sign;
      if (c[0] == 0 && c[1] == 0 && c[2] == 0) {
        counts.remove(label);
      }
    }
  }

  /** Reviews counted. */
  public synchronized long reviews() {
    return byClip.size();
  }

  /** One score per class any counted review touched, by label. */
  public synchronized List<ClassScore> scores() {
    List<ClassScore> out = new ArrayList<>(counts.size());
    counts.forEach((label, c) -> out.add(new ClassScore(label, c[0], c[1], c[2],
        c[0] + c[1] == 0 ? null : c[0] / (double) (c[0] + c[1]),
        c[0] + c[2] == 0 ? null : c[0] / (double) (c[0] + c[2]))));
    return out;
  }
}
