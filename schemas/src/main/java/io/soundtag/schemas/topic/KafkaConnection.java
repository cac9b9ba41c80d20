package io.soundtag.schemas.topic;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach a Kafka cluster: its brokers and the standard client properties
 * ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}, …) every client of soundtag starts from.
 *
 * <pre>{@code
 * KafkaConnection kafka = KafkaConnection.load("kafka1:9093", Path.of("client.properties"));
 * Properties p = kafka.clientProperties(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "tail"));
 * }</pre>
 *
 * <p>A client's own settings are laid over the connection's properties, and the brokers over both,
 * so a security file can never change what a client does, only how it connects. {@link #toString()}
 * never shows a secret.
 *
 * @param bootstrapServers the brokers, {@code host:port[,host:port…]}
 * @param properties client properties from the operator's configuration file (may be empty)
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {

  /** The environment variable naming a client properties file, read when {@code --kafka-config} is not given. */
  public static final String CONFIG_ENV = "SOUNDTAG_KAFKA_CONFIG";

  public KafkaConnection {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are required, e.g. 127.0.0.1:9092");
    }
    properties = Map.copyOf(properties == null ? Map.of() : properties);
  }

  /** A plaintext connection to {@code bootstrapServers} with no other properties. */
  public static KafkaConnection to(String bootstrapServers) {
    return new KafkaConnection(bootstrapServers, Map.of());
  }

  /**
   * The connection to {@code bootstrapServers} with the client properties of {@code configFile}
   * (Java properties format); {@code null} means none.
   *
   * @throws IllegalArgumentException when the file cannot be read, saying which and why
   */
  public static KafkaConnection load(String bootstrapServers, Path configFile) {
    if (configFile == null) {
      return to(bootstrapServers);
    }
    Properties file = new Properties();
    try (Reader in = Files.newBufferedReader(configFile)) {
      file.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the Kafka client configuration " + configFile + ": " + e.getMessage()
          + " (give a readable Java properties file with --kafka-config or " + CONFIG_ENV + ")", e);
    }
    Map<String, String> props = new TreeMap<>();
    file.stringPropertyNames().forEach(name -> props.put(name, file.getProperty(name).trim()));
    props.remove("bootstrap.servers");
    return new KafkaConnection(bootstrapServers, props);
  }

  /**
   * Properties for one client: this connection's properties, then {@code ownSettings} over them,
   * then {@code bootstrap.servers}.
   */
  public Properties clientProperties(Map<String, ?> ownSettings) {
    Properties p = new Properties();
    p.putAll(properties);
    p.putAll(ownSettings);
    p.put("bootstrap.servers", bootstrapServers);
    return p;
  }

  /** As {@link #clientProperties(Map)} with no settings of the client's own. */
  public Properties clientProperties() {
    return clientProperties(Map.of());
  }

  /** Whether a property holds a secret (a password, a key or a JAAS configuration) and must not be shown. */
  public static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("password") || n.contains("jaas") || n.endsWith(".key") || n.contains("secret") || n.contains("token");
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
    return "KafkaConnection[" + bootstrapServers + (shown.isEmpty() ? "" : ", " + shown) + "]";
  }
}
