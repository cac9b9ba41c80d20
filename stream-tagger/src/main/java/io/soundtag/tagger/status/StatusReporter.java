package io.soundtag.tagger.status;

import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an instance's {@link TaggerStatus} every {@code interval} and whenever {@link #report()}
 * is called, on a thread of its own; a failed write is logged and the next one tried, it never
 * stops the reporting. {@link #close()} writes a tombstone, so a stopped instance leaves the board;
 * a crashed one stays with an ageing heartbeat.
 */
public final class StatusReporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final String instanceId;
  private final Supplier<TaggerStatus> status;
  private final ScheduledExecutorService thread;
  private final Duration interval;

  /**
   * @param instanceId the record key
   * @param status the status now, called on the reporter's thread
   */
  public StatusReporter(KafkaConnection kafka, String topic, String instanceId, Duration interval, Supplier<TaggerStatus> status) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the heartbeat interval must be positive, got " + interval);
    }
    this.producer = new KafkaProducer<>(kafka.clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, "soundtag-status-" + instanceId)), new StringSerializer(), new ByteArraySerializer());
    this.topic = topic;
    this.instanceId = instanceId;
    this.interval = interval;
    this.status = status;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "soundtag-status");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the periodic heartbeat. */
  public StatusReporter start() {
    thread.scheduleWithFixedDelay(this::send, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Reports the status now (asynchronously). */
  public void report() {
    try {
      thread.execute(this::send);
    } catch (RejectedExecutionException e) {
      LOG.debug("status reporter closed; not reporting");
    }
  }

  private void send() {
    try {
      producer.send(new ProducerRecord<>(topic, instanceId, Contracts.TAGGER_STATUS.encode(status.get())), (m, e) -> {
        if (e != null) {
          LOG.warn("cannot write the status of {} to {}: {}", instanceId, topic, e.getMessage());
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("cannot write the status of {} to {}: {}", instanceId, topic, e.toString());
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
      producer.send(new ProducerRecord<>(topic, instanceId, null)).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("cannot remove the status of {} from {}: {}", instanceId, topic, e.toString());
    } finally {
      producer.close(Duration.ofSeconds(5));
    }
  }
}
