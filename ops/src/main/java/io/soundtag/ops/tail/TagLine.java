package io.soundtag.ops.tail;

import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.TagEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/** One human-readable line for a TagEvent: time span, sensor, tags with scores (then their coarse groups), level, model. */
public final class TagLine {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private TagLine() {}

  public static String format(TagEvent e) {
    String span = TIME.format(Instant.ofEpochSecond(0, e.getWindowStartMicros() * 1000))
        + "–" + TIME.format(Instant.ofEpochSecond(0, e.getWindowEndMicros() * 1000));
    String tags = e.getTags().isEmpty()
        ? "(nothing above threshold" + best(e) + ")"
        : e.getTags().stream().map(TagLine::score).collect(Collectors.joining(", "))
            + (e.getCoarseTags().isEmpty() ? "" : " · " + e.getCoarseTags().stream().map(LabelScore::getLabel).collect(Collectors.joining(", ")));
    // Records written before the unit was added are dBFS.
    String unit = e.getLaeqUnit() == null ? "dBFS" : e.getLaeqUnit();
    String level = e.getLaeqDb() == null ? "" : String.format(Locale.ROOT, "  LAeq %5.1f %s", e.getLaeqDb(), unit);
    String latency = e.getProcessingMillis() == null ? "" : String.format(Locale.ROOT, "  %4.0f ms", e.getProcessingMillis());
    return String.format(Locale.ROOT, "%s  %-12s %-44s%s%s  [%s]", span, e.getSensorId(), tags, level, latency, e.getModelVersion());
  }

  private static String best(TagEvent e) {
    return e.getTopK().isEmpty() ? "" : "; best " + score(e.getTopK().get(0));
  }

  private static String score(LabelScore s) {
    return String.format(Locale.ROOT, "%s %.2f", s.getLabel(), s.getScore());
  }
}
