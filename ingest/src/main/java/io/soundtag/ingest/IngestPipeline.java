package io.soundtag.ingest;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.ingest.buffer.ChunkBuffer;
import io.soundtag.ingest.buffer.ChunkQueue;
import io.soundtag.ingest.chunk.Chunker;
import io.soundtag.ingest.chunk.ResumePoint;
import io.soundtag.ingest.chunk.SensorHistory;
import io.soundtag.ingest.publish.ChunkPublisher;
import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.ingest.publish.TopicHistory;
import io.soundtag.ingest.source.AudioBlock;
import io.soundtag.ingest.source.AudioSource;
import io.soundtag.ingest.source.BadAudioException;
import io.soundtag.ingest.spool.ChunkSpool;
import io.soundtag.schemas.AudioChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source(s) → {@link Chunker} per sensor → {@link ChunkBuffer} (memory) or {@link ChunkSpool} (disk,
 * with {@code --spool}) → {@link ChunkPublisher} → Kafka.
 * Run a single source with {@link #ingest}, or many simulated sensors with
 * {@link io.soundtag.ingest.simulate.SimulatedFleet#run}; then {@link #finish} to wait until the
 * broker has everything, and {@link #close}.
 *
 * <p>When a source fails (bad input, lost device) the partial chunk is discarded — every chunk in
 * Kafka is whole — the complete chunks before it are still delivered, and the error is rethrown.
 */
public final class IngestPipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);

  private final PipelineConfig config;
  private final IngestMetrics metrics;
  private final ChunkQueue buffer;
  private final ChunkSpool spool;
  private final ChunkPublisher publisher;
  private final SensorHistory history;
  private volatile boolean stopped;

  /**
   * @param config validated settings
   * @param producer an idempotent producer (see {@link ProducerSettings#createProducer()}); closed with the pipeline
   * @param registry where the metrics go
   * @param sensors how many sensors will share the buffer (its bound is {@code bufferSeconds × sensors})
   */
  public IngestPipeline(PipelineConfig config, Producer<String, AudioChunk> producer, PrometheusRegistry registry,
      int sensors) {
    this(config, producer, registry, sensors, SensorHistory.NONE);
  }

  /**
   * @param config validated settings
   * @param producer an idempotent producer (see {@link ProducerSettings#createProducer()}); closed with the pipeline
   * @param registry where the metrics go
   * @param sensors how many sensors will share the buffer (its bound is {@code bufferSeconds × sensors})
   * @param history where each sensor's stream resumes (see {@link #resumePoints})
   */
  public IngestPipeline(PipelineConfig config, Producer<String, AudioChunk> producer, PrometheusRegistry registry,
      int sensors, SensorHistory history) {
    if (sensors < 1) {
      throw new IllegalArgumentException("sensors must be at least 1, got " + sensors);
    }
    this.config = config;
    this.history = history;
    this.metrics = IngestMetrics.of(registry);
    if (config.spoolDir() == null) {
      this.spool = null;
      this.buffer = new ChunkBuffer((long) (config.bufferSeconds() * 1e6) * sensors, config.overflow(), metrics);
    } else {
      try {
        this.spool = new ChunkSpool(config.spoolDir(), config.spoolMaxBytes(), metrics, history);
      } catch (IOException e) {
        producer.close(Duration.ZERO);
        throw new UncheckedIOException("cannot open the spool " + config.spoolDir() + ": " + e.getMessage(), e);
      }
      this.buffer = spool;
    }
    this.publisher = new ChunkPublisher(producer, config.topic(), buffer, new ChunkPublisher.Acknowledgements() {
      @Override
      public void acknowledged(AudioChunk chunk, double latencySeconds) {
        metrics.produced(chunk, latencySeconds);
      }

      @Override
      public void failed(AudioChunk chunk, Exception error) {
        metrics.sendFailed();
        LOG.error("chunk {}/{} was not delivered: {}", chunk.getSensorId(), chunk.getSequence(), error.getMessage());
      }
    }).start();
  }

  /**
   * Checks that the topic exists (waiting up to the settings' max block time for the brokers), so
   * that a wrong address or a missing topic fails at once, in one line (with a spool, capture starts
   * anyway), and creates the producer.
   */
  public static IngestPipeline connect(PipelineConfig config, ProducerSettings settings, PrometheusRegistry registry,
      int sensors) throws IOException {
    return connect(config, settings, registry, sensors, new TopicHistory(settings.kafka(), config.topic(),
        Duration.ofMillis(Math.max(60_000, settings.maxBlockMs()))));
  }

  /**
   * As {@link #connect(PipelineConfig, ProducerSettings, PrometheusRegistry, int)}, with sensors
   * resuming from {@code history} (e.g. {@link SensorHistory#startingAt} for {@code --first-sequence})
   * instead of from the last chunks in the topic.
   */
  public static IngestPipeline connect(PipelineConfig config, ProducerSettings settings, PrometheusRegistry registry,
      int sensors, SensorHistory history) throws IOException {
    // The check waits at most the settings' max block time; the producer that sends waits for the
    // broker as long as it takes (an outage must not fail a send: the buffer or the spool bounds it).
    Producer<String, AudioChunk> check = settings.createProducer();
    try {
      check.partitionsFor(config.topic());
    } catch (KafkaException e) {
      if (config.spoolDir() == null) {
        throw new IOException("topic " + config.topic() + " is not available on " + settings.kafka().bootstrapServers()
            + " (" + e.getMessage() + "); is the broker up and the topic created?", e);
      }
      // The spool keeps the audio until the broker is back: capture goes on.
      LOG.warn("topic {} is not available on {} ({}); keeping audio in the spool {} until it is", config.topic(),
          settings.kafka().bootstrapServers(), e.getMessage(), config.spoolDir());
    } finally {
      check.close(Duration.ZERO);
    }
    return new IngestPipeline(config, settings.withMaxBlockMs(Integer.MAX_VALUE).createProducer(), registry, sensors, history);
  }

  public PipelineConfig config() {
    return config;
  }

  public IngestMetrics metrics() {
    return metrics;
  }

  /** The chunks not yet acknowledged: in memory, or on disk with a spool. */
  public ChunkQueue buffer() {
    return buffer;
  }

  /** A chunker for one sensor feeding this pipeline's buffer. */
  public Chunker chunker(String sensorId, long firstSequence) {
    return chunker(sensorId, ResumePoint.at(firstSequence));
  }

  /** A chunker for one sensor feeding this pipeline's buffer, continuing from {@code resume}. */
  public Chunker chunker(String sensorId, ResumePoint resume) {
    if (resume.nextSequence() > 0) {
      LOG.info("{} continues at sequence {}", sensorId, resume.nextSequence());
    }
    return new Chunker(sensorId, config.chunkMillis(), config.encoding(), config.resyncMillis(), resume, buffer);
  }

  /**
   * Where each sensor continues: after its last chunk in the topic (the tagger drops a sequence it
   * has already seen), or wherever this pipeline's {@link SensorHistory} says.
   */
  public Map<String, ResumePoint> resumePoints(Collection<String> sensorIds) throws IOException {
    Map<String, ResumePoint> points = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (String id : sensorIds) {
      // What the spool wrote last comes after anything the topic holds for the sensor (and needs no broker).
      ResumePoint spooled = spool == null ? null : spool.resumePoint(id);
      if (spooled == null) {
        unknown.add(id);
      }
      points.put(id, spooled);
    }
    if (!unknown.isEmpty()) {
      points.putAll(history.resumePoints(unknown));
    }
    return points;
  }

  /**
   * Reads {@code source} to its end (or until {@link #stop()}) as sensor {@code sensorId},
   * continuing after the sensor's last chunk (see {@link #resumePoints}).
   *
   * @param realtime pace reads to the audio's own rate (files); live sources pace themselves
   * @throws BadAudioException on bad input, after discarding the partial chunk
   * @throws IOException when the broker refused a chunk for good
   */
  public SourceSummary ingest(AudioSource source, String sensorId, boolean realtime)
      throws IOException, InterruptedException {
    ResumePoint resume = resumePoints(List.of(sensorId)).get(sensorId);
    return ingest(source, sensorId, realtime ? new Pacer(source.format().sampleRate()) : null, resume);
  }

  /** As {@link #ingest(AudioSource, String, boolean)}, numbering chunks from {@code firstSequence}. */
  public SourceSummary ingest(AudioSource source, String sensorId, boolean realtime, long firstSequence)
      throws IOException, InterruptedException {
    return ingest(source, sensorId, realtime ? new Pacer(source.format().sampleRate()) : null,
        ResumePoint.at(firstSequence));
  }

  /**
   * Reads {@code source} to its end (or until {@link #stop()}) as sensor {@code sensorId}.
   *
   * @param pacer paces reads to real time (files), or null for as fast as the source delivers
   * @param resume first sequence and earliest capture time
   * @throws BadAudioException on bad input, after discarding the partial chunk
   * @throws IOException when the broker refused a chunk for good
   */
  public SourceSummary ingest(AudioSource source, String sensorId, Pacer pacer, ResumePoint resume)
      throws IOException, InterruptedException {
    long firstSequence = resume.nextSequence();
    Chunker chunker = chunker(sensorId, resume);
    long frames = 0;
    long reportedOverruns = 0;
    long reportedResyncs = 0;
    long discarded = 0;
    try {
      while (!stopped) {
        checkPublisher();
        AudioBlock block = source.read();
        if (block == null) {
          chunker.flush();
          break;
        }
        frames += block.frames();
        if (pacer != null) {
          pacer.awaitFrames(frames);
        }
        chunker.accept(block);
        metrics.overruns(source.overruns() - reportedOverruns);
        reportedOverruns = source.overruns();
        metrics.resyncs(chunker.resyncs() - reportedResyncs);
        reportedResyncs = chunker.resyncs();
      }
      if (stopped) {
        chunker.flush();
      }
    } catch (IOException e) {
      discarded = chunker.discardPartial();
      throw e;
    } finally {
      LOG.info("{}: {} frames, {} chunks, {} frames discarded, {} overruns", source.describe(), frames,
          chunker.nextSequence() - firstSequence, discarded, source.overruns());
    }
    return new SourceSummary(sensorId, frames, chunker.nextSequence() - firstSequence, discarded, source.overruns(),
        chunker.resyncs(), firstSequence);
  }

  /** Throws if the producer failed for good. */
  public void checkPublisher() throws IOException {
    Exception failure = publisher.failure();
    if (failure != null) {
      throw new IOException("the broker did not accept audio: " + failure.getMessage(), failure);
    }
  }

  /** Makes {@link #ingest} return after its current block. */
  public void stop() {
    stopped = true;
  }

  public boolean stopped() {
    return stopped;
  }

  /**
   * Waits until every buffered chunk is acknowledged.
   *
   * @throws IOException if that does not happen within the configured drain timeout, or delivery failed
   */
  public void finish() throws IOException, InterruptedException {
    boolean empty = publisher.drain(config.drainTimeout());
    checkPublisher();
    if (!empty && spool != null) {
      LOG.warn("{} s of audio were not acknowledged after {} s; they stay in the spool {} and are sent at the next start",
          String.format("%.1f", buffer.fillMicros() / 1e6), config.drainTimeout().toSeconds(), spool.directory());
      return;
    }
    if (!empty) {
      throw new IOException(String.format("%.1f s of audio were still not acknowledged after %d s; is the broker up?",
          buffer.fillMicros() / 1e6, config.drainTimeout().toSeconds()));
    }
  }

  /** Blocks until the buffer holds nothing, for tests and benchmarks; returns whether it did in time. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    return buffer.awaitEmpty(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    stopped = true;
    publisher.close(Duration.ofSeconds(5));
  }
}
