package io.soundtag.tagger.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.TinyModel;
import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.tagger.scoring.BatchPolicy;
import java.nio.ByteBuffer;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input goes to the dead-letter topic with its reason and original bytes; the stream goes on. */
class DeadLetterTopologyTest {

  private static TaggerDriver t;
  private static long sequence;

  @BeforeAll
  static void start() {
    t = new TaggerDriver(TinyModel.serving("v1"), new BatchPolicy(8, 20));
  }

  @AfterAll
  static void stop() {
    t.close();
  }

  /** A good 0.5 s chunk of sensor "good", then checks the stream still tags it. */
  private static void streamGoesOn() {
    long seq = sequence++;
    t.send(TaggerDriver.chunk("good", seq, TaggerDriver.T0 + seq * 500_000, TinyModel.RATE, noise(4000, seq)));
    t.flush();
    List<TagEvent> tags = t.allTags();
    assertThat(tags).isNotEmpty().allSatisfy(e -> assertThat(e.getSensorId()).isEqualTo("good"));
  }

  private static float[] noise(int n, long seed) {
    java.util.Random r = new java.util.Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (0.1 * r.nextGaussian());
    }
    return v;
  }

  private static DeadLetter rejected(String key, byte[] value, String reason) {
    double before = t.metrics.deadLetters.labelValues(reason).get();
    t.send(key, value);
    DeadLetter d = t.deadLetters.readValue();
    assertThat(d.getReasonCode()).isEqualTo(reason);
    assertThat(d.getMessage()).isNotBlank();
    assertThat(d.getTopic()).isEqualTo(Topics.AUDIO_CHUNKS);
    assertThat(d.getOriginalValue() == null ? null : Bytes.wrap(bytes(d.getOriginalValue()))).isEqualTo(
        value == null ? null : Bytes.wrap(value));
    assertThat(t.metrics.deadLetters.labelValues(reason).get()).isEqualTo(before + 1);
    assertThat(t.deadLetters.isEmpty()).isTrue();
    streamGoesOn();
    return d;
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] encode(AudioChunk c) {
    return ContractSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, c);
  }

  private static AudioChunk.Builder valid(String sensor) {
    return AudioChunk.newBuilder(TaggerDriver.chunk(sensor, 0, TaggerDriver.T0, TinyModel.RATE, new float[800]));
  }

  @Test
  void undecodableBytes() {
    rejected("x", "not avro at all".getBytes(), "UNDECODABLE");
    byte[] truncated = encode(valid("x").build());
    rejected("x", Arrays.copyOf(truncated, 20), "UNDECODABLE");
  }

  @Test
  void unknownSchemaFingerprint() {
    byte[] b = encode(valid("x").build());
    for (int i = 2; i < 10; i++) {
      b[i] = (byte) 0x5a;
    }
    rejected("x", b, "UNKNOWN_SCHEMA");
  }

  @Test
  void anotherRecordTypeOnTheAudioTopic() {
    byte[] tag = ContractSerdes.tagEvent().serializer().serialize("t", TagEvent.newBuilder().setSensorId("x")
        .setWindowStartMicros(0).setWindowEndMicros(1).setModelVersion("m").setTags(List.of()).build());
    rejected("x", tag, "WRONG_RECORD");
  }

  @Test
  void nonFiniteSamples() {
    float[] samples = new float[800];
    samples[17] = Float.NaN;
    rejected("x", encode(TaggerDriver.chunk("x", 0, TaggerDriver.T0, TinyModel.RATE, samples)), "NON_FINITE_SAMPLES");
    samples[17] = Float.POSITIVE_INFINITY;
    rejected("x", encode(TaggerDriver.chunk("x", 0, TaggerDriver.T0, TinyModel.RATE, samples)), "NON_FINITE_SAMPLES");
  }

  @Test
  void sampleRatesOfZeroAndTenMegahertz() {
    rejected("x", encode(valid("x").setSampleRate(0).build()), "BAD_SAMPLE_RATE");
    rejected("x", encode(valid("x").setSampleRate(10_000_000).build()), "BAD_SAMPLE_RATE");
  }

  @Test
  void badChannelCounts() {
    rejected("x", encode(valid("x").setChannels(0).build()), "BAD_CHANNELS");
  }

  @Test
  void emptyOversizedAndTruncatedPayloads() {
    rejected("x", encode(valid("x").setPayload(ByteBuffer.allocate(0)).build()), "EMPTY_PAYLOAD");
    rejected("x", encode(valid("x").setPayload(ByteBuffer.allocate(ChunkPayload.MAX_PAYLOAD_BYTES + 4)).build()),
        "OVERSIZED_PAYLOAD");
    rejected("x", encode(valid("x").setPayload(ByteBuffer.allocate(61 * 8000 * 2)).setEncoding(SampleEncoding.PCM16LE)
        .build()), "OVERSIZED_PAYLOAD");
    rejected("x", encode(valid("x").setPayload(ByteBuffer.allocate(7)).build()), "TRUNCATED_PAYLOAD");
  }

  @Test
  void missingOrMismatchedKeys() {
    rejected(null, encode(valid("x").build()), "BAD_SENSOR_ID");
    rejected("y", encode(valid("x").build()), "BAD_SENSOR_ID");
  }

  @Test
  void decreasingTimestamps() {
    t.send(TaggerDriver.chunk("back", 0, TaggerDriver.T0 + 1_000_000, TinyModel.RATE, new float[800]));
    DeadLetter d = rejected("back", encode(TaggerDriver.chunk("back", 1, TaggerDriver.T0, TinyModel.RATE, new float[800])),
        "DECREASING_TIMESTAMP");
    assertThat(d.getOriginalKey()).isNotNull();
  }

  @Test
  void anEmptyRecordValue() {
    rejected("x", new byte[0], "UNDECODABLE");
  }

}
