package io.soundtag.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.bundle.ModelBundleTest;
import io.soundtag.schemas.BundleSignature;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.serde.Contracts;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseSignatureTest {

  private static byte[] bundle;
  private static SigningKey ed25519;
  private static SigningKey rsa;

  @BeforeAll
  static void keys() throws Exception {
    bundle = ModelBundleTest.tinyBundle("b1").toBytes();
    ed25519 = SigningKey.generate(KeyAlgorithm.ED25519);
    rsa = SigningKey.generate(KeyAlgorithm.RSA);
  }

  private static ModelRelease signed(SigningKey key) {
    return ReleaseEnvelope.seal(bundle, ReleaseLineage.published("city", "test"), 1, null, key.sign(bundle));
  }

  private static InvalidReleaseException.Reason refusal(ModelRelease r, SignaturePolicy policy) {
    try {
      ReleaseEnvelope.open(r, policy);
    } catch (InvalidReleaseException e) {
      return e.reason();
    }
    throw new AssertionError("release " + ReleaseEnvelope.id(r) + " was opened under " + policy);
  }

  @Test
  void aReleaseSignedByATrustedKeyOpensThroughTheNetwork() throws Exception {
    for (SigningKey key : List.of(ed25519, rsa)) {
      ModelRelease read = ReleaseEnvelope.decode(Contracts.MODEL_RELEASE.encode(signed(key)));

      OpenedRelease opened = ReleaseEnvelope.open(read, SignaturePolicy.require(TrustedKeys.of(ed25519.publicKey(), rsa.publicKey())));

      assertThat(opened.id()).isEqualTo(ModelId.parse("city:1"));
      assertThat(read.getSignature().getKeyId()).isEqualTo(key.keyId()).hasSize(32);
      assertThat(read.getSignature().getAlgorithm()).isEqualTo(key.algorithm().signatureAlgorithm());
    }
  }

  @Test
  void anUnsignedReleaseIsRefusedOnlyWhenSignaturesAreRequired() throws Exception {
    ModelRelease unsigned = ReleaseEnvelope.seal(bundle, ReleaseLineage.published("city", "test"), 1, null);

    assertThat(refusal(unsigned, SignaturePolicy.require(TrustedKeys.of(ed25519.publicKey()))))
        .isEqualTo(InvalidReleaseException.Reason.UNSIGNED);
    assertThat(ReleaseEnvelope.open(unsigned, new SignaturePolicy(TrustedKeys.of(ed25519.publicKey()), false)).id())
        .isEqualTo(ModelId.parse("city:1"));
    assertThat(ReleaseEnvelope.open(unsigned).id()).isEqualTo(ModelId.parse("city:1"));
  }

  @Test
  void aReleaseSignedByAKeyNotTrustedIsRefusedEvenWhenSignaturesAreOptional() {
    SigningKey stranger = SigningKey.generate(KeyAlgorithm.ED25519);

    assertThat(refusal(signed(stranger), SignaturePolicy.require(TrustedKeys.of(ed25519.publicKey()))))
        .isEqualTo(InvalidReleaseException.Reason.UNTRUSTED_KEY);
    assertThat(refusal(signed(stranger), new SignaturePolicy(TrustedKeys.of(ed25519.publicKey()), false)))
        .isEqualTo(InvalidReleaseException.Reason.UNTRUSTED_KEY);
  }

  @Test
  void tamperedBundleBytesWithARecomputedSha256AreRefusedByTheSignature() {
    ModelRelease r = signed(ed25519);
    byte[] tampered = bundle.clone();
    tampered[tampered.length / 2] ^= 1;
    r.setBundle(ByteBuffer.wrap(tampered));
    r.setSha256(ModelBundle.sha256(tampered));

    assertThat(refusal(r, SignaturePolicy.require(TrustedKeys.of(ed25519.publicKey()))))
        .isEqualTo(InvalidReleaseException.Reason.BAD_SIGNATURE);
  }

  @Test
  void aSignatureMadeByAnotherKeyUnderATrustedKeysIdIsRefused() {
    ModelRelease r = signed(SigningKey.generate(KeyAlgorithm.ED25519));
    r.getSignature().setKeyId(ed25519.keyId());

    assertThat(refusal(r, SignaturePolicy.require(TrustedKeys.of(ed25519.publicKey()))))
        .isEqualTo(InvalidReleaseException.Reason.BAD_SIGNATURE);
  }

  @Test
  void theAlgorithmIsTheTrustedKeysNotTheOneTheRecordNames() {
    ModelRelease r = signed(rsa);
    r.setSignature(new BundleSignature("SHA1withRSA", rsa.keyId(), r.getSignature().getValue()));
    ModelRelease garbage = signed(ed25519);
    garbage.setSignature(new BundleSignature("Ed25519", ed25519.keyId(), ByteBuffer.wrap(new byte[3])));
    ModelRelease huge = signed(ed25519);
    huge.setSignature(new BundleSignature("Ed25519", ed25519.keyId(), ByteBuffer.wrap(new byte[TrustedKeys.MAX_SIGNATURE_BYTES + 1])));

    SignaturePolicy policy = SignaturePolicy.require(TrustedKeys.of(ed25519.publicKey(), rsa.publicKey()));
    for (ModelRelease bad : List.of(r, garbage, huge)) {
      assertThat(refusal(bad, policy)).isEqualTo(InvalidReleaseException.Reason.BAD_SIGNATURE);
    }
  }

  @Test
  void requiringSignaturesWithoutATrustedKeyIsAConfigurationError() {
    assertThatThrownBy(() -> SignaturePolicy.require(TrustedKeys.none()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--trusted-key");
  }

  @Test
  void keyFilesRoundTripAndThePrivateOneIsTheOwnersAlone(@TempDir Path dir) throws Exception {
    for (SigningKey key : List.of(ed25519, rsa)) {
      Path priv = dir.resolve(key.algorithm() + ".key");
      Path pub = dir.resolve(key.algorithm() + ".pub");
      key.write(priv, pub);

      SigningKey loaded = SigningKey.load(priv);
      TrustedKeys trusted = TrustedKeys.load(List.of(pub));

      assertThat(loaded.keyId()).isEqualTo(key.keyId());
      assertThat(trusted.ids()).containsExactly(key.keyId());
      assertThat(Files.getPosixFilePermissions(priv)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----").doesNotContain("PRIVATE");
      assertThat(loaded.toString()).doesNotContain(Files.readString(priv).lines().skip(1).findFirst().orElseThrow());
      ModelRelease r = ReleaseEnvelope.seal(bundle, ReleaseLineage.published("city", "test"), 1, null, loaded.sign(bundle));
      assertThat(ReleaseEnvelope.open(r, SignaturePolicy.require(trusted)).id()).isEqualTo(ModelId.parse("city:1"));
      assertThatThrownBy(() -> key.write(priv, pub)).hasMessageContaining("exists");
    }
  }

  @Test
  void aPublicKeyFileIsNotASigningKeyAndWeakOrMismatchedKeysAreRefused(@TempDir Path dir) throws Exception {
    Path priv = dir.resolve("a.key");
    Path pub = dir.resolve("a.pub");
    ed25519.write(priv, pub);
    Path mixed = dir.resolve("mixed.key");
    SigningKey other = SigningKey.generate(KeyAlgorithm.ED25519);
    other.write(dir.resolve("b.key"), dir.resolve("b.pub"));
    Files.writeString(mixed, Files.readString(priv).substring(0, Files.readString(priv).indexOf("-----BEGIN PUBLIC KEY-----"))
        + Files.readString(dir.resolve("b.pub")));
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    Path weak = dir.resolve("weak.pub");
    Files.writeString(weak, PemBlocks.format("PUBLIC KEY", g.generateKeyPair().getPublic().getEncoded()));

    assertThatThrownBy(() -> SigningKey.load(pub)).hasMessageContaining("keygen");
    assertThatThrownBy(() -> SigningKey.load(mixed)).hasMessageContaining("not a pair");
    assertThatThrownBy(() -> TrustedKeys.load(List.of(weak))).hasMessageContaining("1024 bits is too weak");
    assertThatThrownBy(() -> TrustedKeys.load(List.of(dir.resolve("missing.pub")))).hasMessageContaining("missing.pub");
  }
}
