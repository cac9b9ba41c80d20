package io.soundtag.ops.broker;

import io.soundtag.ops.cli.KafkaOptions;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soundtag topics create} and {@code soundtag topics acls}: soundtag's topics and ACLs on a cluster of your own. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Manage soundtag's topics on a Kafka cluster.",
    subcommands = {TopicsCommand.Create.class, TopicsCommand.Acls.class})
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

  /** Prints, or creates, the ACLs one role of soundtag needs and nothing more. */
  @Command(name = "acls", mixinStandardHelpOptions = true,
      description = {"The ACLs a role needs on a cluster with an authorizer (e.g. KRaft's StandardAuthorizer), as kafka-acls.sh lines;"
          + " with --apply, created through --kafka-config's principal (one allowed to alter ACLs).",
          "Roles: ingest (writes chunks), tagger (reads chunks, models, sensors; writes tags, events, levels, DLQ, status, its internal"
              + " topics, in transactions), sidecar (reads labels, chunks, status, models; writes its deployment's models),"
              + " dashboard (reads what it shows and labels, writes labels; also soundtag tail)."})
  public static final class Acls implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--role", required = true, paramLabel = "ingest|tagger|sidecar|dashboard", description = "The role.")
    String role;

    @Option(names = "--principal", required = true, paramLabel = "User:NAME", description = "The principal it runs as.")
    String principal;

    @Option(names = "--application-id", defaultValue = "soundtag-tagger",
        description = "The taggers' application id (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--deployment", defaultValue = "urban-sounds",
        description = "The deployment a sidecar publishes (default: ${DEFAULT-VALUE}).")
    String deployment;

    @Option(names = "--apply", description = "Create the ACLs instead of printing them.")
    boolean apply;

    @Override
    public Integer call() {
      RoleAcls.Role r;
      try {
        r = RoleAcls.Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--role is ingest, tagger, sidecar or dashboard, got '" + role + "'", e);
      }
      RoleAcls acls = new RoleAcls(r, principal, applicationId, deployment);
      if (!apply) {
        acls.commandLines(kafka.bootstrapServers()).forEach(System.out::println);
        return 0;
      }
      try (Admin admin = Admin.create(kafka.connection().clientProperties())) {
        acls.create(admin);
      }
      System.out.println("created " + acls.bindings().size() + " ACLs for " + principal + " (" + role + ")");
      return 0;
    }
  }
}
