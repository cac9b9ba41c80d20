package io.soundtag.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.ops.cli.SoundtagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short soak: the whole pipeline runs and every interval's line has figures read from the process. */
class SoakCommandIT {

  @Test
  void aShortSoakReportsMemoryFilesStateAndLatencyPerInterval() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SoundtagCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("bench", "soak", "--sensors", "4", "--minutes", "0.5", "--report-seconds", "10", "--tracks", "2",
            "--chunk-retention-minutes", "2");
    assertThat(code).as(err.toString()).isZero();
    List<String[]> rows = Arrays.stream(out.toString().split("\n"))
        .filter(l -> l.matches("\\s+\\d+\\.\\d \\|.*"))
        .map(l -> l.split("\\|"))
        .toList();
    assertThat(rows).hasSize(3);
    int windows = 0;
    for (String[] r : rows) {
      windows += Integer.parseInt(r[1].trim());
      assertThat(Long.parseLong(r[6].trim())).as("RSS MB").isPositive();
      assertThat(Integer.parseInt(r[7].trim())).as("open files").isPositive();
      assertThat(Integer.parseInt(r[10].trim())).as("models open").isEqualTo(1);
    }
    // 4 sensors, 2 windows a second each, for 30 s: at most 240 (fewer on a loaded machine, where the tagger starts late).
    assertThat(windows).as("windows tagged").isBetween(1, 240);
    assertThat(rows).as("an interval with a p99 latency in ms").anySatisfy(r -> assertThat(r[3].trim()).matches("\\d+"));
    assertThat(out.toString()).contains("from minute 0.2 to 0.5: RSS").contains("audio.chunks keeps 2 min");
  }
}
