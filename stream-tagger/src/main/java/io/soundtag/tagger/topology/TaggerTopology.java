package io.soundtag.tagger.topology;

import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.events.SoundEventDetector;
import io.soundtag.tagger.levels.Calibration;
import io.soundtag.tagger.levels.LevelReporter;
import io.soundtag.tagger.metrics.TaggerMetrics;
import io.soundtag.tagger.model.ModelSlot;
import io.soundtag.tagger.reassembly.ChunkReassembler;
import io.soundtag.tagger.scoring.ThreadBatches;
import io.soundtag.tagger.scoring.WindowScorer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The tagging topology: chunks → reassembly (per-sensor store) → scoring, micro-batched across the
 * stream thread's tasks (pending-window store) → tags; reassembled audio and scored windows →
 * level reports (per-sensor store, calibrations from the {@code audio.sensors} global store) and
 * → scored windows with the levels of their audio → sound events with their acoustics
 * (per-sensor store); undecodable or invalid chunks, and windows whose inference failed → dead
 * letters.
 */
public final class TaggerTopology {

  private static final String EVENTS_SINK = "events";

  private TaggerTopology() {}

  public static Topology build(TaggerConfig config, ModelSlot models, TaggerMetrics metrics) {
    ThreadBatches batches = new ThreadBatches(models, config.batch(), config.tags(), metrics);
    Topology t = new Topology();
    t.addSource("chunks", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.AUDIO_CHUNKS);
    t.addProcessor("reassemble", () -> new ChunkReassembler(models, config.reassembly(), metrics), "chunks");
    t.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ChunkReassembler.STORE), Serdes.String(), Serdes.ByteArray()), "reassemble");
    t.addProcessor(ChunkReassembler.WINDOWS, () -> new WindowScorer(batches, config.tags(), metrics), "reassemble");
    // Cached: a window scored within the commit interval it was cut in is put and deleted in the
    // cache, so only its key (a tombstone) reaches the changelog, not its samples; one still pending at a
    // commit is flushed in that commit's transaction, so a crash loses none.
    t.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WindowScorer.STORE), Serdes.String(), Serdes.ByteArray()).withCachingEnabled(),
        ChunkReassembler.WINDOWS);
    // Levels: the reassembled audio and the scored windows of each sensor meet in one processor,
    // which passes each window on with the levels of its audio to sound detection.
    t.addProcessor(LevelReporter.NAME, () -> new LevelReporter(config.levels(), metrics), "reassemble", ChunkReassembler.WINDOWS);
    t.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(LevelReporter.STORE), Serdes.String(), Serdes.ByteArray()), LevelReporter.NAME);
    t.addProcessor(LevelReporter.MEASURED, () -> new SoundEventDetector(config.events(), config.levels(), metrics),
        LevelReporter.NAME);
    t.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(SoundEventDetector.STORE), Serdes.String(), Serdes.ByteArray()), LevelReporter.MEASURED);
    // Every instance reads every sensor's calibration; the updater leaves out records that are not SensorInfo.
    t.addGlobalStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(Calibration.STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled(),
        "sensors", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), Topics.AUDIO_SENSORS,
        "sensors-update", Calibration.Updater::new);
    t.addSink(LevelReporter.REPORTS, Topics.AUDIO_LEVELS,
        Serdes.String().serializer(), ContractSerdes.levelReport().serializer(), LevelReporter.NAME);
    t.addSink(ChunkReassembler.DEAD_LETTERS, Topics.AUDIO_CHUNKS_DLQ,
        Serdes.ByteArray().serializer(), ContractSerdes.deadLetter().serializer(), "reassemble");
    t.addSink(WindowScorer.DEAD_LETTERS, Topics.AUDIO_CHUNKS_DLQ,
        Serdes.String().serializer(), ContractSerdes.deadLetter().serializer(), ChunkReassembler.WINDOWS);
    t.addSink(WindowScorer.TAGS, Topics.AUDIO_TAGS,
        Serdes.String().serializer(), ContractSerdes.tagEvent().serializer(), ChunkReassembler.WINDOWS);
    t.addSink(EVENTS_SINK, Topics.AUDIO_EVENTS,
        Serdes.String().serializer(), ContractSerdes.soundEvent().serializer(), LevelReporter.MEASURED);
    return t;
  }
}
