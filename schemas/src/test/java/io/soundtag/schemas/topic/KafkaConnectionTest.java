package io.soundtag.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

  @TempDir
  Path dir;

  @Test
  void fileSettingsSitUnderTheClientsOwnAndTheBrokersOverAll() throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, """
        security.protocol=SASL_SSL
        sasl.mechanism=SCRAM-SHA-512
        sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="s3cret";
        group.id=from-the-file
        bootstrap.servers=elsewhere:1
        """);
    KafkaConnection kafka = KafkaConnection.load("kafka1:9093", file);

    Properties p = kafka.clientProperties(Map.of("group.id", "tail"));

    assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("group.id", "tail")
        .containsEntry("bootstrap.servers", "kafka1:9093");
    assertThat(kafka.toString()).contains("SASL_SSL").doesNotContain("s3cret");
  }

  @Test
  void anUnreadableFileSaysWhichAndWhatToDo() {
    assertThatThrownBy(() -> KafkaConnection.load("k:1", dir.resolve("missing.properties")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.properties").hasMessageContaining("--kafka-config");
  }

  @Test
  void noFileIsAPlainConnection() {
    assertThat(KafkaConnection.load("k:1", null).clientProperties()).containsOnly(Map.entry("bootstrap.servers", "k:1"));
  }
}
