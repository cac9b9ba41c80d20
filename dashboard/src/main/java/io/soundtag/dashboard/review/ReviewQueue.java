package io.soundtag.dashboard.review;

import io.soundtag.dashboard.live.Score;
import io.soundtag.dashboard.live.WindowView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The windows just under their threshold, closest first: the ones a review teaches the model most.
 *
 * <p>A TagEvent carries the labels at or above their threshold ({@code tags}) and the best scores
 * whatever the threshold ({@code topK}); the threshold itself is in the model's bundle. So the
 * queue bounds each label's threshold from what it has seen: it is at most the lowest score the
 * label was ever tagged with. A label in a window's top scores but not in its tags, scoring within
 * {@code margin} below that bound, is near its threshold. Of the windows of one sound (same
 * sensor and label, less than a window apart) only the closest is listed.
 */
public final class ReviewQueue {

  private ReviewQueue() {}

  /**
   * @param windows recent windows by sensor
   * @param lowestTagged per label, the lowest score it was tagged with
   * @param margin how far under that a score may be, in score units (e.g. 0.2)
   * @param limit most items returned
   */
  public static List<QueueItem> nearThreshold(Map<String, List<WindowView>> windows, Map<String, Double> lowestTagged,
      double margin, int limit) {
    List<QueueItem> out = new ArrayList<>();
    windows.forEach((sensor, list) -> {
      for (WindowView w : list) {
        for (Score s : w.topK()) {
          Double bound = lowestTagged.get(s.label());
          boolean tagged = w.tags().stream().anyMatch(t -> t.label().equals(s.label()));
          if (bound != null && !tagged && s.score() < bound && s.score() >= bound - margin) {
            out.add(new QueueItem(sensor, w.startMicros(), w.endMicros(), s.label(), s.score(), bound, w.tags(),
                w.modelVersion()));
          }
        }
      }
    });
    out.sort(Comparator.comparingDouble((QueueItem q) -> q.lowestTagged() - q.score())
        .thenComparing(Comparator.comparingLong(QueueItem::startMicros).reversed()));
    List<QueueItem> kept = new ArrayList<>();
    for (QueueItem q : out) {
      if (kept.size() < limit && kept.stream().noneMatch(k -> sameSound(k, q))) {
        kept.add(q);
      }
    }
    return kept;
  }

  /** Same sensor and label, and windows closer than a window's length: one sound, reviewed once. */
  private static boolean sameSound(QueueItem a, QueueItem b) {
    long length = a.endMicros() - a.startMicros();
    return a.sensorId().equals(b.sensorId()) && a.label().equals(b.label())
        && a.startMicros() < b.endMicros() + length && b.startMicros() < a.endMicros() + length;
  }
}
