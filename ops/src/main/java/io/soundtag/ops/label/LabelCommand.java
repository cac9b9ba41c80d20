package io.soundtag.ops.label;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code soundtag label}: the labelled clips the sidecar trains on. */
@Command(name = "label", mixinStandardHelpOptions = true,
    description = {"Put labelled clips into audio.labels (the dataset the sidecar trains on), delete them, count them.",
        "A clip's id is the sha256 of its audio: adding the same audio again is the same clip, and labelling it again"
            + " replaces its labels."},
    subcommands = {LabelAddCommand.class, LabelImportCommand.class, LabelWindowCommand.class, LabelDeleteCommand.class,
        LabelStatsCommand.class})
public final class LabelCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
