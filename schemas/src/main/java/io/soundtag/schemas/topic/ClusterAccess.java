package io.soundtag.schemas.topic;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns Kafka's connection, authentication and authorization failures into one
 * line an operator can act on, and checks a connection before a command relies on it.
 *
 * <pre>{@code
 * ClusterAccess.check(kafka, ClusterAccess.CHECK_TIMEOUT);      // throws with a one-line cause, or returns
 * String why = ClusterAccess.explain(kafka, exception).orElse(exception.getMessage());
 * }</pre>
 *
 * <p>{@link #check} fails fast on a wrong password, an untrusted certificate and a client whose
 * {@code security.protocol} the brokers do not speak; when no broker accepts connections at all
 * it only warns, because clients that buffer (ingest) must start while the cluster is down.
 */
public final class ClusterAccess {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterAccess.class);
  /** How long {@link #check} waits for the cluster to answer. */
  public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);
  private static final int CONNECT_MS = 2000;
  private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
  private static final String FIX = " (in the Kafka client configuration: --kafka-config or $" + KafkaConnection.CONFIG_ENV + ")";

  private ClusterAccess() {}

  /**
   * Asks the cluster to describe itself within {@code timeout}.
   *
   * @throws IllegalStateException with a one-line cause when the brokers refuse this client or it
   *     cannot speak to them
   */
  public static void check(KafkaConnection kafka, Duration timeout) {
    List<InetSocketAddress> open = reachable(kafka);
    if (open.isEmpty()) {
      LOG.warn("no broker of {} accepts connections now; the clients will keep trying", kafka.bootstrapServers());
      return;
    }
    try (Admin admin = Admin.create(kafka.clientProperties(Map.of(
        "client.id", "soundtag-connection-check",
        "request.timeout.ms", (int) timeout.toMillis(),
        "default.api.timeout.ms", (int) timeout.toMillis())))) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(explain(kafka, e.getCause()).orElseGet(() -> silent(kafka, open.get(0), e.getCause())), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(silent(kafka, open.get(0), e), e);
    } catch (KafkaException e) {
      throw new IllegalStateException(explain(kafka, e).orElse("cannot create a Kafka client: " + e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the connection to " + kafka.bootstrapServers(), e);
    }
  }

  /**
   * One line saying what is wrong and what to change, when {@code failure} (or one of its causes)
   * is an authentication, authorization, TLS or client configuration failure; empty otherwise.
   *
   * @param kafka the connection that failed, or null when not known
   */
  public static Optional<String> explain(KafkaConnection kafka, Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Optional<String> line = explainOne(kafka, t);
      if (line.isPresent()) {
        return line;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> explainOne(KafkaConnection known, Throwable t) {
    KafkaConnection kafka = known != null ? known : KafkaConnection.to("the cluster");
    String brokers = kafka.bootstrapServers();
    if (t instanceof SaslAuthenticationException) {
      return Optional.of("the brokers at " + brokers + " refused the credentials of user '" + user(kafka) + "' ("
          + kafka.properties().getOrDefault("sasl.mechanism", "GSSAPI") + "): wrong user name or password; check sasl.jaas.config" + FIX);
    }
    if (t instanceof UnsupportedSaslMechanismException) {
      return Optional.of("the brokers at " + brokers + " do not offer SASL mechanism "
          + kafka.properties().getOrDefault("sasl.mechanism", "GSSAPI") + "; set sasl.mechanism to one they enable, e.g. SCRAM-SHA-512" + FIX);
    }
    if (t instanceof SslAuthenticationException) {
      String detail = rootMessage(t);
      String lower = detail.toLowerCase(Locale.ROOT);
      if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unable to find valid")) {
        return Optional.of("the TLS certificate of the brokers at " + brokers + " is not trusted: add the certificate of the CA that"
            + " signed it to ssl.truststore.location" + FIX);
      }
      if (lower.contains("subject alternative") || lower.contains("doesn't match") || lower.contains("no name matching")) {
        return Optional.of("the TLS certificate of the brokers at " + brokers + " does not name the host connected to (" + detail
            + "): connect by a name the certificate holds" + FIX);
      }
      return Optional.of("the TLS handshake with the brokers at " + brokers + " failed: " + detail + FIX);
    }
    if (t instanceof TopicAuthorizationException e) {
      return Optional.of(principal(kafka) + " is not allowed to use topic(s) " + e.unauthorizedTopics()
          + ": grant this role's ACLs (README, Least privilege) or run it as the principal that has them");
    }
    if (t instanceof GroupAuthorizationException e) {
      return Optional.of(principal(kafka) + " is not allowed to use consumer group " + (e.groupId() == null ? "" : "'" + e.groupId() + "'")
          + ": grant this role's ACLs (README, Least privilege) or run it as the principal that has them");
    }
    if (t instanceof TransactionalIdAuthorizationException) {
      return Optional.of(principal(kafka) + " is not allowed to use its transactional id (" + rootMessage(t)
          + "): grant this role's ACLs (README, Least privilege) or run it as the principal that has them");
    }
    if (t instanceof ClusterAuthorizationException || t instanceof AuthorizationException) {
      return Optional.of(principal(kafka) + " is not authorized: " + rootMessage(t)
          + "; grant this role's ACLs (README, Least privilege) or run it as the principal that has them");
    }
    if (t instanceof ConfigException) {
      return Optional.of("the Kafka client configuration is invalid: " + t.getMessage() + FIX);
    }
    if (t instanceof KafkaException && t.getMessage() != null && t.getMessage().startsWith("Failed to construct")
        && t.getCause() != null && !(t.getCause() instanceof KafkaException)) {
      return Optional.of("cannot create a Kafka client: " + rootMessage(t) + FIX);
    }
    return Optional.empty();
  }

  /** The brokers accepted the connection but never answered: say which protocol they seem to speak. */
  private static String silent(KafkaConnection kafka, InetSocketAddress broker, Throwable cause) {
    String protocol = kafka.properties().getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    boolean clientTls = protocol.equals("SSL") || protocol.equals("SASL_SSL");
    if (!clientTls && speaksTls(broker)) {
      return "the brokers at " + kafka.bootstrapServers() + " speak TLS but this client uses security.protocol=" + protocol
          + ": set security.protocol=SASL_SSL (or SSL) and the ssl.*/sasl.* settings the cluster needs" + FIX;
    }
    return "the brokers at " + kafka.bootstrapServers() + " accepted the connection but did not answer over security.protocol="
        + protocol + " within " + CHECK_TIMEOUT.toSeconds() + " s: check that it is the protocol of that listener" + FIX;
  }

  /** Whether a TLS server answers a handshake at {@code broker}; its certificate is only looked at, never trusted for anything. */
  private static boolean speaksTls(InetSocketAddress broker) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AnyCertificate()}, null);
      try (Socket raw = new Socket()) {
        raw.connect(broker, CONNECT_MS);
        raw.setSoTimeout(CONNECT_MS);
        try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, broker.getHostString(), broker.getPort(), false)) {
          tls.startHandshake();
          return true;
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  /** The probe only asks whether the peer speaks TLS; nothing is sent after the handshake. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  private static List<InetSocketAddress> reachable(KafkaConnection kafka) {
    List<InetSocketAddress> open = new ArrayList<>();
    for (String hostPort : kafka.bootstrapServers().split(",")) {
      String hp = hostPort.trim();
      int colon = hp.lastIndexOf(':');
      if (colon < 0) {
        continue;
      }
      try {
        InetSocketAddress address = new InetSocketAddress(hp.substring(0, colon).replace("[", "").replace("]", ""),
            Integer.parseInt(hp.substring(colon + 1)));
        try (Socket s = new Socket()) {
          s.connect(address, CONNECT_MS);
          open.add(address);
        }
      } catch (IOException | IllegalArgumentException e) {
        // Not reachable (or not an address); the others may be.
      }
    }
    return open;
  }

  private static String user(KafkaConnection kafka) {
    Matcher m = USERNAME.matcher(kafka.properties().getOrDefault("sasl.jaas.config", ""));
    return m.find() ? m.group(1) : "?";
  }

  private static String principal(KafkaConnection kafka) {
    String protocol = kafka.properties().getOrDefault("security.protocol", "PLAINTEXT").toUpperCase(Locale.ROOT);
    return protocol.startsWith("SASL") ? "user '" + user(kafka) + "'" : "this client (" + protocol + ")";
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
