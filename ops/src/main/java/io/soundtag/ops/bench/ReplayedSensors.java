package io.soundtag.ops.bench;

import io.soundtag.ingest.publish.ProducerSettings;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sensors that replay a {@link SceneAudioPool} into {@code audio.chunks}: every tick, one chunk per
 * sensor, chunk {@code k} of sensor {@code i} captured at {@code origin + φᵢ + k·chunk}. The phase
 * {@code φᵢ} is 0 for every sensor unless given ({@link #randomPhases}): synchronised sensors all
 * send on the same tick, the worst case for a tagger's latency; staggered ones spread their chunks
 * over the chunk period as independent real sensors do. At speed 1 a chunk is sent when its audio
 * would have finished being captured (real time); at speed {@code s} the clock runs {@code s} times
 * faster; at speed 0 as fast as the producer takes them.
 */
public final class ReplayedSensors implements AutoCloseable {

  private final SceneAudioPool pool;
  private final List<String> ids = new ArrayList<>();
  private final KafkaProducer<String, AudioChunk> producer;
  private final double speed;
  private final long[] phaseMicros;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile long originMicros = Long.MIN_VALUE;
  private volatile long ticksSent;
  private volatile boolean stopped;

  /**
   * @param settings producer settings (compression, linger)
   * @param prefix sensor ids are {@code prefix-0000}, …
   * @param sensors how many
   * @param speed 1 for real time, more for faster, 0 for as fast as possible
   */
  public ReplayedSensors(ProducerSettings settings, SceneAudioPool pool, String prefix, int sensors, double speed) {
    this(settings, pool, prefix, sensors, speed, new long[Math.max(0, sensors)]);
  }

  /**
   * Sensors whose chunks are offset from the common tick by {@code phaseMicros[i]}, each in
   * {@code [0, chunk)}.
   */
  public ReplayedSensors(ProducerSettings settings, SceneAudioPool pool, String prefix, int sensors, double speed,
      long[] phaseMicros) {
    if (sensors < 1) {
      throw new IllegalArgumentException("need at least one sensor, got " + sensors);
    }
    if (phaseMicros.length != sensors) {
      throw new IllegalArgumentException("need one phase per sensor: " + phaseMicros.length + " for " + sensors);
    }
    for (long p : phaseMicros) {
      if (p < 0 || p >= pool.chunkMicros()) {
        throw new IllegalArgumentException("phase " + p + " µs is outside one chunk period [0, " + pool.chunkMicros() + ")");
      }
    }
    this.phaseMicros = phaseMicros.clone();
    if (!(speed >= 0)) {
      throw new IllegalArgumentException("speed must be >= 0, got " + speed);
    }
    this.pool = pool;
    for (int i = 0; i < sensors; i++) {
      ids.add(String.format("%s-%04d", prefix, i));
    }
    this.producer = new KafkaProducer<>(settings.properties(), new StringSerializer(), ContractSerdes.audioChunk().serializer());
    this.speed = speed;
  }

  /** Phases fixed by {@code seed}, uniform in {@code [0, chunkMicros)}: unsynchronised sensors. */
  public static long[] randomPhases(int sensors, long chunkMicros, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return IntStream.range(0, sensors).mapToLong(i -> random.nextLong(chunkMicros)).toArray();
  }

  /** Sensor {@code i}'s offset from the common tick, µs. */
  public long phaseMicros(int sensor) {
    return phaseMicros[sensor];
  }

  public List<String> sensorIds() {
    return List.copyOf(ids);
  }

  /** Capture time of every sensor's first sample, µs since the epoch ({@code Long.MIN_VALUE} before {@link #run}). */
  public long originMicros() {
    return originMicros;
  }

  /** Chunks each sensor has sent so far. */
  public long chunksPerSensor() {
    return ticksSent;
  }

  /** Makes {@link #run} return after the current tick. */
  public void stop() {
    stopped = true;
  }

  /** {@link #run} on a thread of its own, so that the caller measures while the sensors send. */
  public Background inBackground(long chunks, long originMicros, String threadName) {
    return new Background(this, chunks, originMicros, threadName);
  }

  /** A replay running on its own thread; what stopped it, if anything, is thrown to the caller. */
  public static final class Background {
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    private Background(ReplayedSensors replay, long chunks, long originMicros, String threadName) {
      thread = new Thread(() -> {
        try {
          replay.run(chunks, originMicros);
        } catch (Exception e) {
          failure.set(e);
        }
      }, threadName);
      thread.start();
    }

    /** Throws what stopped the replay, if it has failed. */
    public void throwIfFailed() throws Exception {
      if (failure.get() != null) {
        throw failure.get();
      }
    }

    /** Waits until the replay has ended, then throws what stopped it, if it failed. */
    public void join() throws Exception {
      thread.join();
      throwIfFailed();
    }
  }

  /**
   * Sends {@code chunks} chunks per sensor (or until {@link #stop()}), then flushes.
   *
   * @param originMicros capture time of the first sample
   * @return chunks sent per sensor
   */
  public long run(long chunks, long originMicros) throws Exception {
    this.originMicros = originMicros;
    long chunkMicros = pool.chunkMicros();
    long startNanos = System.nanoTime();
    long tick = 0;
    // Sensors in phase order, so each is sent when its own chunk has been captured.
    int[] order = IntStream.range(0, ids.size()).boxed()
        .sorted(Comparator.comparingLong(i -> phaseMicros[i])).mapToInt(Integer::intValue).toArray();
    for (; tick < chunks && !stopped; tick++) {
      for (int s : order) {
        if (speed > 0) {
          long due = startNanos + (long) (((tick + 1) * chunkMicros + phaseMicros[s]) * 1000 / speed);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          }
        }
        long capture = originMicros + tick * chunkMicros + phaseMicros[s];
        AudioChunk chunk = AudioChunk.newBuilder()
            .setSensorId(ids.get(s))
            .setSequence(tick)
            .setCaptureStartMicros(capture)
            .setSampleRate(pool.sampleRate())
            .setChannels(1)
            .setEncoding(SampleEncoding.PCM16LE)
            .setPayload(ByteBuffer.wrap(pool.payload(s, tick)))
            .build();
        producer.send(new ProducerRecord<>(Topics.AUDIO_CHUNKS, ids.get(s), chunk), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      ticksSent = tick + 1;
      if (failure.get() != null) {
        throw failure.get();
      }
    }
    producer.flush();
    if (failure.get() != null) {
      throw failure.get();
    }
    return tick;
  }

  @Override
  public void close() {
    stopped = true;
    producer.close();
  }
}
