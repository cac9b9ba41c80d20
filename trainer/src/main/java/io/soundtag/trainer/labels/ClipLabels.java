package io.soundtag.trainer.labels;

import io.soundtag.schemas.SplitHint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a person or an importer says about a clip: the classes present in it, or that none of
 * them is ({@code negative}), who said so, and where the clip may be used.
 *
 * @param labels class names, distinct, in the order given; empty exactly when {@code negative}
 * @param negative none of the known classes is present ("none of these")
 * @param annotator who or what labelled the clip
 * @param split where the clip may be used (train only, gate only, or either)
 */
public record ClipLabels(List<String> labels, boolean negative, String annotator, SplitHint split) {

  /** Longest class name accepted. */
  public static final int MAX_LABEL_LENGTH = 100;

  public ClipLabels {
    labels = distinct(labels);
    if (negative && !labels.isEmpty()) {
      throw new IllegalArgumentException("a negative clip (none of these) has no labels, but " + labels + " were given;"
          + " give labels or --negative, not both");
    }
    if (!negative && labels.isEmpty()) {
      throw new IllegalArgumentException("no label given: name the classes present with --label, or say none of them is with --negative");
    }
    if (annotator == null || annotator.isBlank()) {
      throw new IllegalArgumentException("the annotator must not be blank: say who labelled the clip with --annotator");
    }
    annotator = annotator.strip();
    if (split == null) {
      split = SplitHint.ANY;
    }
  }

  /** Clips with {@code labels}. */
  public static ClipLabels of(List<String> labels, String annotator, SplitHint split) {
    return new ClipLabels(labels, false, annotator, split);
  }

  /** A negative clip: none of the known classes is present. */
  public static ClipLabels negative(String annotator, SplitHint split) {
    return new ClipLabels(List.of(), true, annotator, split);
  }

  /**
   * The split hint named on a command line: {@code train}, {@code gate} or {@code any}, any case.
   *
   * @throws IllegalArgumentException naming the choices
   */
  public static SplitHint parseSplit(String name) {
    for (SplitHint hint : SplitHint.values()) {
      if (hint.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
        return hint;
      }
    }
    throw new IllegalArgumentException("unknown split '" + name + "'; use train (never scored on), gate (only scored on) or any");
  }

  /** The name {@link #parseSplit} reads, e.g. {@code gate}. */
  public static String splitName(SplitHint hint) {
    return hint.name().toLowerCase(Locale.ROOT);
  }

  private static List<String> distinct(List<String> labels) {
    Set<String> seen = new LinkedHashSet<>();
    for (String label : labels == null ? List.<String>of() : labels) {
      String l = label == null ? "" : label.strip();
      if (l.isEmpty()) {
        throw new IllegalArgumentException("a label must not be blank");
      }
      if (l.length() > MAX_LABEL_LENGTH || l.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("label '" + l.substring(0, Math.min(l.length(), 40))
            + "…' must be at most " + MAX_LABEL_LENGTH + " printable characters");
      }
      seen.add(l);
    }
    return List.copyOf(new ArrayList<>(seen));
  }
}
