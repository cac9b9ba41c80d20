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
    description = "Run an in-process Kafka broker (KRaft, broker+controller) on 127.0.0.1 and create soundtag's topics.")
public final class BrokerCommand implements Callable<Integer> {

  @Option(names = "--data-dir", defaultValue = "data/broker", description = "Log directory, kept across restarts (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the audio topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Override
  public Integer call() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dataDir, port)).start();
    createTopics(kafka.bootstrapServers(), new TopicLayout(partitions, (short) 1));
    System.out.println("broker ready on " + kafka.bootstrapServers() + " (data in " + kafka.dataDir() + "); Ctrl-C stops it");
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
