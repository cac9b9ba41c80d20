package io.soundtag.core.release;

import io.soundtag.schemas.BundleSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A publisher's key pair, which signs the bundle bytes of the releases it publishes.
 *
 * <pre>{@code
 * SigningKey key = SigningKey.generate(KeyAlgorithm.ED25519);
 * key.write(Path.of("release.key"), Path.of("release.pub"));   // keep release.key secret, give release.pub to taggers
 * BundleSignature s = SigningKey.load(Path.of("release.key")).sign(bundleBytes);
 * }</pre>
 *
 * <p>The private key file holds the PKCS #8 private key and the X.509 public key as PEM blocks
 * (Ed25519's public key cannot be derived from the private one with the JDK alone); the public key
 * file holds the public key only. {@link #toString()} never shows the private key.
 *
 * @param algorithm ed25519 or rsa
 * @param privateKey signs
 * @param publicKey what verifiers trust; its {@link #keyId id} is in every signature made
 */
public record SigningKey(KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {

  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";

  public SigningKey {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    if (KeyAlgorithm.of(publicKey) != algorithm) {
      throw new IllegalArgumentException("a " + algorithm + " signing key needs a " + algorithm + " public key, got " + publicKey.getAlgorithm());
    }
  }

  /** A new key pair (RSA: {@link KeyAlgorithm#MIN_RSA_BITS} bits ×1.5, i.e. 3072). */
  public static SigningKey generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.keyAlgorithm());
      if (algorithm == KeyAlgorithm.RSA) {
        g.initialize(3072);
      }
      KeyPair pair = g.generateKeyPair();
      return new SigningKey(algorithm, pair.getPrivate(), pair.getPublic());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks " + algorithm.keyAlgorithm() + " (Java 17 has it)", e);
    }
  }

  /**
   * Reads a private key file written by {@link #write}.
   *
   * @throws IllegalArgumentException when it is unreadable or not such a file, saying which
   */
  public static SigningKey load(Path privateKeyFile) {
    Map<String, byte[]> blocks = PemBlocks.read(privateKeyFile);
    if (!blocks.containsKey(PRIVATE) || !blocks.containsKey(PUBLIC)) {
      throw new IllegalArgumentException("key file " + privateKeyFile + " holds no PRIVATE KEY and PUBLIC KEY blocks; "
          + "make a signing key with `soundtag model keygen`");
    }
    PublicKey publicKey;
    try {
      publicKey = KeyAlgorithm.publicKey(blocks.get(PUBLIC));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key file " + privateKeyFile + ": " + e.getMessage(), e);
    }
    KeyAlgorithm algorithm = KeyAlgorithm.of(publicKey);
    PrivateKey privateKey;
    try {
      privateKey = KeyFactory.getInstance(algorithm.keyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(blocks.get(PRIVATE)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("key file " + privateKeyFile + ": its private key is not a " + algorithm + " key: " + e.getMessage(), e);
    }
    SigningKey key = new SigningKey(algorithm, privateKey, publicKey);
    byte[] probe = "soundtag signing key check".getBytes(StandardCharsets.US_ASCII);
    if (!TrustedKeys.of(publicKey).verifies(key.sign(probe), probe)) {
      throw new IllegalArgumentException("key file " + privateKeyFile + ": its private and public keys are not a pair");
    }
    return key;
  }

  /** The id of {@code publicKey}: hex of the first 16 bytes of the SHA-256 of its X.509 encoding. */
  public static String keyId(PublicKey publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** This key's id, as its signatures carry it. */
  public String keyId() {
    return keyId(publicKey);
  }

  /** Signs {@code bundleBytes}. */
  public BundleSignature sign(byte[] bundleBytes) {
    try {
      Signature s = Signature.getInstance(algorithm.signatureAlgorithm());
      s.initSign(privateKey);
      s.update(bundleBytes);
      return new BundleSignature(algorithm.signatureAlgorithm(), keyId(), ByteBuffer.wrap(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + this + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the private key file (readable by its owner only, where the file system allows) and the
   * public key file; neither may exist already, so a key is never overwritten by mistake.
   */
  public void write(Path privateKeyFile, Path publicKeyFile) {
    try {
      for (Path p : new Path[] {privateKeyFile, publicKeyFile}) {
        if (Files.exists(p)) {
          throw new FileAlreadyExistsException(p + " exists; choose another name or remove it first");
        }
      }
      Files.writeString(publicKeyFile, PemBlocks.format(PUBLIC, publicKey.getEncoded()), StandardCharsets.US_ASCII);
      Files.createFile(privateKeyFile);
      try {
        Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the directory's permissions protect it.
      }
      Files.writeString(privateKeyFile, PemBlocks.format(PRIVATE, privateKey.getEncoded()) + PemBlocks.format(PUBLIC, publicKey.getEncoded()),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the signing key: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey[" + algorithm + ", id " + keyId() + "]";
  }
}
