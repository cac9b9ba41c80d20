package io.soundtag.tagger.reassembly;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.serde.RecordDecodingException;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and validates raw chunks, reassembles each sensor's stream in a state store and
 * forwards the windows it completes; anything it cannot use goes to the dead-letter child.
 */
public final class ChunkReassembler implements Processor<byte[], byte[], Object, Object> {

  /** The state store of per-sensor stream state. */
  public static final String STORE = "sensor-streams";
  /** Child receiving SensorWindows. */
  public static final String WINDOWS = "windows";
  /** Child receiving DeadLetters. */
  public static final String DEAD_LETTERS = "dead-letters";

  private static final Logger LOG = LoggerFactory.getLogger(ChunkReassembler.class);

  private final ModelSlot models;
  private final StreamReassembly reassembly;
  private final TaggerMetrics metrics;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, byte[]> streams;

  public ChunkReassembler(ModelSlot models, ReassemblyPolicy policy, TaggerMetrics metrics) {
    this.models = models;
    this.reassembly = new StreamReassembly(policy, new SensorResamplers());
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.streams = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    metrics.chunksIn.inc();
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    try {
      AudioChunk chunk = decode(record.value());
      float[] mono = ChunkDecoder.decodeMono(key, chunk);
      Served served = served();
      String sensor = chunk.getSensorId();
      StreamReassembly.Step step = reassembly.accept(sensor, stored(sensor), chunk.getSequence(),
          chunk.getCaptureStartMicros(), mono, chunk.getSampleRate(), served.geometry());
      if (step.outcome() == StreamReassembly.Outcome.DUPLICATE) {
        metrics.duplicateChunks.inc();
        return;
      }
      streams.put(sensor, step.state().toBytes());
      metrics.silenceSamples.inc(step.silenceSamples());
      metrics.streamRestarts.inc(step.restarts());
      long now = context.currentSystemTimeMs();
      for (StreamReassembly.Window w : step.windows()) {
        SensorWindow window = new SensorWindow(sensor, w.startMicros(), w.endMicros(), served.geometry().sampleRate(),
            w.samples(), now, served.modelId());
        context.forward(new Record<>(sensor, window, record.timestamp()), WINDOWS);
      }
    } catch (RejectedChunk e) {
      deadLetter(record, e.reason().name(), e.getMessage());
    }
  }

  private record Served(WindowGeometry geometry, String modelId) {}

  /** The geometry and id of one model, read together so a swap between the two cannot mix them. */
  private Served served() {
    ModelSlot.Held held = models.acquire();
    try {
      BundleManifest m = held.model().manifest();
      return new Served(new WindowGeometry(m.sampleRate(), m.windowSamples(), m.hopSamples()), held.model().id().toString());
    } finally {
      held.release();
    }
  }

  /** The sensor's state, or null when there is none or this build cannot read it (its stream restarts). */
  private SensorState stored(String sensor) {
    byte[] bytes = streams.get(sensor);
    if (bytes == null) {
      return null;
    }
    try {
      return SensorState.fromBytes(bytes);
    } catch (SensorState.UnreadableState e) {
      LOG.warn("restarting the stream of {}: {}", sensor, e.getMessage());
      metrics.streamRestarts.inc();
      return null;
    }
  }

  private static AudioChunk decode(byte[] value) throws RejectedChunk {
    try {
      return Contracts.AUDIO_CHUNK.decode(value);
    } catch (RecordDecodingException e) {
      DeadLetterReason reason = switch (e.reason()) {
        case UNKNOWN_SCHEMA -> DeadLetterReason.UNKNOWN_SCHEMA;
        case WRONG_RECORD -> DeadLetterReason.WRONG_RECORD;
        default -> DeadLetterReason.UNDECODABLE;
      };
      throw new RejectedChunk(reason, e.getMessage());
    }
  }

  private void deadLetter(Record<byte[], byte[]> record, String reason, String message) {
    metrics.deadLetters.labelValues(reason).inc();
    var source = context.recordMetadata().orElse(null);
    context.forward(new Record<>(record.key(), DeadLetters.of(source, record.key(), record.value(), reason, message),
        record.timestamp()), DEAD_LETTERS);
  }
}
