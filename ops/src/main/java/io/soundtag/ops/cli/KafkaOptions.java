package io.soundtag.ops.cli;

import io.soundtag.schemas.topic.ClusterAccess;
import io.soundtag.schemas.topic.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers} and {@code --kafka-config}, shared by every command that talks to Kafka. */
public final class KafkaOptions {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]", defaultValue = "127.0.0.1:9092",
      description = "Kafka brokers to use (default: ${DEFAULT-VALUE}, the port `soundtag broker` listens on).")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Kafka client properties (security.protocol, ssl.*, sasl.*, …) for every client of this command; "
          + "default: the file named by $" + KafkaConnection.CONFIG_ENV + ", else none. Secrets are never logged.")
  Path kafkaConfig;

  public String bootstrapServers() {
    return bootstrapServers;
  }

  private KafkaConnection loaded;
  private KafkaConnection connection;

  /**
   * The connection these options describe, with the client properties of {@code --kafka-config} or
   * its environment variable, {@link ClusterAccess#check checked} once: a wrong password, an
   * untrusted certificate or a protocol the brokers do not speak fails here, in one line.
   */
  public synchronized KafkaConnection connection() {
    if (connection == null) {
      loaded = KafkaConnection.load(bootstrapServers, configFile(kafkaConfig, System.getenv(KafkaConnection.CONFIG_ENV)));
      ClusterAccess.check(loaded, ClusterAccess.CHECK_TIMEOUT);
      connection = loaded;
    }
    return connection;
  }

  /** The client properties file: {@code flag} ({@code --kafka-config}) if given, else the one {@code env} names, else none. */
  static Path configFile(Path flag, String env) {
    if (flag != null) {
      return flag;
    }
    return env == null || env.isBlank() ? null : Path.of(env);
  }

  /** The connection {@link #connection()} loaded (checked or not), or null when none was loaded yet. */
  synchronized KafkaConnection made() {
    return loaded;
  }
}
