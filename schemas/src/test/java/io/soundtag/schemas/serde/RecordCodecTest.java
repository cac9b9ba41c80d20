package io.soundtag.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.LabelledClip;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.TagEvent;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  private static AudioChunk chunk() {
    return AudioChunk.newBuilder()
        .setSensorId("sensor-7")
        .setSequence(42)
        .setCaptureStartMicros(1_700_000_000_000_000L)
        .setSampleRate(32_000)
        .setChannels(1)
        .setEncoding(SampleEncoding.PCM16LE)
        .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
        .build();
  }

  @Test
  void roundTripsEveryFieldWithTheFingerprintHeader() {
    byte[] bytes = Contracts.AUDIO_CHUNK.encode(chunk());

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(ContractSchemaStore.fingerprint(AudioChunk.getClassSchema()));
    assertThat(Contracts.AUDIO_CHUNK.decode(bytes)).isEqualTo(chunk());
  }

  @Test
  void kafkaSerdeRoundTrips() {
    var serde = ContractSerdes.audioChunk();
    byte[] bytes = serde.serializer().serialize("audio.chunks", chunk());
    assertThat(serde.deserializer().deserialize("audio.chunks", bytes)).isEqualTo(chunk());
  }

  @Test
  void aTagEventWrittenWithVersion1IsReadByTheCurrentSchema() throws Exception {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/io/soundtag/schemas/history/TagEvent.v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    assertThat(ContractSchemaStore.fingerprint(v1))
        .isNotEqualTo(ContractSchemaStore.fingerprint(TagEvent.getClassSchema()));

    GenericRecord score = new GenericData.Record(v1.getField("tags").schema().getElementType());
    score.put("label", "siren");
    score.put("score", 0.9f);
    GenericRecord old = new GenericData.Record(v1);
    old.put("sensorId", "s1");
    old.put("windowStartMicros", 10L);
    old.put("windowEndMicros", 1_000_010L);
    old.put("modelVersion", "m-1");
    old.put("tags", List.of(score));
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = Arrays.copyOfRange(written.array(), written.position(), written.limit());

    TagEvent read = Contracts.TAG_EVENT.decode(bytes);

    assertThat(read.getSensorId()).isEqualTo("s1");
    assertThat(read.getTags()).containsExactly(new LabelScore("siren", 0.9f));
    assertThat(read.getTopK()).isEmpty();
    assertThat(read.getLaeqDb()).isNull();
    assertThat(read.getProcessingMillis()).isNull();
  }

  @Test
  void aTagEventWrittenWithVersion2ReadsAsDbfs() throws Exception {
    Schema v2 = history("TagEvent.v2.avsc");
    GenericRecord old = new GenericData.Record(v2);
    old.put("sensorId", "s1");
    old.put("windowStartMicros", 10L);
    old.put("windowEndMicros", 1_000_010L);
    old.put("modelVersion", "m-1");
    old.put("tags", List.of());
    old.put("topK", List.of());
    old.put("laeqDb", -23.5);
    old.put("processingMillis", 4.0);
    TagEvent read = Contracts.TAG_EVENT.decode(encode(v2, old));
    assertThat(read.getLaeqDb()).isEqualTo(-23.5);
    assertThat(read.getLaeqUnit()).isNull();
  }

  @Test
  void aSoundEventWrittenWithVersion1ReadsWithoutLevels() throws Exception {
    Schema v1 = history("SoundEvent.v1.avsc");
    GenericRecord old = new GenericData.Record(v1);
    old.put("sensorId", "s1");
    old.put("label", "siren");
    old.put("onsetMicros", 10L);
    old.put("offsetMicros", 3_000_010L);
    old.put("peakScore", 0.9f);
    old.put("modelVersion", "urban-sounds:7");
    SoundEvent read = Contracts.SOUND_EVENT.decode(encode(v1, old));
    assertThat(read.getLabel()).isEqualTo("siren");
    assertThat(read.getOffsetMicros()).isEqualTo(3_000_010L);
    assertThat(read.getUnit()).isNull();
    assertThat(read.getLaeqDb()).isNull();
    assertThat(read.getLafmaxDb()).isNull();
    assertThat(read.getLcpeakDb()).isNull();
    assertThat(read.getLaeDb()).isNull();
    assertThat(read.getCalibrationDb()).isNull();
    assertThat(read.getCalibrationStale()).isFalse();
    assertThat(read.getThirdOctave()).isNull();
  }

  @Test
  void aTagEventWrittenWithVersion3HasNoCoarseTags() throws Exception {
    Schema v3 = history("TagEvent.v3.avsc");
    GenericRecord score = new GenericData.Record(v3.getField("tags").schema().getElementType());
    score.put("label", "gunshot");
    score.put("score", 0.97f);
    GenericRecord old = new GenericData.Record(v3);
    old.put("sensorId", "s1");
    old.put("windowStartMicros", 10L);
    old.put("windowEndMicros", 1_000_010L);
    old.put("modelVersion", "m-1");
    old.put("tags", List.of(score));
    old.put("topK", List.of(score));
    old.put("laeqDb", -23.5);
    old.put("processingMillis", 4.0);
    old.put("laeqUnit", "dB");
    TagEvent read = Contracts.TAG_EVENT.decode(encode(v3, old));
    assertThat(read.getTags()).containsExactly(new LabelScore("gunshot", 0.97f));
    assertThat(read.getLaeqUnit()).isEqualTo("dB");
    assertThat(read.getCoarseTags()).isEmpty();
  }

  @Test
  void aLabelledClipWrittenWithVersion2ReadsWithoutPredictedLabels() throws Exception {
    Schema v2 = history("LabelledClip.v2.avsc");
    assertThat(v2.getField("originPredicted")).isNull();
    GenericRecord old = new GenericData.Record(v2);
    old.put("clipId", "abc");
    old.put("sampleRate", 16_000);
    old.put("pcm16le", ByteBuffer.wrap(new byte[] {1, 0}));
    old.put("labels", List.of());
    old.put("negative", true);
    old.put("annotator", "ana");
    old.put("originSensorId", "s-3");
    old.put("originStartMicros", 1_000_000L);
    old.put("originEndMicros", 2_000_000L);
    old.put("originModelId", "urban:1");
    old.put("originDataset", null);
    old.put("originFile", null);
    old.put("splitHint", new GenericData.EnumSymbol(v2.getField("splitHint").schema(), "ANY"));
    old.put("createdAtMillis", 7L);
    LabelledClip read = Contracts.LABELLED_CLIP.decode(encode(v2, old));
    assertThat(read.getNegative()).isTrue();
    assertThat(read.getOriginModelId()).isEqualTo("urban:1");
    assertThat(read.getCreatedAtMillis()).isEqualTo(7L);
    assertThat(read.getOriginPredicted()).isNull();
  }

  private Schema history(String file) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/io/soundtag/schemas/history/" + file)) {
      return new Schema.Parser().parse(in);
    }
  }

  private static byte[] encode(Schema schema, GenericRecord record) throws Exception {
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
    return Arrays.copyOfRange(written.array(), written.position(), written.limit());
  }

  @Test
  void aLabelledClipWrittenWithVersion1IsReadByTheCurrentSchema() throws Exception {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/io/soundtag/schemas/history/LabelledClip.v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    Schema splitV1 = v1.getField("splitHint").schema();
    GenericRecord old = new GenericData.Record(v1);
    old.put("clipId", "abc");
    old.put("sampleRate", 16_000);
    old.put("pcm16le", ByteBuffer.wrap(new byte[] {1, 0, 2, 0}));
    old.put("labels", List.of("siren"));
    old.put("annotator", "ana");
    old.put("originSensorId", "s-3");
    old.put("originCaptureMicros", 1_000_000L);
    old.put("originDataset", null);
    old.put("originFile", null);
    old.put("splitHint", new GenericData.EnumSymbol(splitV1, "TEST"));
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = Arrays.copyOfRange(written.array(), written.position(), written.limit());

    LabelledClip read = Contracts.LABELLED_CLIP.decode(bytes);

    assertThat(read.getLabels()).containsExactly("siren");
    assertThat(read.getNegative()).isFalse();
    assertThat(read.getOriginStartMicros()).as("renamed field, read through its alias").isEqualTo(1_000_000L);
    assertThat(read.getOriginEndMicros()).isNull();
    assertThat(read.getOriginModelId()).isNull();
    assertThat(read.getSplitHint()).as("a v1 symbol this version dropped").isEqualTo(SplitHint.ANY);
    assertThat(read.getCreatedAtMillis()).isZero();
  }

  @Test
  void aModelReleaseWrittenWithVersion1IsReadWithItsLineageDefaulted() throws Exception {
    Schema v1;
    try (InputStream in = getClass().getResourceAsStream("/io/soundtag/schemas/history/ModelRelease.v1.avsc")) {
      v1 = new Schema.Parser().parse(in);
    }
    GenericRecord old = new GenericData.Record(v1);
    old.put("modelName", "urban-sounds");
    old.put("version", "20261121T101500");
    old.put("parentVersion", null);
    old.put("bundle", ByteBuffer.wrap(new byte[] {1, 2}));
    old.put("sha256", "00");
    old.put("featureConfigJson", "{}");
    old.put("classes", List.of("siren"));
    old.put("gateMetrics", Map.of("accuracy", 0.9));
    old.put("createdAtMillis", 5L);
    old.put("recipe", "train");
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);
    byte[] bytes = Arrays.copyOfRange(written.array(), written.position(), written.limit());

    ModelRelease read = Contracts.MODEL_RELEASE.decode(bytes);

    assertThat(read.getModelName()).isEqualTo("urban-sounds");
    assertThat(read.getGateMetrics()).containsEntry("accuracy", 0.9);
    assertThat(read.getDeployment()).isNull();
    assertThat(read.getRelease()).isZero();
    assertThat(read.getParentRelease()).isNull();
    assertThat(read.getDecision()).isEqualTo(io.soundtag.schemas.ReleaseDecision.PUBLISHED);
    assertThat(read.getLabelSnapshot()).isNull();
    assertThat(read.getClassesChanged()).isFalse();
    assertThat(read.getCreatedBy()).isEmpty();
  }

  @Test
  void aModelReleaseWrittenWithVersion2IsReadAsUnsigned() throws Exception {
    Schema v2;
    try (InputStream in = getClass().getResourceAsStream("/io/soundtag/schemas/history/ModelRelease.v2.avsc")) {
      v2 = new Schema.Parser().parse(in);
    }
    assertThat(v2.getField("signature")).isNull();
    GenericRecord old = new GenericData.Record(v2);
    old.put("modelName", "urban-sounds");
    old.put("version", "20261121T101500");
    old.put("parentVersion", null);
    old.put("bundle", ByteBuffer.wrap(new byte[] {1, 2}));
    old.put("sha256", "00");
    old.put("featureConfigJson", "{}");
    old.put("classes", List.of("siren"));
    old.put("gateMetrics", Map.of());
    old.put("createdAtMillis", 5L);
    old.put("recipe", "train");
    old.put("deployment", "urban-sounds");
    old.put("release", 3L);
    old.put("parentRelease", 2L);
    old.put("decision", new GenericData.EnumSymbol(v2.getField("decision").schema(), "PROMOTED"));
    old.put("labelSnapshot", null);
    old.put("parentGateMetrics", Map.of());
    old.put("classesChanged", false);
    old.put("createdBy", "sidecar host-1");
    ByteBuffer written = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(old);
    byte[] bytes = Arrays.copyOfRange(written.array(), written.position(), written.limit());

    ModelRelease read = Contracts.MODEL_RELEASE.decode(bytes);

    assertThat(read.getRelease()).isEqualTo(3L);
    assertThat(read.getCreatedBy()).isEqualTo("sidecar host-1");
    assertThat(read.getSignature()).isNull();
  }

  @Test
  void everyCurrentSchemaCanReadItsHistoricVersions() {
    for (Schema old : ContractSchemaStore.instance().versions()) {
      Schema current = Contracts.currentRecords().stream()
          .map(r -> r.getSchema())
          .filter(s -> s.getFullName().equals(old.getFullName()))
          .findFirst().orElseThrow();
      var compatibility = org.apache.avro.SchemaCompatibility.checkReaderWriterCompatibility(current, old);
      assertThat(compatibility.getType())
          .as("%s can read %s", current.getFullName(), old)
          .isEqualTo(org.apache.avro.SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @Test
  void bytesThatAreNotOurRecordGiveATypedOneLineError() {
    assertThatThrownBy(() -> Contracts.AUDIO_CHUNK.decode("hello world".getBytes()))
        .isInstanceOfSatisfying(RecordDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.NOT_AVRO))
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> Contracts.AUDIO_CHUNK.decode(new byte[0]))
        .isInstanceOfSatisfying(RecordDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.EMPTY));
  }

  @Test
  void anUnknownFingerprintIsNamed() {
    byte[] bytes = Contracts.AUDIO_CHUNK.encode(chunk());
    bytes[5] ^= 0x5A;
    assertThatThrownBy(() -> Contracts.AUDIO_CHUNK.decode(bytes))
        .isInstanceOfSatisfying(RecordDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.UNKNOWN_SCHEMA))
        .hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void aTruncatedBodyIsCorrupt() {
    byte[] bytes = Contracts.AUDIO_CHUNK.encode(chunk());
    byte[] cut = Arrays.copyOf(bytes, 14);
    assertThatThrownBy(() -> Contracts.AUDIO_CHUNK.decode(cut))
        .isInstanceOfSatisfying(RecordDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.CORRUPT));
  }

  @Test
  void aLengthBeyondTheMessageIsRefusedBeforeAnythingIsAllocatedForIt() {
    byte[] bytes = Contracts.AUDIO_CHUNK.encode(chunk());
    // The payload (4 bytes) is last, after its length 4 (zigzag 0x08); claim 1.5 GB instead.
    byte[] head = Arrays.copyOf(bytes, bytes.length - 5);
    byte[] length = {(byte) 0x80, (byte) 0xBC, (byte) 0xC1, (byte) 0x96, 0x0B};
    byte[] bomb = new byte[head.length + length.length + 4];
    System.arraycopy(head, 0, bomb, 0, head.length);
    System.arraycopy(length, 0, bomb, head.length, length.length);
    long before = usedHeap();

    assertThatThrownBy(() -> Contracts.AUDIO_CHUNK.decode(bomb))
        .isInstanceOfSatisfying(RecordDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.CORRUPT))
        .hasMessageContaining("1500000000 declared with 4 bytes left");
    assertThat(usedHeap() - before).isLessThan(100_000_000L);
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  @Test
  void anotherRecordTypeIsNotMistakenForThisOne() {
    ModelRelease release = ModelRelease.newBuilder()
        .setModelName("m").setVersion("1").setBundle(ByteBuffer.wrap(new byte[0])).setSha256("00")
        .setFeatureConfigJson("{}").setClasses(List.of("a")).setGateMetrics(Map.of())
        .setCreatedAtMillis(0).setRecipe("r").build();
    byte[] bytes = Contracts.MODEL_RELEASE.encode(release);
    assertThatThrownBy(() -> Contracts.AUDIO_CHUNK.decode(bytes))
        .isInstanceOfSatisfying(RecordDecodingException.class,
            e -> assertThat(e.reason()).isEqualTo(RecordDecodingException.Reason.WRONG_RECORD))
        .hasMessage("a ModelRelease where a AudioChunk was expected");
  }
}
