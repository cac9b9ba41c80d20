package io.soundtag.ops.model;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code soundtag model}: model releases. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = {"Model releases: publish, list the history, roll back, see which tagger serves which release, make a signing key.",
        "Releases live on audio.models keyed deployment:release; taggers follow one deployment and serve its newest servable release."},
    subcommands = {ModelPublishCommand.class, ModelListCommand.class, ModelRollbackCommand.class, ModelGetCommand.class, ModelStatusCommand.class,
        ModelKeygenCommand.class})
public final class ModelCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
