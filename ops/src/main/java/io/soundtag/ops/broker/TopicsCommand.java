package io.soundtag.ops.broker;

import io.soundtag.ops.cli.KafkaOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soundtag topics create}: soundtag's topics on a cluster of your own. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Manage soundtag's topics on a Kafka cluster.",
    subcommands = TopicsCommand.Create.class)
public final class TopicsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Creates whichever of soundtag's topics are missing, with the configurations they need. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create the topics soundtag uses that are missing (existing ones are left as they are): "
          + "the audio topics with --partitions, the compacted ones (labels, models, status, sensors) with their "
          + "cleanup policy and record sizes.")
  public static final class Create implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--partitions", defaultValue = "4",
        description = "Partitions of the audio topics: the most tagger stream threads that can share the work (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "3",
        description = "Replicas of every topic (default: ${DEFAULT-VALUE}; 1 on a single broker).")
    short replicationFactor;

    @Override
    public Integer call() {
      BrokerCommand.createTopics(kafka.connection(), new TopicLayout(partitions, replicationFactor));
      System.out.println("soundtag's topics are on " + kafka.bootstrapServers());
      return 0;
    }
  }
}
