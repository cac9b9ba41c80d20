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
        .execute("bench", "soak", "--sensors", "4", "--minutes", "0.5", "--report-seconds", "10", "--tracks", "2");
    assertThat(code).as(err.toString()).isZero();
    List<String[]> rows = Arrays.stream(out.toString().split("\n"))
        .filter(l -> l.matches("\\s+\\d+\\.\\d \\|.*"))
        .map(l -> l.split("\\|"))
        .toList();
    assertThat(rows).hasSize(3);
    for (String[] r : rows) {
      assertThat(Integer.parseInt(r[1].trim())).as("windows tagged in the interval").isPositive();
      assertThat(Double.parseDouble(r[3].trim())).as("p99 ms").isPositive();
      assertThat(Long.parseLong(r[6].trim())).as("RSS MB").isPositive();
      assertThat(Integer.parseInt(r[7].trim())).as("open files").isPositive();
      assertThat(Integer.parseInt(r[10].trim())).as("models open").isEqualTo(1);
    }
    // 4 sensors, 2 windows per second each: about 80 in the last 10 s (the first interval includes the start-up).
    assertThat(Integer.parseInt(rows.get(2)[1].trim())).isBetween(60, 100);
    assertThat(out.toString()).contains("from minute 0.2 to 0.5: RSS");
  }
}
