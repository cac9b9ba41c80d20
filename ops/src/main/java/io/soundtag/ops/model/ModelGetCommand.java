package io.soundtag.ops.model;

import io.soundtag.core.release.InvalidReleaseException;
import io.soundtag.core.release.OpenedRelease;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.cli.SignatureOptions;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.release.ReleaseLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag model get}: one release's bundle written to a file, checked as a tagger checks
 * it, so that a candidate (promoted or refused) can be scored offline with {@code soundtag eval}.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Write one release's bundle to a file (the current one by default, or --release N, refused ones"
        + " included), after checking its bytes, signature and manifest as a tagger does; score it with `soundtag eval`.")
public final class ModelGetCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  SignatureOptions signatures;

  @Mixin
  DeploymentOption deployment;

  @Option(names = "--release", paramLabel = "N", description = "The release number (default: the one its taggers serve).")
  Long release;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the bundle.")
  Path out;

  @Override
  public Integer call() {
    KafkaConnection connection = kafka.connection();
    ReleaseLog log = new ReleaseLog(connection);
    String d = deployment.choose(spec, connection, log);
    List<ModelRelease> history = log.history(d);
    ModelRelease chosen = release == null
        ? ReleaseLog.currentOf(history).orElseThrow(() -> new ParameterException(spec.commandLine(),
            "deployment " + d + " has no servable release (see `soundtag model list`)"))
        : history.stream().filter(r -> r.getRelease() == release).findFirst()
            .orElseThrow(() -> new ParameterException(spec.commandLine(), "deployment " + d + " has no release " + release
                + " (see `soundtag model list --deployment " + d + "`)"));
    OpenedRelease opened;
    try {
      opened = ReleaseEnvelope.open(chosen, signatures.policy());
    } catch (InvalidReleaseException e) {
      throw new ParameterException(spec.commandLine(), "release " + ReleaseEnvelope.id(chosen) + " is not a bundle to use: "
          + e.getMessage());
    }
    byte[] bytes = ReleaseEnvelope.bundleBytes(chosen);
    try {
      Files.write(out, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    spec.commandLine().getOut().printf("wrote %s (%,d bytes): release %s, %s, bundle %s %s%n", out, bytes.length, opened.id(),
        chosen.getDecision(), chosen.getModelName(), chosen.getVersion());
    return 0;
  }
}
