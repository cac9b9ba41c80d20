package io.soundtag.ops.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How the embedded broker secures itself: TLS with the broker's key and SCRAM-SHA-512 users on the
 * client listener, mutual TLS between the broker and its controller, and optionally the KRaft
 * {@code StandardAuthorizer} with ACLs.
 *
 * <pre>{@code
 * BrokerSecurity s = BrokerSecurity.load(Path.of("broker-security.properties"));
 * EmbeddedKafka kafka = new EmbeddedKafka(dataDir, 9093, s).start();
 * }</pre>
 *
 * <p>The broker's own certificate subject is a super user, so {@link EmbeddedKafka#adminConnection()}
 * (mutual TLS with that key) can create topics, users and ACLs. {@link #toString()} never shows a secret.
 *
 * @param keystore PKCS #12 keystore with the broker's key and certificate (its subject alternative
 *     names must include 127.0.0.1 for clients that verify the host name, as they do by default)
 * @param keystorePassword its password (also the key's)
 * @param truststore PKCS #12 truststore holding the certificate (or CA) of the broker's key
 * @param truststorePassword its password
 * @param scramUsers SCRAM-SHA-512 user name to password, created (or updated) at every start
 * @param superUsers user names that bypass ACLs, besides the broker itself
 * @param authorizer run the {@code StandardAuthorizer}: every request needs an ACL unless from a super user
 */
public record BrokerSecurity(Path keystore, String keystorePassword, Path truststore, String truststorePassword,
    Map<String, String> scramUsers, List<String> superUsers, boolean authorizer) {

  /** The SASL mechanism of the client listener. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  public BrokerSecurity {
    for (Path p : new Path[] {keystore, truststore}) {
      if (p == null || !Files.isReadable(p)) {
        throw new IllegalArgumentException("the broker needs a readable PKCS #12 keystore and truststore, got " + p);
      }
    }
    if (keystorePassword == null || truststorePassword == null) {
      throw new IllegalArgumentException("the keystore and truststore passwords are required");
    }
    scramUsers = Map.copyOf(scramUsers == null ? Map.of() : scramUsers);
    superUsers = List.copyOf(superUsers == null ? List.of() : superUsers);
    scramUsers.keySet().forEach(BrokerSecurity::checkUserName);
    superUsers.forEach(BrokerSecurity::checkUserName);
  }

  /**
   * Reads a properties file: {@code ssl.keystore.location}, {@code ssl.keystore.password},
   * {@code ssl.truststore.location}, {@code ssl.truststore.password}, a
   * {@code scram.user.NAME.password} per user, {@code super.users} (comma-separated names) and
   * {@code authorizer} (true or false).
   */
  public static BrokerSecurity load(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the broker security file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> users = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("scram.user.") && name.endsWith(".password")) {
        users.put(name.substring("scram.user.".length(), name.length() - ".password".length()), p.getProperty(name));
      }
    }
    String supers = p.getProperty("super.users", "").trim();
    return new BrokerSecurity(path(p, "ssl.keystore.location", file), required(p, "ssl.keystore.password", file),
        path(p, "ssl.truststore.location", file), required(p, "ssl.truststore.password", file), users,
        supers.isEmpty() ? List.of() : Arrays.stream(supers.split(",")).map(String::trim).toList(),
        Boolean.parseBoolean(p.getProperty("authorizer", "false").trim()));
  }

  /** The same, with or without the authorizer. */
  public BrokerSecurity withAuthorizer(boolean on) {
    return new BrokerSecurity(keystore, keystorePassword, truststore, truststorePassword, scramUsers, superUsers, on);
  }

  /** The principal of the broker's own certificate, as Kafka names a TLS client: {@code User:} and its subject (RFC 2253). */
  String brokerPrincipal() {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, keystorePassword.toCharArray());
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate cert) {
          return "User:" + cert.getSubjectX500Principal().getName();
        }
      }
      throw new IllegalArgumentException("keystore " + keystore + " holds no key with a certificate");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read keystore " + keystore + ": " + e.getMessage(), e);
    }
  }

  private static void checkUserName(String name) {
    if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("a user name is letters, digits, '.', '_' or '-', got '" + name + "'");
    }
  }

  private static String required(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("the broker security file " + file + " has no " + key);
    }
    return v;
  }

  private static Path path(Properties p, String key, Path file) {
    Path v = Path.of(required(p, key, file).trim());
    return v.isAbsolute() ? v : file.toAbsolutePath().resolveSibling(v);
  }

  @Override
  public String toString() {
    return "BrokerSecurity[keystore " + keystore + ", truststore " + truststore + ", SCRAM users " + new TreeMap<>(scramUsers).keySet()
        + ", super users " + superUsers + ", authorizer " + (authorizer ? "on" : "off") + "]";
  }
}
