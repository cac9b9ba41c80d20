package io.soundtag.ingest.buffer;

import io.soundtag.ingest.IngestMetrics;
import io.soundtag.schemas.AudioChunk;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The chunks between the sources and the broker, bounded in microseconds of audio. A chunk counts
 * against the bound from {@link #accept} until the broker acknowledges it; so while the broker is
 * down, the bound is exactly how much audio is kept. At most a quarter of the capacity may be in
 * flight (handed to the producer, not yet acknowledged); the rest waits here, where the overflow
 * policy can still drop it.
 */
public final class ChunkBuffer implements ChunkQueue {

  private final long capacityMicros;
  private final long inFlightLimitMicros;
  private final OverflowPolicy policy;
  private final IngestMetrics metrics;
  private final ArrayDeque<AudioChunk> queued = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long queuedMicros;
  private long inFlightMicros;
  private int inFlightChunks;
  private long dropped;
  private boolean closed;

  public ChunkBuffer(long capacityMicros, OverflowPolicy policy, IngestMetrics metrics) {
    if (capacityMicros <= 0) {
      throw new IllegalArgumentException("buffer capacity must be positive, got " + capacityMicros + " µs");
    }
    this.capacityMicros = capacityMicros;
    this.inFlightLimitMicros = Math.max(1, capacityMicros / 4);
    this.policy = policy;
    this.metrics = metrics;
    metrics.bufferCapacity(capacityMicros / 1e6);
  }

  /** Audio duration of a chunk in µs. */
  public static long durationMicros(AudioChunk chunk) {
    int bytesPerSample = switch (chunk.getEncoding()) {
      case PCM16LE -> 2;
      case FLOAT32LE -> 4;
    };
    long frames = chunk.getPayload().remaining() / ((long) bytesPerSample * chunk.getChannels());
    return frames * 1_000_000L / chunk.getSampleRate();
  }

  /** Adds a chunk, dropping the oldest waiting chunks or waiting for room, as the policy says. */
  @Override
  public void accept(AudioChunk chunk) throws InterruptedException {
    long micros = durationMicros(chunk);
    if (micros > capacityMicros) {
      throw new IllegalArgumentException("a " + micros / 1000 + " ms chunk does not fit a " + capacityMicros / 1000
          + " ms buffer; raise --buffer-seconds or lower --chunk-ms");
    }
    lock.lock();
    try {
      while (!closed && queuedMicros + inFlightMicros + micros > capacityMicros) {
        if (policy == OverflowPolicy.DROP_OLDEST && !queued.isEmpty()) {
          AudioChunk oldest = queued.pollFirst();
          queuedMicros -= durationMicros(oldest);
          dropped++;
          metrics.dropped(oldest);
        } else {
          changed.await();
        }
      }
      if (closed) {
        throw new IllegalStateException("the buffer is closed");
      }
      queued.addLast(chunk);
      queuedMicros += micros;
      publishFill();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The oldest waiting chunk, now in flight; waits up to {@code timeout} for one (and for room in
   * the in-flight window). Returns {@code null} on timeout or when closed and empty.
   */
  @Override
  public AudioChunk take(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (queued.isEmpty() || (inFlightChunks > 0 && inFlightMicros + durationMicros(queued.peekFirst()) > inFlightLimitMicros)) {
        if (closed && queued.isEmpty()) {
          return null;
        }
        if (nanos <= 0) {
          return null;
        }
        nanos = changed.awaitNanos(nanos);
      }
      AudioChunk chunk = queued.pollFirst();
      long micros = durationMicros(chunk);
      queuedMicros -= micros;
      inFlightMicros += micros;
      inFlightChunks++;
      return chunk;
    } finally {
      lock.unlock();
    }
  }

  /** The broker has the chunk (or it failed for good): it no longer counts against the bound. */
  @Override
  public void release(AudioChunk chunk) {
    lock.lock();
    try {
      inFlightMicros -= durationMicros(chunk);
      inFlightChunks--;
      publishFill();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The chunk is lost: in memory there is nothing to keep it in. */
  @Override
  public void failed(AudioChunk chunk) {
    release(chunk);
  }

  /** Waits until nothing is queued or in flight; returns whether that happened in time. */
  @Override
  public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (!queued.isEmpty() || inFlightChunks > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiter; later {@link #accept} calls fail, {@link #take} drains what is left. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void publishFill() {
    metrics.bufferFill((queuedMicros + inFlightMicros) / 1e6);
  }

  /** Audio held (waiting + in flight), µs. */
  @Override
  public long fillMicros() {
    lock.lock();
    try {
      return queuedMicros + inFlightMicros;
    } finally {
      lock.unlock();
    }
  }

  public long capacityMicros() {
    return capacityMicros;
  }

  public OverflowPolicy policy() {
    return policy;
  }

  /** Chunks dropped by the drop-oldest policy. */
  @Override
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }
}
