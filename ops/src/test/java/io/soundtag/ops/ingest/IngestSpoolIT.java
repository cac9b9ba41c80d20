package io.soundtag.ops.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.buffer.OverflowPolicy;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.ContractSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker stops under three real-time sensors whose ingest has a memory buffer of only one
 * second and a spool: ingest keeps capturing to disk, is restarted while the broker is still down
 * (continuing each sensor's sequence from the spool), and when the broker is back every chunk of
 * both runs arrives exactly once, in order, without a sequence gap.
 */
class IngestSpoolIT {

  @TempDir
  Path dir;

  @Test
  void audioCapturedDuringAnOutageAndAcrossARestartArrivesOnceInOrder() throws Exception {
    EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("kafka"), 0).start();
    Path spool = dir.resolve("spool");
    try {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("audio.chunks", 2, (short) 1))).all().get();
      }
      PipelineConfig config = PipelineConfig.defaults().withChunkMillis(250)
          .withBuffer(1, OverflowPolicy.DROP_OLDEST).withDrainTimeout(Duration.ofSeconds(60))
          .withSpool(spool, 64L * 1024 * 1024);
      ProducerSettings settings = ProducerSettings.defaults(broker.bootstrapServers()).withMaxBlockMs(3_000);

      // First run: 2 s with the broker up, then 4 s with it down; then ingest stops (a restart).
      long first;
      try (IngestPipeline pipeline = IngestPipeline.connect(config, settings, new PrometheusRegistry(), 3)) {
        SimulatedFleet fleet = fleet();
        CompletableFuture<Long> run = run(fleet, pipeline, Duration.ofSeconds(6));
        Thread.sleep(2000);
        broker.close();
        first = run.get(30, TimeUnit.SECONDS);
        assertThat(pipeline.buffer().fillMicros() / 1e6).as("seconds of audio on disk, beyond the memory buffer")
            .isGreaterThan(3 * 3.0);
        assertThat(pipeline.buffer().dropped()).isZero();
      }
      assertThat(spoolBytes(spool)).isPositive();

      // Second run, the broker still down: it starts, continues from the spool, and keeps capturing.
      long second;
      try (IngestPipeline pipeline = IngestPipeline.connect(config, settings, new PrometheusRegistry(), 3)) {
        SimulatedFleet fleet = fleet();
        CompletableFuture<Long> run = run(fleet, pipeline, Duration.ofSeconds(6));
        Thread.sleep(3000);
        broker.start();
        second = run.get(30, TimeUnit.SECONDS);
        pipeline.finish();
        assertThat(pipeline.buffer().fillMicros()).isZero();
        assertThat(pipeline.buffer().dropped()).isZero();
      }
      assertThat(spoolBytes(spool)).as("delivered segments are deleted").isLessThan(64 * 1024);
      assertThat(first).isBetween(20L, 24L);
      assertThat(second).isBetween(20L, 24L);

      Map<String, List<Long>> sequences = consumeAll(broker.bootstrapServers(), 3 * (first + second));
      assertThat(sequences).hasSize(3);
      for (List<Long> seq : sequences.values()) {
        assertThat(seq).hasSize((int) (first + second));
        for (int i = 0; i < seq.size(); i++) {
          assertThat(seq.get(i)).isEqualTo(i);
        }
      }
    } finally {
      broker.close();
    }
  }

  private static SimulatedFleet fleet() {
    return new SimulatedFleet(new FleetConfig("spool", 3, 7, SceneConfig.defaults(16_000), 1, true));
  }

  private static CompletableFuture<Long> run(SimulatedFleet fleet, IngestPipeline pipeline, Duration duration) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return fleet.run(pipeline, duration, null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static long spoolBytes(Path spool) throws Exception {
    try (Stream<Path> files = Files.list(spool)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static Map<String, List<Long>> consumeAll(String bootstrap, long expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "spool-check");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, List<Long>> bySensor = new HashMap<>();
    long count = 0;
    try (KafkaConsumer<String, AudioChunk> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), ContractSerdes.audioChunk().deserializer())) {
      consumer.subscribe(List.of("audio.chunks"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (count < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, AudioChunk> r : consumer.poll(Duration.ofMillis(500))) {
          bySensor.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getSequence());
          count++;
        }
      }
      // Anything beyond the expected count would be a duplicate; give it a moment to show up.
      for (ConsumerRecord<String, AudioChunk> r : consumer.poll(Duration.ofSeconds(2))) {
        bySensor.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getSequence());
      }
    }
    return bySensor;
  }
}
