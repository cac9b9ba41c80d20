package io.soundtag.ops.label;

import static io.soundtag.ops.label.LabelBroker.ok;
import static io.soundtag.ops.label.LabelBroker.records;
import static io.soundtag.ops.label.LabelBroker.soundtag;
import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.dataset.HashSplit;
import io.soundtag.trainer.labels.ClipSummary;
import io.soundtag.trainer.labels.LabelTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code soundtag label add|import|delete|stats} on an embedded broker: clips land on the topic
 * with ids from their audio, importing again changes nothing, a tombstone deletes, stats count
 * what is there, and bad input is one line with nothing written.
 */
class LabelCommandsIT {

  private static final Pattern CLIP = Pattern.compile("clip ([0-9a-f]{64})");

  @TempDir
  static Path dir;

  static EmbeddedKafka broker;
  static String bootstrap;

  @BeforeAll
  static void start() {
    broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
    bootstrap = broker.bootstrapServers();
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static Path wav(Path file, int rate, double hz, double seconds) throws Exception {
    Files.createDirectories(file.getParent());
    float[] s = new float[(int) (rate * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.4 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    WavWriter.writePcm16(file, new MonoAudio(s, rate));
    return file;
  }

  private static String clipId(String out) {
    Matcher m = CLIP.matcher(out);
    assertThat(m.find()).as("a clip id in %s", out).isTrue();
    return m.group(1);
  }

  @Test
  void addImportReimportDeleteAndStats() throws Exception {
    String topic = "labels-cli";
    LabelBroker.createTopic(bootstrap, topic, 2, Map.of("cleanup.policy", "compact"));
    Path data = dir.resolve("set");
    wav(data.resolve("dog/d1.wav"), 16_000, 300, 0.5);
    wav(data.resolve("dog/d2.wav"), 22_050, 350, 0.5);
    wav(data.resolve("siren/s1.wav"), 44_100, 900, 0.5);
    Files.write(data.resolve("siren/broken.wav"), "not a wav file at all".getBytes());
    Path horn = wav(dir.resolve("horn.wav"), 32_000, 500, 0.25);

    String added = ok(bootstrap, "label", "add", horn.toString(), "--label", "car_horn", "--annotator", "ana",
        "--split", "gate", "--topic", topic).out();
    assertThat(added).contains("labels car_horn", "split gate", "by ana", "0.25 s at 32000 Hz");
    String hornId = clipId(added);
    assertThat(clipId(ok(bootstrap, "label", "add", horn.toString(), "--label", "car_horn", "--annotator", "ana",
        "--split", "gate", "--topic", topic).out())).as("the same audio is the same clip").isEqualTo(hornId);

    String imported = ok(bootstrap, "label", "import", data.toString(), "--format", "folder", "--annotator", "importer",
        "--topic", topic).out();
    assertThat(imported).contains("3 clips written to " + topic + ", 1 skipped").contains("broken.wav");

    KafkaConnection kafka = KafkaConnection.to(bootstrap);
    LabelTopic first = LabelTopic.read(kafka, topic);
    assertThat(first.clips()).hasSize(4);
    assertThat(first.clips().get(hornId).split()).isEqualTo(SplitHint.GATE);
    assertThat(first.clips().values()).extracting(ClipSummary::sampleRate).contains(16_000, 22_050, 44_100, 32_000);
    String stats = ok(bootstrap, "label", "stats", "--topic", topic).out();
    assertThat(stats).contains(topic + ": 4 clips (0 negative)")
        .containsPattern("dog\\s+2").containsPattern("siren\\s+1").containsPattern("car_horn\\s+1")
        .containsPattern("gate\\s+1").containsPattern("any\\s+3")
        .containsPattern("importer\\s+3").containsPattern("ana\\s+1")
        .containsPattern("dataset folder:set\\s+3").containsPattern("file\\s+1");

    ok(bootstrap, "label", "import", data.toString(), "--format", "folder", "--annotator", "importer", "--topic", topic);
    LabelTopic again = LabelTopic.read(kafka, topic);
    assertThat(again.clips().keySet()).isEqualTo(first.clips().keySet());
    assertThat(again.counts()).isEqualTo(first.counts());
    assertThat(ok(bootstrap, "label", "stats", "--topic", topic).out()).isEqualTo(stats);

    assertThat(ok(bootstrap, "label", "delete", hornId, "--topic", topic).out()).contains("deleted clip " + hornId + ": a tombstone");
    LabelTopic afterDelete = LabelTopic.read(kafka, topic);
    assertThat(afterDelete.clips()).hasSize(3).doesNotContainKey(hornId);
    assertThat(ok(bootstrap, "label", "stats", "--topic", topic).out()).contains("3 clips").doesNotContain("car_horn");
  }

  @Test
  void aDatasetImportedInTwoPartsIsTheWholeDatasetWithItsOwnSplit() throws Exception {
    Path data = dir.resolve("parts");
    for (int n = 0; n < 12; n++) {
      wav(data.resolve((n % 2 == 0 ? "dog" : "siren") + "/f" + n + ".wav"), 16_000, 200 + 10 * n, 0.2);
    }
    LabelBroker.createTopic(bootstrap, "labels-whole", 1, Map.of("cleanup.policy", "compact"));
    LabelBroker.createTopic(bootstrap, "labels-parts", 1, Map.of("cleanup.policy", "compact"));
    ok(bootstrap, "label", "import", data.toString(), "--format", "folder", "--topic", "labels-whole");
    String first = ok(bootstrap, "label", "import", data.toString(), "--format", "folder", "--part", "1/2",
        "--split", "dataset", "--topic", "labels-parts").out();
    KafkaConnection kafka = KafkaConnection.to(bootstrap);
    int half = LabelTopic.read(kafka, "labels-parts").clips().size();
    assertThat(first).contains("(part 1/2, " + half + " files): " + half + " clips written");
    ok(bootstrap, "label", "import", data.toString(), "--format", "folder", "--part", "2/2", "--split", "dataset",
        "--topic", "labels-parts");

    LabelTopic whole = LabelTopic.read(kafka, "labels-whole");
    LabelTopic parts = LabelTopic.read(kafka, "labels-parts");
    assertThat(half).isBetween(1, 11);
    assertThat(parts.clips().keySet()).isEqualTo(whole.clips().keySet()).hasSize(12);
    // The folder layout's own split is a 10 % / 10 % hash split of the file names; its test part is the gate.
    int gate = 0;
    for (int n = 0; n < 12; n++) {
      gate += HashSplit.bucketOf("f" + n + ".wav") < 10 ? 1 : 0;
    }
    assertThat(parts.counts().perSplit()).isEqualTo(gate == 0 ? Map.of("train", 12) : Map.of("gate", gate, "train", 12 - gate));
    expectOneLine(soundtag(bootstrap, "label", "import", data.toString(), "--format", "folder", "--part", "3/2",
        "--topic", "labels-parts"), "is not a part");
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws Exception {
    String topic = "labels-small";
    // Room for a quarter second of 16 kHz audio, not for a whole second.
    LabelBroker.createTopic(bootstrap, topic, 1, Map.of("cleanup.policy", "compact", "max.message.bytes", "20000"));
    Path second = wav(dir.resolve("second.wav"), 16_000, 440, 1.0);
    Path junk = dir.resolve("junk.wav");
    Files.write(junk, new byte[100]);

    expectOneLine(soundtag(bootstrap, "label", "add", second.toString(), "--label", "x", "--split", "test", "--topic", topic),
        "unknown split 'test'; use train");
    expectOneLine(soundtag(bootstrap, "label", "add", second.toString(), "--topic", topic), "no label given");
    expectOneLine(soundtag(bootstrap, "label", "add", junk.toString(), "--label", "x", "--topic", topic),
        "cannot read " + junk);
    expectOneLine(soundtag(bootstrap, "label", "add", second.toString(), "--label", "x", "--topic", topic),
        "over " + topic + "'s max.message.bytes of 20000; cut it to at most");
    expectOneLine(soundtag(bootstrap, "label", "delete", "nope", "--topic", topic), "is not a clip id");
    expectOneLine(soundtag(bootstrap, "label", "add", second.toString(), "--label", "x", "--topic", "no-such-topic"),
        "topic no-such-topic does not exist");
    assertThat(records(bootstrap, topic)).isZero();

    Path small = wav(dir.resolve("small.wav"), 16_000, 440, 0.25);
    ok(bootstrap, "label", "add", small.toString(), "--negative", "--topic", topic);
    assertThat(records(bootstrap, topic)).isEqualTo(1);
  }

  private static void expectOneLine(LabelBroker.Run run, String expected) {
    assertThat(run.exitCode()).as("exit code; out %s", run.out()).isEqualTo(1);
    assertThat(run.err().strip()).contains(expected).doesNotContain("\n").doesNotContain("Exception");
  }
}
