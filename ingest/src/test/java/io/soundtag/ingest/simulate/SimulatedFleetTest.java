package io.soundtag.ingest.simulate;

import io.soundtag.core.chunk.ChunkPayload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.core.synth.SensorScene;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.buffer.OverflowPolicy;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.ContractSerdes;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedFleetTest {

  @TempDir
  Path dir;

  @Test
  void fewThreadsProduceEverySensorsChunksInOrderWithItsSceneAudio() throws Exception {
    SceneConfig scene = SceneConfig.defaults(16_000).withTiming(0.5, 0.2);
    FleetConfig config = new FleetConfig("sim", 7, 42, scene, 2, false);
    SimulatedFleet fleet = new SimulatedFleet(config);
    MockProducer<String, AudioChunk> producer =
        new MockProducer<>(true, null, new StringSerializer(), ContractSerdes.audioChunk().serializer());
    PipelineConfig pipelineConfig = PipelineConfig.defaults().withBuffer(10, OverflowPolicy.BLOCK);
    Path truthFile = dir.resolve("truth.jsonl");
    try (IngestPipeline pipeline = new IngestPipeline(pipelineConfig, producer, new PrometheusRegistry(), 7);
        TruthWriter truth = new TruthWriter(truthFile)) {
      long ticks = fleet.run(pipeline, Duration.ofSeconds(20), truth);
      pipeline.finish();
      assertThat(ticks).isEqualTo(40);
    }
    Map<String, List<AudioChunk>> bySensor = producer.history().stream()
        .collect(Collectors.groupingBy(ProducerRecord::key, Collectors.mapping(ProducerRecord::value, Collectors.toList())));
    assertThat(bySensor.keySet()).containsExactlyInAnyOrderElementsOf(fleet.sensorIds());
    for (List<AudioChunk> chunks : bySensor.values()) {
      assertThat(chunks).hasSize(40);
      for (int k = 0; k < chunks.size(); k++) {
        assertThat(chunks.get(k).getSequence()).isEqualTo(k);
        assertThat(chunks.get(k).getCaptureStartMicros()).isEqualTo(fleet.anchorMicros() + k * 500_000L);
      }
    }
    // The audio is the scene's: a fresh scene with the same id and seed renders the same samples.
    String id = fleet.sensorIds().get(3);
    float[] expected = SensorScene.create(id, 42, scene).next(8000 * 3);
    AudioChunk third = bySensor.get(id).get(2);
    for (int i = 0; i < 8000; i += 97) {
      assertThat(third.getPayload().order(ByteOrder.LITTLE_ENDIAN).getShort(2 * i))
          .isEqualTo(ChunkPayload.toPcm16(expected[16_000 + i]));
    }
    // Ground truth: one JSON line per event started in the 20 s, matching the scenes.
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = Files.readAllLines(truthFile).stream().map(l -> {
      try {
        return json.readTree(l);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    long expectedEvents = fleet.sensorIds().stream()
        .mapToLong(s -> fleet.scene(s).eventsStartingIn(0, 20L * 16_000).size()).sum();
    assertThat(lines).hasSize((int) expectedEvents).isNotEmpty();
    JsonNode first = lines.get(0);
    assertThat(fleet.scene(first.get("sensorId").asText()).eventsStartingIn(first.get("startSample").asLong(),
        first.get("startSample").asLong() + 1)).isNotEmpty();
    assertThat(first.get("startMicros").asLong())
        .isEqualTo(fleet.anchorMicros() + first.get("startSample").asLong() * 1_000_000 / 16_000);
  }
}
