package io.soundtag.trainer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSetReportTest {

  private static final List<String> CLASSES = List.of("gunshot", "explosion", "music");
  private static final Map<String, String> COARSE = Map.of("gunshot", "threat", "explosion", "threat", "music", "music");

  @Test
  void figuresAtTheThresholdsCountedByHand() {
    float[][] scores = {
        {0.9f, 0.2f, 0.1f}, // gunshot, tagged gunshot
        {0.6f, 0.5f, 0.1f}, // explosion, best gunshot (wrong top-1, right coarse), tagged nothing (gunshot < 0.8, explosion < 0.6)
        {0.1f, 0.1f, 0.7f}, // music, tagged music
        {0.1f, 0.1f, 0.8f}, // speech (out of class), tagged music: a false alarm
        {0.3f, 0.2f, 0.1f}, // footsteps (out of class), nothing
    };
    float[][] targets = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}, {0, 0, 0}};
    float[][] quiet = {{0.1f, 0.1f, 0.1f}, {0.85f, 0.1f, 0.1f}, {0, 0, 0}, {0, 0, 0}};
    OpenSetReport r = OpenSetReport.of(CLASSES, List.of(0.8, 0.6, 0.5), scores, targets,
        List.of("gunshot", "explosion", "music", "speech", "footsteps"), quiet, COARSE);
    assertThat(r.inClassClips()).isEqualTo(3);
    assertThat(r.top1()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(r.outOfClassClips()).isEqualTo(2);
    assertThat(r.falseAlarmRate()).isEqualTo(0.5);
    assertThat(r.falseAlarmsByLabel().get("speech")).containsExactly(1, 1);
    assertThat(r.falseAlarmsByLabel().get("footsteps")).containsExactly(1, 0);
    assertThat(r.quietWindows()).isEqualTo(4);
    assertThat(r.quietFalseAlarmRate()).isEqualTo(0.25);
    assertThat(r.perClass().get("music")).isEqualTo(new OpenSetReport.ClassFigures(1, 2, 1));
    assertThat(r.perClass().get("music").precision()).isEqualTo(0.5);
    assertThat(r.perClass().get("explosion").recall()).isEqualTo(0.0);
    assertThat(r.coarse().top1()).isEqualTo(1.0);
    assertThat(r.coarse().perClass().get("threat")).isEqualTo(new OpenSetReport.ClassFigures(2, 1, 1));
    assertThat(r.coarse().falseAlarmRate()).isEqualTo(0.5);
    assertThat(r.summary()).contains("top-1 66.7 % on 3 clips").contains("out of class speech       1 of 1 clips raise a tag");
    assertThat(r.toJsonTree()).containsEntry("out_of_class_false_alarm_rate", 0.5);
  }
}
