package io.soundtag.ops.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.ops.cli.SoundtagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the label ITs share: topics on an embedded broker, running {@code soundtag} and reading what it printed. */
final class LabelBroker {

  /** One run of the command line. */
  record Run(int exitCode, String out, String err) {}

  private LabelBroker() {}

  static void createTopic(String bootstrap, String name, int partitions, Map<String, String> configs) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
    }
  }

  static Run soundtag(String bootstrap, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--bootstrap-servers", bootstrap));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SoundtagCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  static Run ok(String bootstrap, String... args) {
    Run run = soundtag(bootstrap, args);
    assertThat(run.exitCode()).as("exit code of %s; stderr: %s", List.of(args), run.err()).isZero();
    return run;
  }

  /** Records in the topic, all partitions. */
  static long records(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      return c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
