package io.soundtag.ops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.soundtag.ops.cli.SoundtagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A tiny training bench: both frameworks train an epoch, and the loss of the first batch (the same
 * weights on the same batch) agrees, which it does only when the networks and the data are the same.
 */
class TrainingBenchCommandIT {

  private static final String PYTHON = "/usr/bin/python3";
  private static final Pattern FIRST_LOSS =
      Pattern.compile("first batch loss \\(same weights, same batch\\): DJL (\\S+), PyTorch (\\S+),");

  @Test
  void bothFrameworksTrainTheSameNetworkOnTheSameBatches() {
    assumeTrue(PythonModules.importable(PYTHON, "torch, torchaudio"), "skipped: " + PYTHON + " cannot import torch and torchaudio "
        + "(Debian: apt-get install python3-torch python3-torchaudio)");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SoundtagCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute("bench", "training", "--windows", "64", "--batch-size", "16", "--python", PYTHON);
    String text = out.toString();
    assertThat(code).as(text + err).isZero();
    for (String framework : new String[] {"djl", "pytorch"}) {
      assertThat(Arrays.stream(text.split("\n")).filter(l -> l.startsWith(framework + " ")))
          .as(framework + " row in\n" + text).singleElement()
          .satisfies(row -> assertThat(row.trim().split("\\s+")).hasSize(7));
    }
    Matcher m = FIRST_LOSS.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    double djl = Double.parseDouble(m.group(1));
    double torch = Double.parseDouble(m.group(2));
    assertThat(djl).as("DJL's first loss").isPositive().isFinite();
    assertThat(Math.abs(djl - torch) / torch).as("relative difference of the first batch's loss").isLessThanOrEqualTo(1e-3);
    assertThat(text).containsPattern("epoch time DJL/PyTorch: \\d+\\.\\d\\dx \\(goal <= 1\\.2x\\): (met|not met)");
  }
}
