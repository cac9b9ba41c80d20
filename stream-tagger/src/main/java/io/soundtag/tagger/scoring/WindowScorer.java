package io.soundtag.tagger.scoring;

import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.DeadLetter;
import io.soundtag.schemas.LabelScore;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.levels.Calibration;
import io.soundtag.tagger.levels.LevelReporter;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.reassembly.DeadLetterReason;
import io.soundtag.tagger.reassembly.SensorWindow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * One task's scoring: its windows join the stream thread's {@link ThreadBatch}, which scores the
 * windows of all the thread's tasks in one forward pass; the results for this task's windows come
 * back here and are forwarded, in this task's own {@code process} or punctuation, as a TagEvent
 * with the window's LAeq through the sensor's calibration (and a {@link ScoredWindow} for event
 * detection and the level reports). A window stays in the changelogged store until
 * its TagEvent is forwarded, so a crash or a rebalance in between loses nothing: the task's next
 * owner scores it again (exactly once with the commit). A window whose forward pass failed goes to
 * the dead-letter topic instead ({@link DeadLetterReason#INFERENCE_FAILED}), with its audio as one
 * float32 chunk at the model's rate, and leaves the store.
 */
public final class WindowScorer implements Processor<String, SensorWindow, String, Object> {

  /** Store of windows waiting for their TagEvent. */
  public static final String STORE = "pending-windows";
  /** Child receiving TagEvents. */
  public static final String TAGS = "tags";
  /** Child receiving DeadLetters of windows whose inference failed. */
  public static final String DEAD_LETTERS = "inference-dead-letters";

  private final ThreadBatches batches;
  private final TagPolicy tagPolicy;
  private final TaggerMetrics metrics;
  private final List<SensorWindow> restored = new ArrayList<>();
  private final ArrayDeque<ScoredWindow> ready = new ArrayDeque<>();
  private final ArrayDeque<Failed> failed = new ArrayDeque<>();
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> store;
  private ReadOnlyKeyValueStore<String, byte[]> sensors;
  private ThreadBatch batch;

  public WindowScorer(ThreadBatches batches, TagPolicy tagPolicy, TaggerMetrics metrics) {
    this.batches = batches;
    this.tagPolicy = tagPolicy;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(STORE);
    this.sensors = context.getStateStore(Calibration.STORE);
    try (KeyValueIterator<String, byte[]> it = store.all()) {
      it.forEachRemaining(kv -> restored.add(WindowCodec.fromBytes(kv.value)));
    }
    restored.sort(Comparator.comparingLong(SensorWindow::startMicros));
    long tick = Math.max(1, Math.min(20, batches.policy().maxWaitMillis() / 2));
    context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::tick);
  }

  @Override
  public void process(Record<String, SensorWindow> record) {
    ThreadBatch b = batch();
    SensorWindow w = record.value();
    if (store.get(w.key()) == null) {
      store.put(w.key(), WindowCodec.toBytes(w));
      b.add(this, w);
    }
    if (b.due(context.currentSystemTimeMs())) {
      b.score();
    }
    forwardReady();
  }

  private void tick(long now) {
    ThreadBatch b = batch();
    if (b.due(now)) {
      b.score();
    }
    forwardReady();
  }

  /** The thread's batch, joined on first use from the stream thread (with windows restored from the store). */
  private ThreadBatch batch() {
    if (batch == null) {
      batch = batches.current();
      batch.join(this);
      restored.forEach(w -> batch.add(this, w));
      restored.clear();
    }
    return batch;
  }

  /** Called by the thread's batch with the result for one of this task's windows. */
  void scored(ScoredWindow result) {
    ready.add(result);
  }

  private record Failed(SensorWindow window, String message) {}

  /** Called by the thread's batch for one of this task's windows whose forward pass failed. */
  void failed(SensorWindow window, String message) {
    failed.add(new Failed(window, message));
  }

  private void forwardReady() {
    long now = context.currentSystemTimeMs();
    Failed f;
    while ((f = failed.poll()) != null) {
      SensorWindow w = f.window();
      context.forward(new Record<>(w.sensorId(), deadLetter(w, f.message()), w.endMicros() / 1000), DEAD_LETTERS);
      store.delete(w.key());
      metrics.deadLetters.labelValues(DeadLetterReason.INFERENCE_FAILED.name()).inc();
    }
    ScoredWindow s;
    while ((s = ready.poll()) != null) {
      SensorWindow w = s.window();
      TagEvent event = tagEvent(s, now);
      long timestamp = w.endMicros() / 1000;
      context.forward(new Record<>(w.sensorId(), event, timestamp), TAGS);
      context.forward(new Record<>(w.sensorId(), s, timestamp), LevelReporter.NAME);
      store.delete(w.key());
      metrics.windowsOut.inc();
      metrics.endToEndSeconds.observe(Math.max(0, now * 1000 - w.endMicros()) / 1e6);
      for (LabelScore tag : event.getTags()) {
        metrics.tags.labelValues(tag.getLabel()).inc();
      }
    }
  }

  /** The window's audio as a chunk of its own (sequence 0: the sensor's chunks it was cut from are not kept). */
  private DeadLetter deadLetter(SensorWindow w, String message) {
    AudioChunk audio = AudioChunk.newBuilder().setSensorId(w.sensorId()).setSequence(0).setCaptureStartMicros(w.startMicros())
        .setSampleRate(w.sampleRate()).setChannels(1).setEncoding(SampleEncoding.FLOAT32LE)
        .setPayload(ChunkPayload.encode(w.samples(), w.samples().length, SampleEncoding.FLOAT32LE)).build();
    byte[] value = ContractSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, audio);
    return DeadLetter.newBuilder()
        .setTopic(Topics.AUDIO_CHUNKS)
        .setPartition(context.taskId().partition())
        .setOffset(-1)
        .setOriginalKey(ByteBuffer.wrap(w.sensorId().getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(value))
        .setReasonCode(DeadLetterReason.INFERENCE_FAILED.name())
        .setMessage("window " + w.key() + " (" + (w.endMicros() - w.startMicros()) / 1000 + " ms): " + message)
        .setFailedAtMillis(System.currentTimeMillis())
        .build();
  }

  private TagEvent tagEvent(ScoredWindow s, long now) {
    List<LabelScore> tags = new ArrayList<>();
    List<LabelScore> all = new ArrayList<>();
    if (s.scores() != null) {
      for (int c = 0; c < s.scores().length; c++) {
        LabelScore ls = new LabelScore(s.classes().get(c), s.scores()[c]);
        all.add(ls);
        if (s.scores()[c] >= s.thresholds().get(c)) {
          tags.add(ls);
        }
      }
    }
    Comparator<LabelScore> best = Comparator.comparing(LabelScore::getScore).reversed();
    tags.sort(best);
    all.sort(best);
    SensorWindow w = s.window();
    Calibration calibration = Calibration.of(sensors, w.sensorId());
    return TagEvent.newBuilder()
        .setSensorId(w.sensorId())
        .setWindowStartMicros(w.startMicros())
        .setWindowEndMicros(w.endMicros())
        .setModelVersion(s.modelVersion())
        .setTags(tags)
        .setTopK(new ArrayList<>(all.subList(0, Math.min(tagPolicy.topK(), all.size()))))
        .setCoarseTags(coarseTags(tags, s.coarseOf()))
        .setLaeqDb(Double.isFinite(s.laeqDb()) ? calibration.apply(s.laeqDb()) : null)
        .setLaeqUnit(calibration.unit())
        .setProcessingMillis((double) Math.max(0, now - w.arrivedAtMillis()))
        .build();
  }

  /** The coarse group of every tag, once, with its best tag's score, best first (tags are already best first). */
  static List<LabelScore> coarseTags(List<LabelScore> tags, Map<String, String> coarseOf) {
    Map<String, LabelScore> groups = new LinkedHashMap<>();
    for (LabelScore tag : tags) {
      String group = coarseOf.get(tag.getLabel());
      if (group != null) {
        groups.putIfAbsent(group, new LabelScore(group, tag.getScore()));
      }
    }
    return new ArrayList<>(groups.values());
  }

  @Override
  public void close() {
    if (batch != null) {
      batch.leave(this);
      batch = null;
    }
    ready.clear();
    failed.clear();
  }
}
