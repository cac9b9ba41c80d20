package io.soundtag.ops.model;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.core.release.SigningKey;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.release.TaggerStatusReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code soundtag model publish BUNDLE}: the next release of a deployment, after checking that the
 * running taggers follow that deployment and would serve the bundle.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Publish a model bundle as the next release of a deployment; the taggers following it verify it and swap it in.",
        "Before writing, it reads the taggers' status from " + Topics.AUDIO_STATUS + " and refuses, saying why, a bundle no tagger"
            + " follows or that its followers would refuse (other rate, window or hop; other classes without --classes-changed)."})
public final class ModelPublishCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The model bundle file.")
  Path bundleFile;

  @Option(names = "--as", paramLabel = "NAME", description = "The deployment to publish under (default: the bundle's model name, e.g. folder-dev for folder:dev).")
  String deployment;

  @Option(names = "--classes-changed", description = "The classes differ from the served ones on purpose; followers accept the new class set.")
  boolean classesChanged;

  @Option(names = "--recipe", description = "How the model was trained (default: the command recorded in the bundle).")
  String recipe;

  @Option(names = "--sign", paramLabel = "KEY",
      description = "Sign the bundle with this private key (from `soundtag model keygen`); taggers with --require-signed serve only signed releases.")
  Path signingKey;

  @Option(names = "--force", description = "Publish even when no tagger follows the deployment or its followers would refuse the bundle.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    byte[] bytes = Files.readAllBytes(bundleFile);
    // Checked here too, so a corrupt file is refused before any tagger sees it.
    BundleManifest manifest = ModelBundle.fromBytes(bytes, ReleaseEnvelope.MAX_INFLATED_BUNDLE_BYTES).manifest();
    String target = deployment != null ? deployment : ModelId.deploymentOf(manifest.modelName());
    if (!ModelId.isDeploymentName(target)) {
      throw new IllegalArgumentException("--as must be letters, digits, '.', '_' or '-', got '" + target + "'");
    }
    // Read before anything is sent, so a bad key file fails the command without touching the topic.
    SigningKey signer = signingKey == null ? null : SigningKey.load(signingKey);
    KafkaConnection connection = kafka.connection();
    FollowerCheck check = FollowerCheck.of(manifest, target, classesChanged, new TaggerStatusReader(connection).read());
    PrintWriter out = spec.commandLine().getOut();
    if (!check.servable()) {
      if (!force) {
        throw new IllegalStateException("refused " + bundleFile.getFileName() + " as " + target + ": " + check.explanation());
      }
      out.println("publishing anyway (--force): " + check.explanation());
    }
    ReleaseLineage lineage = ReleaseLineage.published(target, CreatedBy.here("model publish")).withRecipe(recipe)
        .withClassesChanged(classesChanged);
    ReleaseLog.Published p = new ReleaseLog(connection).signedBy(signer).publish(bytes, lineage);
    ModelRelease r = p.release();
    if (!p.written()) {
      out.printf("%s already holds this bundle (sha256 %s); nothing written%n", ReleaseEnvelope.id(r), r.getSha256());
      return 0;
    }
    out.printf("published %s (bundle %s %s, %d bytes, sha256 %s, parent %s, %s)%n", ReleaseEnvelope.id(r), r.getModelName(),
        r.getVersion(), bytes.length, r.getSha256(), r.getParentRelease() == null ? "none" : ModelId.ofRelease(target, r.getParentRelease()),
        r.getSignature() == null ? "unsigned" : "signed by key " + r.getSignature().getKeyId());
    out.println(check.followers().isEmpty() ? "no tagger follows " + target + " yet"
        : "followed by " + check.followers().size() + " tagger(s): " + String.join(", ", check.followers()));
    return 0;
  }
}
