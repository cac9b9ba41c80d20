package io.soundtag.ops.model;

import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.SigningKey;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.release.ReleaseLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundtag model rollback}: an older bundle made current again as a new release. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = "Serve an older release's bundle again: a new ROLLBACK release of it, whose parent is the release rolled back;"
        + " the taggers following the deployment swap it in.")
public final class ModelRollbackCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Mixin
  DeploymentOption deployment;

  @Option(names = "--to", paramLabel = "RELEASE",
      description = "The release whose bundle to serve (default: the newest earlier release with another bundle).")
  Long to;

  @Option(names = "--sign", paramLabel = "KEY",
      description = "Sign the rollback release with this private key (default: it keeps the signature of the release rolled back to).")
  Path signingKey;

  @Override
  public Integer call() {
    SigningKey signer = signingKey == null ? null : SigningKey.load(signingKey);
    KafkaConnection connection = kafka.connection();
    ReleaseLog log = new ReleaseLog(connection).signedBy(signer);
    String d = deployment.choose(spec, connection, log);
    ReleaseLog.Published p = log.rollback(d, to, CreatedBy.here("model rollback"));
    ModelRelease r = p.release();
    PrintWriter out = spec.commandLine().getOut();
    if (!p.written()) {
      out.printf("%s already serves that bundle; nothing written%n", ReleaseEnvelope.id(r));
    } else {
      out.printf("released %s: the bundle %s %s again, rolling back %s%n", ReleaseEnvelope.id(r), r.getModelName(), r.getVersion(),
          ModelId.ofRelease(d, r.getParentRelease()));
    }
    return 0;
  }
}
