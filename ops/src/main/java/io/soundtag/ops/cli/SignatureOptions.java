package io.soundtag.ops.cli;

import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.core.release.TrustedKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --trusted-key} and {@code --require-signed}, shared by every command that follows model releases. */
public final class SignatureOptions {

  @Option(names = "--trusted-key", paramLabel = "FILE",
      description = "A public key (PEM, written by `soundtag model keygen`) whose release signatures are accepted; repeat for several. "
          + "With a key given, a release signed by another key or whose signature does not verify is refused.")
  List<Path> trustedKeys = new ArrayList<>();

  @Option(names = "--require-signed", description = "Refuse unsigned releases too (needs --trusted-key).")
  boolean requireSigned;

  /** The policy these options describe. */
  public SignaturePolicy policy() {
    return new SignaturePolicy(TrustedKeys.load(trustedKeys), requireSigned);
  }
}
