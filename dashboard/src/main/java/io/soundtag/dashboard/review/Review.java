package io.soundtag.dashboard.review;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A person's verdict on what a model said about a stretch of one sensor's audio.
 *
 * @param kind what the reviewer said
 * @param sensorId the sensor
 * @param fromMicros capture time of the span's first sample
 * @param toMicros capture time just after its last sample
 * @param predicted the labels the model gave the span (its tags, or the event's label)
 * @param labels the labels the span really holds: for {@link ReviewKind#CONFIRM} the predicted
 *     ones, for {@link ReviewKind#FALSE_POSITIVE} the labels that are <em>not</em> there (a negative)
 * @param modelVersion the model release that made the prediction
 * @param reviewer who reviewed
 */
public record Review(ReviewKind kind, String sensorId, long fromMicros, long toMicros, List<String> predicted,
    List<String> labels, String modelVersion, String reviewer) {

  /** Longest span a review may cover. */
  public static final long MAX_SPAN_MICROS = 30_000_000L;
  /** Longest label, sensor id, reviewer or model version accepted. */
  public static final int MAX_NAME = 100;

  /** Validates the review; every message says what to fix. */
  public Review {
    if (kind == null) {
      throw new IllegalArgumentException("review kind is required: CONFIRM, CORRECT, FALSE_POSITIVE or NEW_CLASS");
    }
    name("sensor id", sensorId);
    name("reviewer", reviewer);
    name("model version", modelVersion);
    if (toMicros <= fromMicros) {
      throw new IllegalArgumentException("the span must end after it starts (from " + fromMicros + " to " + toMicros + " µs)");
    }
    if (toMicros - fromMicros > MAX_SPAN_MICROS) {
      throw new IllegalArgumentException("a review covers at most " + MAX_SPAN_MICROS / 1_000_000 + " s; review a shorter span");
    }
    predicted = distinct(predicted == null ? List.of() : predicted);
    labels = distinct(kind == ReviewKind.CONFIRM ? predicted : labels == null ? List.of() : labels);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException(switch (kind) {
        case CONFIRM -> "nothing to confirm: the model gave this span no label; use CORRECT and pick the labels";
        case CORRECT -> "pick at least one label for a correction";
        case FALSE_POSITIVE -> "name the labels that are not there (the model's tags)";
        case NEW_CLASS -> "name the new class";
      });
    }
    if (kind == ReviewKind.NEW_CLASS && labels.size() != 1) {
      throw new IllegalArgumentException("a new class review names exactly one label, got " + labels);
    }
  }

  /** Whether this review says the labels are absent (a negative clip). */
  public boolean negative() {
    return kind == ReviewKind.FALSE_POSITIVE;
  }

  /** The labels the span really holds (none for a false positive). */
  public Set<String> present() {
    return negative() ? Set.of() : new LinkedHashSet<>(labels);
  }

  private static List<String> distinct(List<String> in) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : in) {
      name("label", s);
      out.add(s.trim());
    }
    return List.copyOf(out);
  }

  private static void name(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
    if (value.length() > MAX_NAME || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " must be at most " + MAX_NAME + " printable characters");
    }
  }
}
