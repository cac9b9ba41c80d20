package io.soundtag.tagger.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.core.inference.ServingModel;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.TinyModel;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.reassembly.SensorWindow;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Two tasks (two partitions) on one stream thread: their windows go to the model in one batch. */
class ThreadBatchTest {

  private static final long NOW = 1_700_000_000_000L;

  private record Task(WindowScorer scorer, MockProcessorContext<String, Object> context, KeyValueStore<String, byte[]> store) {}

  private static Task task(ThreadBatches batches, TaggerMetrics metrics, int partition) {
    MockProcessorContext<String, Object> context = new MockProcessorContext<>(new java.util.Properties(),
        new TaskId(0, partition), null);
    context.setCurrentSystemTimeMs(NOW);
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WindowScorer.STORE),
        Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    // The sensors' calibrations, empty: every level in dBFS.
    KeyValueStore<String, byte[]> sensors = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(io.soundtag.tagger.levels.Calibration.STORE), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    sensors.init(context.getStateStoreContext(), sensors);
    context.addStateStore(sensors);
    WindowScorer scorer = new WindowScorer(batches, new TagPolicy(3, null), metrics);
    scorer.init(context);
    return new Task(scorer, context, store);
  }

  private static SensorWindow window(String sensor, int k, long now) {
    Random r = new Random(k * 31L + sensor.hashCode());
    float[] samples = new float[4000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (0.1 * r.nextGaussian());
    }
    return new SensorWindow(sensor, k * 250_000L, k * 250_000L + 500_000L, TinyModel.RATE, samples, now, "tiny:v1");
  }

  private static List<String> forwardedSensors(Task t, String child) {
    return t.context().forwarded(child).stream().map(f -> ((TagEvent) f.record().value()).getSensorId()).toList();
  }

  @Test
  void windowsOfSeveralTasksOfAThreadAreScoredInOneBatchAndEachTaskForwardsOnlyItsOwn() {
    TaggerMetrics metrics = new TaggerMetrics(new PrometheusRegistry());
    try (ModelSlot models = new ModelSlot(TinyModel.serving("v1"))) {
      ThreadBatches batches = new ThreadBatches(models, new BatchPolicy(4, 1_000), new TagPolicy(3, null), metrics);
      Task a = task(batches, metrics, 0);
      Task b = task(batches, metrics, 1);
      long now = NOW;
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 0, now), 0));
      b.scorer().process(new Record<>("sensor-b", window("sensor-b", 0, now), 0));
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 1, now), 0));
      assertThat(metrics.batchSize.collect().getDataPoints().get(0).getCount()).as("not full yet").isZero();
      b.scorer().process(new Record<>("sensor-b", window("sensor-b", 1, now), 0));

      var batchSize = metrics.batchSize.collect().getDataPoints().get(0);
      assertThat(batchSize.getCount()).isEqualTo(1);
      assertThat(batchSize.getSum()).isEqualTo(4);
      assertThat(forwardedSensors(b, WindowScorer.TAGS)).containsExactly("sensor-b", "sensor-b");
      // Task a's results wait for its own punctuation; until then its windows stay in its store.
      assertThat(a.context().forwarded(WindowScorer.TAGS)).isEmpty();
      assertThat(a.store().approximateNumEntries()).isEqualTo(2);
      assertThat(b.store().approximateNumEntries()).isZero();

      a.context().scheduledPunctuators().get(0).getPunctuator().punctuate(now + 1);
      assertThat(forwardedSensors(a, WindowScorer.TAGS)).containsExactly("sensor-a", "sensor-a");
      assertThat(a.context().forwarded(io.soundtag.tagger.levels.LevelReporter.NAME)).hasSize(2);
      assertThat(a.store().approximateNumEntries()).isZero();
      a.scorer().close();
      b.scorer().close();
    }
  }

  @Test
  void aTaskClosedBeforeItsResultsAreForwardedKeepsItsWindowsForTheNextOwner() {
    TaggerMetrics metrics = new TaggerMetrics(new PrometheusRegistry());
    try (ModelSlot models = new ModelSlot(TinyModel.serving("v1"))) {
      ThreadBatches batches = new ThreadBatches(models, new BatchPolicy(2, 1_000), new TagPolicy(3, null), metrics);
      Task a = task(batches, metrics, 0);
      Task b = task(batches, metrics, 1);
      long now = NOW;
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 0, now), 0));
      b.scorer().process(new Record<>("sensor-b", window("sensor-b", 0, now), 0));
      a.scorer().close();
      assertThat(a.context().forwarded()).isEmpty();
      assertThat(a.store().approximateNumEntries()).isEqualTo(1);

      // The task moves to a new scorer (the same store, as after a rebalance or a crash): it scores the window again.
      WindowScorer next = new WindowScorer(batches, new TagPolicy(3, null), metrics);
      a.context().resetForwards();
      next.init(a.context());
      a.context().scheduledPunctuators().get(a.context().scheduledPunctuators().size() - 1).getPunctuator()
          .punctuate(now + 2_000);
      assertThat(forwardedSensors(a, WindowScorer.TAGS)).containsExactly("sensor-a");
      assertThat(a.store().approximateNumEntries()).isZero();
      next.close();
      b.scorer().close();
    }
  }

  @Test
  void aStreamThreadKilledByAnErrorHasItsHoldOnTheModelReleasedByTheThreadsLeft() throws Exception {
    TaggerMetrics metrics = new TaggerMetrics(new PrometheusRegistry());
    try (ModelSlot models = new ModelSlot(TinyModel.serving("v1"))) {
      ThreadBatches batches = new ThreadBatches(models, new BatchPolicy(1, 1_000), new TagPolicy(3, null), metrics);
      Task a = task(batches, metrics, 0);
      Task b = task(batches, metrics, 1);
      // Thread "a" scores a window (holding v1 for its session), then dies of an injected error without closing its task.
      Thread dying = new Thread(() -> {
        a.scorer().process(new Record<>("sensor-a", window("sensor-a", 0, NOW), 0));
        throw new IllegalStateException("injected: the stream thread dies");
      }, "stream-thread-a");
      dying.setUncaughtExceptionHandler((t, e) -> { });
      dying.start();
      dying.join();
      assertThat(forwardedSensors(a, WindowScorer.TAGS)).containsExactly("sensor-a");

      models.swap(TinyModel.serving("v2"));
      assertThat(models.openModels()).as("v1 still held by the dead thread's session").isEqualTo(2);

      // The next forward pass of a live thread releases the dead thread's hold: v1 is closed.
      b.scorer().process(new Record<>("sensor-b", window("sensor-b", 0, NOW), 0));
      assertThat(models.openModels()).isEqualTo(1);
      assertThat(b.context().forwarded(WindowScorer.TAGS)).singleElement()
          .satisfies(f -> assertThat(((TagEvent) f.record().value()).getModelVersion()).isEqualTo("tiny:v2"));
      b.scorer().close();
      assertThat(models.openModels()).isEqualTo(1);
    }
  }

  @Test
  void aFailedForwardPassDeadLettersTheBatchsWindowsWithTheReasonAndTheThreadGoesOn() throws Exception {
    TaggerMetrics metrics = new TaggerMetrics(new PrometheusRegistry());
    ServingModel broken = TinyModel.serving("v1");
    try (ModelSlot models = new ModelSlot(broken)) {
      ThreadBatches batches = new ThreadBatches(models, new BatchPolicy(2, 1_000), new TagPolicy(3, null), metrics);
      Task a = task(batches, metrics, 0);
      // The model's native resources go away under the session: its next forward pass fails.
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 0, NOW), 0));
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 1, NOW), 0));
      assertThat(forwardedSensors(a, WindowScorer.TAGS)).hasSize(2);
      broken.close();
      a.context().resetForwards();
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 2, NOW), 0));
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 3, NOW), 0));

      assertThat(a.context().forwarded(WindowScorer.TAGS)).isEmpty();
      List<DeadLetter> dead = a.context().forwarded(WindowScorer.DEAD_LETTERS).stream()
          .map(f -> (DeadLetter) f.record().value()).toList();
      assertThat(dead).hasSize(2).allSatisfy(d -> {
        assertThat(d.getReasonCode()).isEqualTo("INFERENCE_FAILED");
        assertThat(d.getMessage()).contains("inference failed on tiny:v1 for a batch of 2 windows");
        assertThat(d.getTopic()).isEqualTo(Topics.AUDIO_CHUNKS);
      });
      assertThat(a.context().forwarded(WindowScorer.DEAD_LETTERS).stream().map(f -> (Object) f.record().key()).toList())
          .containsExactly("sensor-a", "sensor-a");
      // The original audio is kept as a chunk of the window's samples.
      AudioChunk kept = ContractSerdes.audioChunk().deserializer().deserialize(Topics.AUDIO_CHUNKS, bytes(dead.get(0).getOriginalValue()));
      assertThat(kept.getCaptureStartMicros()).isEqualTo(2 * 250_000L);
      assertThat(ChunkPayload.decodeMono(kept)).containsExactly(window("sensor-a", 2, NOW).samples());
      assertThat(metrics.deadLetters.labelValues("INFERENCE_FAILED").get()).isEqualTo(2);
      assertThat(a.store().approximateNumEntries()).as("dead-lettered windows leave the store").isZero();

      // The same thread goes on: with a working model the next windows are tagged.
      models.swap(TinyModel.serving("v2"));
      a.context().resetForwards();
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 4, NOW), 0));
      a.scorer().process(new Record<>("sensor-a", window("sensor-a", 5, NOW), 0));
      assertThat(forwardedSensors(a, WindowScorer.TAGS)).hasSize(2);
      assertThat(a.context().forwarded(WindowScorer.DEAD_LETTERS)).isEmpty();
      a.scorer().close();
    }
  }

  private static byte[] bytes(java.nio.ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
