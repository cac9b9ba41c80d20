package io.soundtag.ops.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates made for a test with the JDK's {@code keytool}: the broker's key (subject
 * {@code CN=soundtag-broker}, valid for 127.0.0.1 and localhost), a truststore with its certificate,
 * and a truststore with a stranger's certificate only, for a client that must not trust the broker.
 *
 * @param brokerKeystore the broker's PKCS #12 keystore
 * @param truststore trusts the broker
 * @param strangerTruststore trusts another, unrelated certificate only
 * @param password of every store
 */
record TestCertificates(Path brokerKeystore, Path truststore, Path strangerTruststore, String password) {

  static TestCertificates make(Path dir) throws IOException, InterruptedException {
    String password = "store-" + Long.toHexString(System.nanoTime());
    TestCertificates c = new TestCertificates(dir.resolve("broker.p12"), dir.resolve("trust.p12"), dir.resolve("stranger-trust.p12"),
        password);
    keyPair(dir.resolve("broker.p12"), "broker", "CN=soundtag-broker", password);
    importCertificate(dir.resolve("broker.p12"), "broker", dir.resolve("broker.crt"), c.truststore(), password);
    keyPair(dir.resolve("stranger.p12"), "stranger", "CN=stranger", password);
    importCertificate(dir.resolve("stranger.p12"), "stranger", dir.resolve("stranger.crt"), c.strangerTruststore(), password);
    return c;
  }

  private static void keyPair(Path store, String alias, String subject, String password) throws IOException, InterruptedException {
    keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", subject, "-validity", "2",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", password, "-keypass", password);
  }

  private static void importCertificate(Path from, String alias, Path certificate, Path truststore, String password)
      throws IOException, InterruptedException {
    keytool("-exportcert", "-alias", alias, "-keystore", from.toString(), "-storepass", password, "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(), "-storetype", "PKCS12",
        "-keystore", truststore.toString(), "-storepass", password);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + out.strip());
    }
  }
}
