package io.soundtag.ops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.trainer.sidecar.Rehearsal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainerRunOptionsTest {

  @TempDir
  Path dir;

  private static Rehearsal rehearsalOf(String... args) {
    TrainerRunCommand command = new TrainerRunCommand();
    new CommandLine(command).parseArgs(args);
    return command.config().rehearsal();
  }

  @Test
  void candidatesRehearseQuietAmbienceByDefaultAndTheReplaySetsGiven() throws Exception {
    assertThat(rehearsalOf()).isEqualTo(Rehearsal.defaults());
    assertThat(Rehearsal.defaults().quietWindows()).isEqualTo(150);
    Path a = Files.createDirectories(dir.resolve("real-4k"));
    Path b = Files.createDirectories(dir.resolve("real-full"));
    assertThat(rehearsalOf("--replay", a + "," + b, "--quiet-windows", "0")).isEqualTo(new Rehearsal(List.of(a, b), 0));
  }
}
