package io.soundtag.trainer.labels;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many clips there are per class, split, annotator and origin. A multi-label clip counts once
 * for each of its labels in {@link #perClass()}; negative clips count under {@link #negatives()}.
 *
 * @param clips clips in all
 * @param negatives clips labelled "none of these"
 * @param seconds audio in all, seconds
 * @param perClass clips per class name
 * @param perSplit clips per split hint name ({@code any}, {@code train}, {@code gate})
 * @param perAnnotator clips per annotator
 * @param perOrigin clips per origin ({@code dataset NAME}, {@code sensor ID}, {@code file})
 */
public record LabelCounts(int clips, int negatives, double seconds, Map<String, Integer> perClass,
    Map<String, Integer> perSplit, Map<String, Integer> perAnnotator, Map<String, Integer> perOrigin) {

  public LabelCounts {
    perClass = Map.copyOf(perClass);
    perSplit = Map.copyOf(perSplit);
    perAnnotator = Map.copyOf(perAnnotator);
    perOrigin = Map.copyOf(perOrigin);
  }

  /** The counts of {@code clips}. */
  public static LabelCounts of(Collection<ClipSummary> clips) {
    Map<String, Integer> perClass = new TreeMap<>();
    Map<String, Integer> perSplit = new TreeMap<>();
    Map<String, Integer> perAnnotator = new TreeMap<>();
    Map<String, Integer> perOrigin = new TreeMap<>();
    int negatives = 0;
    double seconds = 0;
    for (ClipSummary clip : clips) {
      clip.labels().forEach(l -> perClass.merge(l, 1, Integer::sum));
      negatives += clip.negative() ? 1 : 0;
      seconds += clip.seconds();
      perSplit.merge(ClipLabels.splitName(clip.split()), 1, Integer::sum);
      perAnnotator.merge(clip.annotator(), 1, Integer::sum);
      perOrigin.merge(clip.origin(), 1, Integer::sum);
    }
    return new LabelCounts(clips.size(), negatives, seconds, perClass, perSplit, perAnnotator, perOrigin);
  }
}
