package io.soundtag.dashboard.review;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-class precision and recall from the reviews so far.
 *
 * <p>Each review compares the model's labels for a span with the reviewer's: a label in both is a
 * true positive, only the model's a false positive, only the reviewer's a false negative. Recall
 * counts only what was reviewed: sounds nobody looked at are not in it. Thread-safe.
 */
public final class ReviewTally {

  private final Map<String, long[]> counts = new TreeMap<>();
  private long reviews;

  /** Counts one review. */
  public synchronized void add(Review review) {
    Set<String> predicted = new HashSet<>(review.predicted());
    Set<String> truth = review.present();
    if (review.negative()) {
      // A false positive names the labels that are absent; any it names the model did not give still count as absent.
      predicted.addAll(review.labels());
    }
    Set<String> all = new HashSet<>(predicted);
    all.addAll(truth);
    for (String label : all) {
      long[] c = counts.computeIfAbsent(label, l -> new long[3]);
      boolean p = predicted.contains(label);
      boolean t = truth.contains(label);
      if (p && t) {
        c[0]++;
      } else if (p) {
        c[1]++;
      } else {
        c[2]++;
      }
    }
    reviews++;
  }

  /** Reviews counted. */
  public synchronized long reviews() {
    return reviews;
  }

  /** One score per class any review touched, by label. */
  public synchronized List<ClassScore> scores() {
    List<ClassScore> out = new ArrayList<>(counts.size());
    counts.forEach((label, c) -> out.add(new ClassScore(label, c[0], c[1], c[2],
        c[0] + c[1] == 0 ? null : c[0] / (double) (c[0] + c[1]),
        c[0] + c[2] == 0 ? null : c[0] / (double) (c[0] + c[2]))));
    return out;
  }
}
