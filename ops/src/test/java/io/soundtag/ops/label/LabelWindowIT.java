package io.soundtag.ops.label;

import static io.soundtag.ops.label.LabelBroker.ok;
import static io.soundtag.ops.label.LabelBroker.soundtag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavReader;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.archive.ArchivedAudio;
import io.soundtag.trainer.archive.ChunkArchive;
import io.soundtag.trainer.archive.Gap;
import io.soundtag.trainer.labels.CachedClip;
import io.soundtag.trainer.labels.LabelCache;
import io.soundtag.trainer.labels.LabelSnapshot;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sensor heard, read back by capture time: {@code soundtag label window} on chunks that
 * {@code soundtag ingest file} sent returns exactly the file's samples of the span; a span past
 * the end is padded with silence and says so; a span with no audio is a one-line error; and the
 * archive reports a chunk it could not decode as a gap of exactly that chunk, reading one sensor
 * or all of them.
 */
class LabelWindowIT {

  @TempDir
  static Path dir;

  static EmbeddedKafka broker;
  static String bootstrap;

  @BeforeAll
  static void start() throws Exception {
    broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
    bootstrap = broker.bootstrapServers();
    LabelBroker.createTopic(bootstrap, "audio.chunks", 3, Map.of());
    LabelBroker.createTopic(bootstrap, "labels-window", 1, Map.of("cleanup.policy", "compact"));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void aWindowOfWhatASensorSentBecomesAClipOfExactlyThoseSamples() throws Exception {
    Path wav = dir.resolve("street.wav");
    float[] s = new float[24_000];
    for (int i = 0; i < s.length; i++) {
      double t = i / 8000.0;
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * (200 + 300 * t) * t));
    }
    WavWriter.writePcm16(wav, new MonoAudio(s, 8000));
    float[] file = WavReader.read(wav).samples();
    ok(bootstrap, "ingest", "file", wav.toString(), "--sensor-id", "mic-7", "--connect-timeout-ms", "10000");
    long t0 = SentChunks.firstCaptureMicros(bootstrap, "mic-7");

    String out = ok(bootstrap, "label", "window", "--sensor", "mic-7", "--from", instant(t0 + 300_000),
        "--to", instant(t0 + 1_300_000), "--label", "siren", "--annotator", "ana", "--topic", "labels-window").out();
    assertThat(out).contains("1.00 s at 8000 Hz, labels siren").doesNotContain("note:");

    String padded = ok(bootstrap, "label", "window", "--sensor", "mic-7", "--from", instant(t0 + 2_500_000),
        "--to", instant(t0 + 3_500_000), "--negative", "--topic", "labels-window").out();
    assertThat(padded).contains("note: 0.50 s of the 1.00 s span had no audio from mic-7").contains("negative");

    LabelBroker.Run none = soundtag(bootstrap, "label", "window", "--sensor", "mic-7", "--from", instant(t0 - 3_600_000_000L),
        "--to", instant(t0 - 3_590_000_000L), "--label", "siren", "--topic", "labels-window");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err().strip()).contains("sensor mic-7 sent no audio between").doesNotContain("\n");
    LabelBroker.Run unknown = soundtag(bootstrap, "label", "window", "--sensor", "mic-404", "--from", instant(t0),
        "--to", instant(t0 + 1_000_000), "--label", "siren", "--topic", "labels-window");
    assertThat(unknown.err()).contains("sensor mic-404 sent no audio");

    LabelSnapshot snapshot;
    try (LabelCache cache = LabelCache.open(dir.resolve("cache"), KafkaConnection.to(bootstrap), "labels-window")) {
      snapshot = cache.refresh();
    }
    assertThat(snapshot.size()).isEqualTo(2);
    CachedClip siren = snapshot.clips().stream().filter(c -> !c.negative()).findFirst().orElseThrow();
    assertThat(siren.audio(8000).samples()).containsExactly(Arrays.copyOfRange(file, 2400, 10_400));
    LabelledClip clip = siren.clip();
    assertThat(clip.getOriginSensorId()).isEqualTo("mic-7");
    assertThat(clip.getOriginStartMicros()).isEqualTo(t0 + 300_000);
    assertThat(clip.getOriginEndMicros()).isEqualTo(t0 + 1_300_000);
    CachedClip negative = snapshot.clips().stream().filter(CachedClip::negative).findFirst().orElseThrow();
    float[] tail = negative.audio(8000).samples();
    assertThat(Arrays.copyOfRange(tail, 0, 4000)).containsExactly(Arrays.copyOfRange(file, 20_000, 24_000));
    assertThat(Arrays.copyOfRange(tail, 4000, 8000)).containsOnly(0f);
  }

  @Test
  void anUndecodableChunkIsAGapOfExactlyItsLength() throws Exception {
    long t0 = (System.currentTimeMillis() - 5_000) * 1000;
    float[] all = new float[16_000];
    try (KafkaProducer<String, AudioChunk> producer = new KafkaProducer<>(props(), new StringSerializer(),
        ContractSerdes.audioChunk().serializer())) {
      for (int seq = 0; seq < 10; seq++) {
        float[] samples = new float[1600];
        for (int i = 0; i < samples.length; i++) {
          samples[i] = (seq + 1) / 20f + i / 32_768f;
        }
        ByteBuffer payload = ChunkPayload.encode(samples, samples.length, SampleEncoding.PCM16LE);
        if (seq == 4) {
          payload = ByteBuffer.wrap(new byte[3]);
        } else {
          System.arraycopy(ChunkPayload.decodeMono(chunk("gap-1", seq, t0, payload)), 0, all, seq * 1600, 1600);
        }
        producer.send(new ProducerRecord<>("audio.chunks", "gap-1", chunk("gap-1", seq, t0 + seq * 100_000L, payload)));
      }
      ByteBuffer fast = ChunkPayload.encode(new float[9600], 9600, SampleEncoding.PCM16LE);
      producer.send(new ProducerRecord<>("audio.chunks", "hi-rate", AudioChunk.newBuilder(chunk("hi-rate", 0, t0, fast))
          .setSampleRate(96_000).build()));
      producer.flush();
    }
    Instant from = Instant.ofEpochSecond(0, t0 * 1000);
    try (ChunkArchive archive = ChunkArchive.open(KafkaConnection.to(bootstrap))) {
      ArchivedAudio heard = archive.read("gap-1", from, from.plusSeconds(1)).orElseThrow();
      assertThat(heard.audio().sampleRate()).isEqualTo(16_000);
      assertThat(heard.chunks()).isEqualTo(9);
      assertThat(heard.rejected()).isEqualTo(1);
      assertThat(heard.gaps()).containsExactly(new Gap(t0 + 400_000, t0 + 500_000));
      assertThat(heard.coveredSeconds()).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(heard.audio().samples()).containsExactly(all);

      ArchivedAudio everyone = archive.readAll(from, from.plusSeconds(1), 100).stream()
          .filter(a -> a.sensorId().equals("gap-1")).findFirst().orElseThrow();
      assertThat(everyone.audio().samples()).containsExactly(all);
      assertThat(everyone.gaps()).isEqualTo(heard.gaps());
      assertThat(everyone.rejected()).isEqualTo(1);
      assertThat(archive.readAll(from, from.plusSeconds(1), 0)).isEmpty();

      ArchivedAudio middle = archive.read("gap-1", from.plusMillis(250), from.plusMillis(350)).orElseThrow();
      assertThat(middle.audio().samples()).containsExactly(Arrays.copyOfRange(all, 4000, 5600));
      assertThat(middle.gaps()).isEmpty();

      assertThatThrownBy(() -> archive.read("gap-1", from, from.plus(Duration.ofMinutes(11))))
          .hasMessageContaining("longer than 10 minutes");
      assertThatThrownBy(() -> archive.read("hi-rate", from, from.plus(Duration.ofMinutes(10))))
          .hasMessageContaining("samples at 96000 Hz, more than").hasMessageContaining("read a shorter span");
      assertThat(archive.read("hi-rate", from, from.plusSeconds(1)).orElseThrow().coveredSeconds())
          .isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  private static AudioChunk chunk(String sensor, long seq, long startMicros, ByteBuffer payload) {
    return AudioChunk.newBuilder().setSensorId(sensor).setSequence(seq).setCaptureStartMicros(startMicros)
        .setSampleRate(16_000).setChannels(1).setEncoding(SampleEncoding.PCM16LE).setPayload(payload).build();
  }

  private static String instant(long micros) {
    return Instant.ofEpochSecond(0, micros * 1000).toString();
  }

  private static Properties props() {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    return p;
  }
}
