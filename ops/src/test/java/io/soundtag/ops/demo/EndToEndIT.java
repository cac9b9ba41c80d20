package io.soundtag.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.synth.SceneConfig;
import io.soundtag.core.synth.SceneEvent;
import io.soundtag.core.synth.SensorScene;
import io.soundtag.ingest.IngestPipeline;
import io.soundtag.ingest.PipelineConfig;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.simulate.FleetConfig;
import io.soundtag.ingest.simulate.SimulatedFleet;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.core.release.ModelId;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton, all real: simulated sensors → embedded broker → the Kafka Streams
 * tagger with the shipped model → TagEvents, checked against the simulator's ground truth.
 */
class EndToEndIT {

  private static final int SENSORS = 3;
  private static final double SECONDS = 40;

  @TempDir
  Path dir;

  @Test
  void tagsNameTheSimulatedSoundsFarBetterThanChance() throws Exception {
    // SOUNDTAG_E2E_MODEL=FILE runs the same check on another bundle (e.g. an untrained one, which must fail it).
    String other = System.getenv("SOUNDTAG_E2E_MODEL");
    ModelBundle bundle = DefaultModel.load(other == null || other.isBlank() ? null : Path.of(other));
    BundleManifest manifest = bundle.manifest();
    Lifecycle lifecycle = new Lifecycle();
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      BrokerCommand.createTopics(kafka.bootstrapServers(), new TopicLayout(2, (short) 1));
      PrometheusRegistry registry = new PrometheusRegistry();
      TaggerConfig config = new TaggerConfig("e2e", KafkaConnection.to(kafka.bootstrapServers()), dir.resolve("state"), 1, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null));
      lifecycle.own(Tagger.start(TaggerSettings.of(config, bundle).withRegistry(registry)));

      SimulatedFleet fleet = new SimulatedFleet(new FleetConfig("e2e", SENSORS, 2024,
          SceneConfig.defaults(manifest.sampleRate()), 1, false));
      try (IngestPipeline pipeline = IngestPipeline.connect(PipelineConfig.defaults(),
          ProducerSettings.defaults(kafka.bootstrapServers()), registry, SENSORS)) {
        fleet.run(pipeline, Duration.ofMillis((long) (SECONDS * 1000)), null);
        pipeline.finish();
      }

      long samples = (long) (SECONDS * manifest.sampleRate());
      long windowsPerSensor = (samples - manifest.windowSamples()) / manifest.hopSamples() + 1;
      List<TagEvent> tags = readTags(kafka.bootstrapServers(), SENSORS * windowsPerSensor, Duration.ofSeconds(180));

      assertThat(tags).hasSize((int) (SENSORS * windowsPerSensor));
      Set<String> windows = new HashSet<>();
      tags.forEach(t -> windows.add(t.getSensorId() + "@" + t.getWindowStartMicros()));
      assertThat(windows).as("every window exactly once").hasSize(tags.size());
      assertThat(tags).allSatisfy(t -> assertThat(t.getModelVersion())
          .isEqualTo(ModelId.of(manifest).toString()));

      Score score = score(tags, fleet, manifest);
      System.out.println("end-to-end: " + score);
      // Ten classes: naming one at random is right about one time in ten.
      assertThat(score.windowsWithSound).isGreaterThan(50);
      assertThat(score.topOneHits / (double) score.windowsWithSound).as("top-1 label is a sound that is playing").isGreaterThan(0.6);
      assertThat(score.taggedWindows).isGreaterThan(50);
      assertThat(score.correctTags / (double) score.tags).as("precision of the tags above threshold").isGreaterThan(0.6);
    } finally {
      lifecycle.closeAll();
    }
  }

  private record Score(int windowsWithSound, int topOneHits, int taggedWindows, int tags, int correctTags) {}

  /** Compares each window's tags with the events the simulator played during it. */
  private static Score score(List<TagEvent> tags, SimulatedFleet fleet, BundleManifest manifest) {
    int withSound = 0;
    int hits = 0;
    int tagged = 0;
    int tagCount = 0;
    int correct = 0;
    for (TagEvent t : tags) {
      SensorScene scene = fleet.scene(t.getSensorId());
      long from = (t.getWindowStartMicros() - fleet.anchorMicros()) * manifest.sampleRate() / 1_000_000L;
      long to = from + manifest.windowSamples();
      Set<String> playing = new HashSet<>();
      Set<String> dominant = new HashSet<>();
      for (SceneEvent e : scene.eventsOverlapping(from, to)) {
        playing.add(e.soundClass().label());
        long inside = Math.min(e.endSample(), to) - Math.max(e.startSample(), from);
        if (inside >= manifest.windowSamples() / 2) {
          dominant.add(e.soundClass().label());
        }
      }
      if (!dominant.isEmpty()) {
        withSound++;
        if (playing.contains(t.getTopK().get(0).getLabel())) {
          hits++;
        }
      }
      if (!t.getTags().isEmpty()) {
        tagged++;
        for (var tag : t.getTags()) {
          tagCount++;
          if (playing.contains(tag.getLabel())) {
            correct++;
          }
        }
      }
    }
    return new Score(withSound, hits, tagged, tagCount, correct);
  }

  private static List<TagEvent> readTags(String bootstrap, long expected, Duration timeout) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, TagEvent> byOffset = new HashMap<>();
    java.util.ArrayList<TagEvent> out = new java.util.ArrayList<>();
    try (KafkaConsumer<String, TagEvent> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        ContractSerdes.tagEvent().deserializer())) {
      consumer.subscribe(List.of(Topics.AUDIO_TAGS));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, TagEvent> r : consumer.poll(Duration.ofMillis(500))) {
          if (byOffset.put(r.partition() + ":" + r.offset(), r.value()) == null) {
            out.add(r.value());
          }
        }
      }
      // Anything beyond the expected count would be a duplicate: give it a moment to show up.
      for (ConsumerRecord<String, TagEvent> r : consumer.poll(Duration.ofSeconds(2))) {
        out.add(r.value());
      }
    }
    return out;
  }
}
