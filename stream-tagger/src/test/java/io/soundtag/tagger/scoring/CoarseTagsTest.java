package io.soundtag.tagger.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.schemas.LabelScore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoarseTagsTest {

  @Test
  void everyTaggedGroupOnceWithItsBestTagsScore() {
    List<LabelScore> tags = List.of(new LabelScore("gunshot", 0.97f), new LabelScore("siren_horn", 0.9f),
        new LabelScore("explosion", 0.8f));
    Map<String, String> coarse = Map.of("gunshot", "threat", "explosion", "threat", "siren_horn", "alarm");
    assertThat(WindowScorer.coarseTags(tags, coarse))
        .containsExactly(new LabelScore("threat", 0.97f), new LabelScore("alarm", 0.9f));
  }

  @Test
  void aModelWithoutCoarseGroupsGivesNone() {
    assertThat(WindowScorer.coarseTags(List.of(new LabelScore("siren", 0.9f)), Map.of())).isEmpty();
  }
}
