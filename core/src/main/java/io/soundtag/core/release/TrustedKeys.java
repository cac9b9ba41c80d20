package io.soundtag.core.release;

import io.soundtag.schemas.BundleSignature;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public keys whose signatures a follower of releases accepts, by {@link SigningKey#keyId id}.
 *
 * <pre>{@code
 * TrustedKeys keys = TrustedKeys.load(List.of(Path.of("release.pub")));
 * }</pre>
 *
 * @param byId key id to public key
 */
public record TrustedKeys(Map<String, PublicKey> byId) {

  /** Largest signature accepted, bytes: an RSA-8192 signature is 1024. */
  static final int MAX_SIGNATURE_BYTES = 1024;

  public TrustedKeys {
    byId = Map.copyOf(byId == null ? Map.of() : byId);
  }

  /** No keys: signatures cannot be checked. */
  public static TrustedKeys none() {
    return new TrustedKeys(Map.of());
  }

  /** These keys. */
  public static TrustedKeys of(PublicKey... keys) {
    Map<String, PublicKey> m = new TreeMap<>();
    for (PublicKey k : keys) {
      KeyAlgorithm.of(k);
      m.put(SigningKey.keyId(k), k);
    }
    return new TrustedKeys(m);
  }

  /**
   * Reads public key files (PEM {@code PUBLIC KEY}, as {@code soundtag model keygen} writes them).
   *
   * @throws IllegalArgumentException when a file is unreadable or holds no ed25519 or rsa public key, saying which
   */
  public static TrustedKeys load(Collection<Path> publicKeyFiles) {
    Map<String, PublicKey> m = new TreeMap<>();
    for (Path file : publicKeyFiles) {
      byte[] der = PemBlocks.read(file).get("PUBLIC KEY");
      if (der == null) {
        throw new IllegalArgumentException("key file " + file + " holds no PUBLIC KEY block; give the .pub file `soundtag model keygen` wrote");
      }
      try {
        PublicKey k = KeyAlgorithm.publicKey(der);
        m.put(SigningKey.keyId(k), k);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key file " + file + ": " + e.getMessage(), e);
      }
    }
    return new TrustedKeys(m);
  }

  /** Whether there are no keys. */
  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The ids, sorted. */
  public List<String> ids() {
    return List.copyOf(new TreeMap<>(byId).keySet());
  }

  /** Whether {@code signature} is a valid signature of {@code bytes} by the trusted key it names, with that key's algorithm. */
  boolean verifies(BundleSignature signature, byte[] bytes) {
    PublicKey key = byId.get(signature.getKeyId());
    if (key == null) {
      return false;
    }
    KeyAlgorithm algorithm = KeyAlgorithm.of(key);
    // The algorithm is the trusted key's, never the one a record asks for.
    if (!algorithm.signatureAlgorithm().equals(signature.getAlgorithm())) {
      return false;
    }
    ByteBuffer value = signature.getValue().duplicate();
    if (value.remaining() > MAX_SIGNATURE_BYTES) {
      return false;
    }
    byte[] sig = new byte[value.remaining()];
    value.get(sig);
    try {
      Signature s = Signature.getInstance(algorithm.signatureAlgorithm());
      s.initVerify(key);
      s.update(bytes);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      // A malformed signature value is a signature that does not verify.
      return false;
    }
  }
}
