package io.soundtag.ops.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.TagEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagLineTest {

  private static TagEvent event(List<LabelScore> tags, List<LabelScore> coarse, List<LabelScore> top) {
    return TagEvent.newBuilder().setSensorId("s1").setWindowStartMicros(0).setWindowEndMicros(1_000_000).setModelVersion("real-sounds:1")
        .setTags(tags).setTopK(top).setCoarseTags(coarse).build();
  }

  @Test
  void tagsThenTheirCoarseGroups() {
    LabelScore gunshot = new LabelScore("gunshot", 0.97f);
    assertThat(TagLine.format(event(List.of(gunshot), List.of(new LabelScore("threat", 0.97f)), List.of(gunshot))))
        .contains("gunshot 0.97 · threat").contains("[real-sounds:1]");
  }

  @Test
  void aWindowBelowEveryThresholdShowsItsBestGuess() {
    assertThat(TagLine.format(event(List.of(), List.of(), List.of(new LabelScore("music", 0.41f)))))
        .contains("(nothing above threshold; best music 0.41)");
  }
}
