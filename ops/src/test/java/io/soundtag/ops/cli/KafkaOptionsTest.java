package io.soundtag.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KafkaOptionsTest {

  @Test
  void theClientPropertiesComeFromTheFlagElseFromTheEnvironment() {
    Path flag = Path.of("/etc/soundtag/tagger.properties");
    Path env = Path.of("/etc/soundtag/kafka.properties");

    assertThat(KafkaOptions.configFile(flag, env.toString())).as("--kafka-config wins").isEqualTo(flag);
    assertThat(KafkaOptions.configFile(null, env.toString())).as("$SOUNDTAG_KAFKA_CONFIG without the flag").isEqualTo(env);
    assertThat(KafkaOptions.configFile(null, " ")).as("a blank variable names no file").isNull();
    assertThat(KafkaOptions.configFile(null, null)).isNull();
  }
}
