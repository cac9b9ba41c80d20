package io.soundtag.ops.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import io.soundtag.schemas.topic.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, combined broker + controller) running inside this JVM on 127.0.0.1.
 *
 * <p>The log directory is formatted on first start and reused afterwards, so a broker restarted
 * on the same {@code dataDir} keeps its topics and records.
 *
 * <p>Without {@link BrokerSecurity} every listener is PLAINTEXT. With it, clients connect over
 * SASL_SSL with SCRAM-SHA-512 users, the broker and its controller talk over mutual TLS as the
 * broker's certificate subject (a super user), and with {@link BrokerSecurity#authorizer()} the
 * KRaft {@code StandardAuthorizer} refuses whatever no ACL allows.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";
  private static final Duration USERS_VISIBLE = Duration.ofSeconds(30);

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final int internalPort;
  private final BrokerSecurity security;
  private KafkaRaftServer server;

  /**
   * A PLAINTEXT broker.
   *
   * @param dataDir where the log and metadata live; created if missing
   * @param port the client port on 127.0.0.1; 0 picks a free one
   */
  public EmbeddedKafka(Path dataDir, int port) {
    this(dataDir, port, null);
  }

  /**
   * A broker secured by {@code security}; null means PLAINTEXT.
   *
   * @param dataDir where the log and metadata live; created if missing
   * @param port the client port on 127.0.0.1 (SASL_SSL when secured); 0 picks a free one
   */
  public EmbeddedKafka(Path dataDir, int port, BrokerSecurity security) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port == 0 ? freePort() : port;
    this.controllerPort = freePort();
    this.internalPort = security == null ? this.port : freePort();
    this.security = security;
  }

  /** Formats the log directory if it is new and starts the server; returns once it is started. */
  public synchronized EmbeddedKafka start() {
    if (server != null) {
      return this;
    }
    try {
      Files.createDirectories(dataDir);
      Path properties = dataDir.resolve("server.properties");
      Properties config = serverProperties();
      if (!Files.exists(properties)) {
        Files.createFile(properties);
      }
      try {
        // It holds the keystore passwords of a secured broker.
        Files.setPosixFilePermissions(properties, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the data directory's permissions protect it.
      }
      try (OutputStream out = Files.newOutputStream(properties)) {
        config.store(out, "soundtag embedded broker");
      }
      if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
        format(properties);
      }
      server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
      server.startup();
      if (security != null) {
        upsertUsers();
      }
      LOG.info("embedded Kafka listening on {} ({}; data in {})", bootstrapServers(),
          security == null ? "PLAINTEXT" : "SASL_SSL " + BrokerSecurity.MECHANISM + ", authorizer " + (security.authorizer() ? "on" : "off"),
          dataDir);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the broker data directory " + dataDir, e);
    }
  }

  /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** How it is secured, or null for PLAINTEXT. */
  public BrokerSecurity security() {
    return security;
  }

  /**
   * A connection with every right: for a secured broker, mutual TLS as the broker itself on a
   * listener of its own (to create topics, users and ACLs); else the plaintext client listener.
   */
  public KafkaConnection adminConnection() {
    if (security == null) {
      return KafkaConnection.to(bootstrapServers());
    }
    return new KafkaConnection("127.0.0.1:" + internalPort, Map.of(
        "security.protocol", "SSL",
        "ssl.keystore.type", "PKCS12",
        "ssl.keystore.location", security.keystore().toString(),
        "ssl.keystore.password", security.keystorePassword(),
        "ssl.key.password", security.keystorePassword(),
        "ssl.truststore.type", "PKCS12",
        "ssl.truststore.location", security.truststore().toString(),
        "ssl.truststore.password", security.truststorePassword()));
  }

  /**
   * Creates or updates a SCRAM-SHA-512 user and returns once the broker knows it.
   *
   * @throws IllegalStateException if the broker refuses or does not show the user in time
   */
  public void upsertScramUser(String name, String password) {
    upsertUsers(Map.of(name, password));
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server and waits for it; the data directory is kept. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private void upsertUsers() {
    if (!security.scramUsers().isEmpty()) {
      upsertUsers(security.scramUsers());
    }
  }

  private void upsertUsers(Map<String, String> users) {
    if (security == null) {
      throw new IllegalStateException("a PLAINTEXT broker has no SCRAM users; start it with a BrokerSecurity");
    }
    try (Admin admin = Admin.create(adminConnection().clientProperties())) {
      List<UserScramCredentialAlteration> upserts = new ArrayList<>();
      users.forEach((name, password) -> upserts.add(new UserScramCredentialUpsertion(name,
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
      admin.alterUserScramCredentials(upserts).all().get();
      // Credentials reach the listener through the metadata log: wait until the broker shows them.
      long deadline = System.nanoTime() + USERS_VISIBLE.toNanos();
      while (!admin.describeUserScramCredentials().users().get().containsAll(users.keySet())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the broker did not show SCRAM users " + users.keySet() + " within " + USERS_VISIBLE);
        }
        Thread.sleep(50);
      }
      LOG.info("SCRAM-SHA-512 users {} ready", new TreeMap<>(users).keySet());
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create SCRAM users " + users.keySet() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating SCRAM users", e);
    }
  }

  private Properties serverProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("controller.listener.names", "CONTROLLER");
    if (security == null) {
      p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("inter.broker.listener.name", "PLAINTEXT");
    } else {
      secure(p);
    }
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "4");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // A model release carries its bundle; allow records of up to 64 MiB.
    p.put("message.max.bytes", String.valueOf(64 * 1024 * 1024));
    p.put("replica.fetch.max.bytes", String.valueOf(64 * 1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  /** SASL_SSL for clients; mutual TLS, as the broker's certificate, between the broker and the controller. */
  private void secure(Properties p) {
    p.put("listeners", "CLIENT://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort
        + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "CLIENT://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort);
    p.put("listener.security.protocol.map", "CLIENT:SASL_SSL,INTERNAL:SSL,CONTROLLER:SSL");
    p.put("inter.broker.listener.name", "INTERNAL");
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", security.keystore().toString());
    p.put("ssl.keystore.password", security.keystorePassword());
    p.put("ssl.key.password", security.keystorePassword());
    p.put("ssl.truststore.type", "PKCS12");
    p.put("ssl.truststore.location", security.truststore().toString());
    p.put("ssl.truststore.password", security.truststorePassword());
    p.put("listener.name.internal.ssl.client.auth", "required");
    p.put("listener.name.controller.ssl.client.auth", "required");
    p.put("sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
    p.put("listener.name.client.sasl.enabled.mechanisms", BrokerSecurity.MECHANISM);
    p.put("listener.name.client.scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    if (security.authorizer()) {
      p.put("authorizer.class.name", AUTHORIZER);
      StringBuilder supers = new StringBuilder(security.brokerPrincipal());
      security.superUsers().forEach(u -> supers.append(";User:").append(u));
      p.put("super.users", supers.toString());
      p.put("allow.everyone.if.no.acl.found", "false");
    }
  }

  private void format(Path properties) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      rc = StorageTool.execute(new String[] {
          "format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()}, print);
    }
    if (rc != 0) {
      throw new IllegalStateException("formatting the broker log directory failed: " + out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }
}
