package io.soundtag.tagger.topology;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The tagging topology in a TopologyTestDriver with a tiny model: chunks in, tags, events and dead letters out. */
final class TaggerDriver implements AutoCloseable {

  static final long T0 = 1_700_000_000_000_000L;

  final PrometheusRegistry registry = new PrometheusRegistry();
  final TaggerMetrics metrics = new TaggerMetrics(registry);
  final ModelSlot models;
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> chunks;
  final TestOutputTopic<String, TagEvent> tags;
  final TestOutputTopic<String, SoundEvent> events;
  final TestOutputTopic<byte[], DeadLetter> deadLetters;

  TaggerDriver(ServingModel model, ReassemblyPolicy reassembly, BatchPolicy batch, TagPolicy tagPolicy, EventPolicy eventPolicy) {
    models = new ModelSlot(model);
    TaggerConfig config = new TaggerConfig("test", io.soundtag.schemas.topic.KafkaConnection.to("unused:9092"), Path.of("unused"), 1, true, reassembly, batch, tagPolicy,
        eventPolicy);
    java.util.Properties props = config.streamsProperties();
    props.remove(org.apache.kafka.streams.StreamsConfig.STATE_DIR_CONFIG);
    driver = new TopologyTestDriver(TaggerTopology.build(config, models, metrics), props);
    chunks = driver.createInputTopic(Topics.AUDIO_CHUNKS, new ByteArraySerializer(), new ByteArraySerializer());
    tags = driver.createOutputTopic(Topics.AUDIO_TAGS, new StringDeserializer(), ContractSerdes.tagEvent().deserializer());
    events = driver.createOutputTopic(Topics.AUDIO_EVENTS, new StringDeserializer(), ContractSerdes.soundEvent().deserializer());
    deadLetters = driver.createOutputTopic(Topics.AUDIO_CHUNKS_DLQ, new ByteArrayDeserializer(),
        ContractSerdes.deadLetter().deserializer());
  }

  TaggerDriver(ServingModel model, BatchPolicy batch) {
    this(model, ReassemblyPolicy.defaults(), batch, new TagPolicy(3, null), EventPolicy.defaults());
  }

  void send(String key, byte[] value) {
    chunks.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
  }

  void send(AudioChunk chunk) {
    send(chunk.getSensorId(), ContractSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, chunk));
  }

  /** Lets the batch wait run out and the punctuations deliver every pending result. */
  void flush() {
    // Longer than any batch wait the policy allows, then one more tick for the other tasks' deliveries.
    driver.advanceWallClockTime(Duration.ofSeconds(11));
    driver.advanceWallClockTime(Duration.ofSeconds(1));
  }

  static AudioChunk chunk(String sensor, long sequence, long captureMicros, int rate, float[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : samples) {
      b.putFloat(v);
    }
    b.flip();
    return AudioChunk.newBuilder().setSensorId(sensor).setSequence(sequence).setCaptureStartMicros(captureMicros)
        .setSampleRate(rate).setChannels(1).setEncoding(SampleEncoding.FLOAT32LE).setPayload(b).build();
  }

  List<TagEvent> allTags() {
    return tags.readValuesToList();
  }

  double batchSizeCount() {
    return metrics.batchSize.collect().getDataPoints().get(0).getCount();
  }

  double batchSizeSum() {
    return metrics.batchSize.collect().getDataPoints().get(0).getSum();
  }

  @Override
  public void close() {
    driver.close();
    models.close();
  }
}
