package io.soundtag.ops.model;

import io.soundtag.core.release.KeyAlgorithm;
import io.soundtag.core.release.SigningKey;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code soundtag model keygen NAME}: a key pair to sign releases with. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Make a key pair to sign model releases with: NAME.key (private, readable by its owner only; give it to "
        + "`model publish --sign` and the sidecar) and NAME.pub (give it to taggers, sidecars and dashboards with --trusted-key).",
        "Neither file may exist already."})
public final class ModelKeygenCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Path and base name of the two files, e.g. keys/releases.")
  Path name;

  @Option(names = "--algorithm", defaultValue = "ed25519", paramLabel = "ed25519|rsa",
      description = "Key algorithm: ed25519, or rsa (3072 bits) where a key policy asks for RSA (default: ${DEFAULT-VALUE}).")
  String algorithm;

  @Override
  public Integer call() {
    SigningKey key = SigningKey.generate(KeyAlgorithm.parse(algorithm));
    Path privateKey = name.resolveSibling(name.getFileName() + ".key");
    Path publicKey = name.resolveSibling(name.getFileName() + ".pub");
    key.write(privateKey, publicKey);
    spec.commandLine().getOut().printf("wrote %s (private: keep it secret) and %s (public); %s key id %s%n", privateKey, publicKey,
        key.algorithm().name().toLowerCase(java.util.Locale.ROOT), key.keyId());
    return 0;
  }
}
