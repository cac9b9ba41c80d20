package io.soundtag.core.release;

import io.soundtag.schemas.BundleSignature;
import io.soundtag.schemas.ModelRelease;
import java.util.Objects;

/**
 * Which release signatures a follower accepts; {@link ReleaseEnvelope#open(ModelRelease, SignaturePolicy)} applies it
 * before the bundle is unzipped.
 *
 * <pre>{@code
 * SignaturePolicy policy = SignaturePolicy.require(TrustedKeys.load(List.of(Path.of("release.pub"))));
 * }</pre>
 *
 * <p>A signed release is checked whenever there are trusted keys: one by a key not trusted, or whose
 * signature does not verify against the bundle bytes, is refused. An unsigned release is refused
 * only when signatures are {@code required}. With no trusted keys nothing can be checked, and
 * requiring signatures then is a configuration error.
 *
 * @param trusted the keys accepted
 * @param required refuse unsigned releases
 */
public record SignaturePolicy(TrustedKeys trusted, boolean required) {

  /** Signatures are not checked and not required. */
  public static final SignaturePolicy NONE = new SignaturePolicy(TrustedKeys.none(), false);

  public SignaturePolicy {
    Objects.requireNonNull(trusted, "trusted");
    if (required && trusted.isEmpty()) {
      throw new IllegalArgumentException("requiring signed releases needs at least one trusted public key (--trusted-key FILE)");
    }
  }

  /** Every release must be signed by one of {@code trusted}. */
  public static SignaturePolicy require(TrustedKeys trusted) {
    return new SignaturePolicy(trusted, true);
  }

  /** Checks the signature of {@code release}, whose bundle bytes are {@code bundle}, served as {@code id}. */
  void check(ModelRelease release, byte[] bundle, ModelId id) throws InvalidReleaseException {
    BundleSignature s = release.getSignature();
    if (s == null) {
      if (required) {
        throw new InvalidReleaseException(InvalidReleaseException.Reason.UNSIGNED, "release " + id
            + " is not signed and signed releases are required (publish it with `soundtag model publish --sign KEY`)");
      }
      return;
    }
    if (trusted.isEmpty()) {
      return;
    }
    if (!trusted.byId().containsKey(s.getKeyId())) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.UNTRUSTED_KEY, "release " + id + " is signed by key "
          + s.getKeyId() + ", which is not trusted here (trusted: " + String.join(", ", trusted.ids())
          + "); add its public key with --trusted-key if it should be");
    }
    if (!trusted.verifies(s, bundle)) {
      throw new InvalidReleaseException(InvalidReleaseException.Reason.BAD_SIGNATURE, "release " + id + ": the " + s.getAlgorithm()
          + " signature by key " + s.getKeyId() + " does not verify against the bundle bytes (changed after signing?)");
    }
  }
}
