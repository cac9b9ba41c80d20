package io.soundtag.ops.broker;

import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.schemas.topic.KafkaConnection;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code soundtag broker}: a single-node KRaft broker in this process, with soundtag's topics. */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = {"Run an in-process Kafka broker (KRaft, broker+controller) on 127.0.0.1 and create soundtag's topics.",
        "PLAINTEXT by default; with --security, SASL_SSL with SCRAM-SHA-512 users, and with --authorizer, ACLs enforced."})
public final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--data-dir", defaultValue = "data/broker", description = "Log directory, kept across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the audio topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(names = "--security", paramLabel = "FILE",
      description = "Serve clients over SASL_SSL with SCRAM-SHA-512 users instead of PLAINTEXT: a properties file with ssl.keystore.location,"
          + " ssl.keystore.password, ssl.truststore.location, ssl.truststore.password (PKCS #12), one scram.user.NAME.password per user,"
          + " super.users (names) and authorizer=true|false. It holds secrets: keep it readable by the broker's user only.")
  Path security;

  @Option(names = "--authorizer", description = "Run KRaft's StandardAuthorizer: whatever no ACL allows is refused (needs --security;"
      + " see `soundtag topics acls` for each role's ACLs).")
  boolean authorizer;

  @Override
  public Integer call() throws Exception {
    if (authorizer && security == null) {
      throw new IllegalArgumentException("--authorizer needs authenticated clients: give --security FILE too (on PLAINTEXT every client"
          + " is the same anonymous user)");
    }
    BrokerSecurity secured = security == null ? null : BrokerSecurity.load(security);
    if (secured != null && authorizer) {
      secured = secured.withAuthorizer(true);
    }
    Lifecycle lifecycle = new Lifecycle();
    EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dataDir, port, secured)).start();
    createTopics(kafka.adminConnection(), new TopicLayout(partitions, (short) 1));
    System.out.println("broker ready on " + kafka.bootstrapServers() + (secured == null ? "" : " (" + secured + ")")
        + " (data in " + kafka.dataDir() + "); Ctrl-C stops it");
    lifecycle.awaitShutdown();
    return 0;
  }

  /** Creates the missing topics on the plaintext brokers at {@code bootstrapServers} (the embedded broker's). */
  public static void createTopics(String bootstrapServers, TopicLayout layout) {
    createTopics(KafkaConnection.to(bootstrapServers), layout);
  }

  /** Creates the missing topics on the cluster of {@code kafka}. */
  public static void createTopics(KafkaConnection kafka, TopicLayout layout) {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      layout.ensure(admin);
    }
  }
}
