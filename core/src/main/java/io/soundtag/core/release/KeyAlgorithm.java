package io.soundtag.core.release;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Locale;

/** The kinds of key a release can be signed with, and the JCA signature algorithm of each. */
public enum KeyAlgorithm {
  /** Ed25519 (RFC 8032): small keys and signatures, the default. */
  ED25519("Ed25519", "Ed25519"),
  /** RSA of at least {@link #MIN_RSA_BITS} bits with SHA-256 (PKCS #1 v1.5), for sites whose key policy asks for RSA. */
  RSA("RSA", "SHA256withRSA");

  /** The smallest RSA modulus accepted, bits. */
  public static final int MIN_RSA_BITS = 2048;

  private final String keyAlgorithm;
  private final String signatureAlgorithm;

  KeyAlgorithm(String keyAlgorithm, String signatureAlgorithm) {
    this.keyAlgorithm = keyAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA key algorithm ({@code KeyPairGenerator}, {@code KeyFactory}). */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** The JCA signature algorithm, as a release's signature names it. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Parses {@code ed25519} or {@code rsa} (any case). */
  public static KeyAlgorithm parse(String name) {
    for (KeyAlgorithm a : values()) {
      if (a.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return a;
      }
    }
    throw new IllegalArgumentException("a signing key algorithm is ed25519 or rsa, got '" + name + "'");
  }

  /** The algorithm of {@code key}. */
  public static KeyAlgorithm of(PublicKey key) {
    String a = key.getAlgorithm().toUpperCase(Locale.ROOT);
    if (a.equals("RSA")) {
      return RSA;
    }
    if (a.equals("ED25519") || a.equals("EDDSA")) {
      return ED25519;
    }
    throw new IllegalArgumentException("a " + key.getAlgorithm() + " key cannot sign releases; use an ed25519 or rsa key");
  }

  /**
   * Reads an X.509 SubjectPublicKeyInfo encoding as whichever algorithm it is of.
   *
   * @throws IllegalArgumentException if it is neither an Ed25519 nor an RSA key of at least {@link #MIN_RSA_BITS} bits
   */
  static PublicKey publicKey(byte[] x509) {
    for (KeyAlgorithm a : values()) {
      try {
        PublicKey key = KeyFactory.getInstance(a.keyAlgorithm).generatePublic(new X509EncodedKeySpec(x509));
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
          throw new IllegalArgumentException("an RSA key of " + rsa.getModulus().bitLength() + " bits is too weak to trust; use "
              + MIN_RSA_BITS + " bits or more, or an ed25519 key");
        }
        return key;
      } catch (InvalidKeySpecException e) {
        // Not a key of this algorithm; try the next.
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("this JVM lacks " + a.keyAlgorithm + " (Java 17 has it)", e);
      }
    }
    throw new IllegalArgumentException("not an ed25519 or rsa public key");
  }
}
