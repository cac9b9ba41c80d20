package io.soundtag.ops.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.tagger.levels.LevelPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TagCommandTest {

  private static TagCommand parsed(String... args) {
    TagCommand command = new TagCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void theLevelFlagsBecomeTheLevelPolicy() {
    assertThat(parsed().config().levels()).isEqualTo(LevelPolicy.defaults());
    LevelPolicy p = parsed("--level-interval", "10.5", "--calibration-max-age-days", "90").config().levels();
    assertThat(p.intervalSeconds()).isEqualTo(10.5);
    assertThat(p.maxCalibrationAge()).isEqualTo(Duration.ofDays(90));
  }

  @Test
  void levelFlagsOutOfRangeAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> parsed("--level-interval", "0.5").config())
        .hasMessageStartingWith("--level-interval: ").hasMessageContaining("1 to 3600 s");
    assertThatThrownBy(() -> parsed("--level-interval", "60.05").config()).hasMessageStartingWith("--level-interval: ");
    assertThatThrownBy(() -> parsed("--calibration-max-age-days", "0").config())
        .hasMessageStartingWith("--calibration-max-age-days must be 1 or more");
  }
}
