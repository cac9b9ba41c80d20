package io.soundtag.ops.trainer;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code soundtag trainer}: the sidecar trainer. */
@Command(name = "trainer", mixinStandardHelpOptions = true,
    description = "The sidecar trainer: learns from the labels on audio.labels and promotes what the gate finds better.",
    subcommands = {TrainerRunCommand.class, TrainerRecipeCommand.class})
public final class TrainerCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
