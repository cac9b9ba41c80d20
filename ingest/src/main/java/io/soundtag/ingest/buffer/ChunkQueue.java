package io.soundtag.ingest.buffer;

import io.soundtag.ingest.chunk.ChunkSink;
import io.soundtag.schemas.AudioChunk;
import java.util.concurrent.TimeUnit;

/**
 * The chunks between the sources and the producer: accepted from the chunkers, taken in order by
 * the publisher, released when the broker has them. In memory ({@link ChunkBuffer}) or on disk
 * ({@link io.soundtag.ingest.spool.ChunkSpool}).
 */
public interface ChunkQueue extends ChunkSink {

  /**
   * The oldest chunk not yet taken, now in flight; waits up to {@code timeout} for one. Returns
   * {@code null} on timeout or when closed and there is nothing more to take.
   */
  AudioChunk take(long timeout, TimeUnit unit) throws InterruptedException;

  /** The broker has the chunk: it is no longer kept. */
  void release(AudioChunk chunk);

  /**
   * The chunk's delivery failed for good (or the producer was closed with it in flight): it is no
   * longer in flight. A memory queue forgets it; a spool keeps it on disk for the next run.
   */
  void failed(AudioChunk chunk);

  /** Waits until nothing is waiting or in flight; returns whether that happened in time. */
  boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException;

  /** Wakes every waiter; later {@link #accept} calls fail. */
  void close();

  /** Audio kept (waiting + in flight), µs. */
  long fillMicros();

  /** Chunks dropped because the queue was full. */
  long dropped();
}
