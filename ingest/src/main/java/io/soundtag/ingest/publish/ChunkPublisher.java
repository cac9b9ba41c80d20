package io.soundtag.ingest.publish;

import io.soundtag.ingest.buffer.ChunkQueue;
import io.soundtag.schemas.AudioChunk;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves chunks from the {@link ChunkQueue} to Kafka on one thread: each chunk is sent keyed by
 * its sensor id and released from the buffer when the broker acknowledges it. The producer waits
 * for the broker's metadata without a deadline (see {@link io.soundtag.ingest.IngestPipeline#connect}), so an outage,
 * however long, only makes {@code send} wait; a delivery that fails for good (the producer retries
 * everything retriable without a deadline) is fatal and reported by {@link #failure()}.
 */
public final class ChunkPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkPublisher.class);

  /** Receives each acknowledged chunk with its send→ack latency. */
  public interface Acknowledgements {
    void acknowledged(AudioChunk chunk, double latencySeconds);

    void failed(AudioChunk chunk, Exception error);
  }

  private final Producer<String, AudioChunk> producer;
  private final String topic;
  private final ChunkQueue buffer;
  private final Acknowledgements acks;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean running = true;

  public ChunkPublisher(Producer<String, AudioChunk> producer, String topic, ChunkQueue buffer, Acknowledgements acks) {
    this.producer = producer;
    this.topic = topic;
    this.buffer = buffer;
    this.acks = acks;
    this.thread = new Thread(this::loop, "soundtag-ingest-publisher");
    this.thread.setDaemon(true);
  }

  public ChunkPublisher start() {
    thread.start();
    return this;
  }

  private void loop() {
    try {
      while (running && failure.get() == null) {
        AudioChunk chunk = buffer.take(100, TimeUnit.MILLISECONDS);
        if (chunk != null) {
          send(chunk);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(AudioChunk chunk) throws InterruptedException {
    ProducerRecord<String, AudioChunk> record = new ProducerRecord<>(topic, chunk.getSensorId().toString(), chunk);
    while (running) {
      long sentNanos = System.nanoTime();
      try {
        producer.send(record, (metadata, error) -> {
          if (error == null) {
            acks.acknowledged(chunk, (System.nanoTime() - sentNanos) / 1e9);
            buffer.release(chunk);
          } else {
            failure.compareAndSet(null, error);
            acks.failed(chunk, error);
            buffer.failed(chunk);
          }
        });
        return;
      } catch (RetriableException e) {
        LOG.warn("cannot hand chunk {}/{} to the producer yet ({}); retrying", chunk.getSensorId(), chunk.getSequence(),
            e.getMessage());
        Thread.sleep(200);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, e);
        acks.failed(chunk, e);
        buffer.failed(chunk);
        return;
      }
    }
    buffer.failed(chunk);
  }

  /** The first delivery error, if any; the publisher stops sending after it. */
  public Exception failure() {
    return failure.get();
  }

  /**
   * Waits until the buffer is empty and everything sent is acknowledged.
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    return buffer.awaitEmpty(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops the thread and closes the producer, giving in-flight sends up to {@code timeout}. */
  public void close(Duration timeout) {
    running = false;
    buffer.close();
    try {
      thread.join(timeout.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(timeout);
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
