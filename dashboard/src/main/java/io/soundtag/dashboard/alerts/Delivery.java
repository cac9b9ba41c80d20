package io.soundtag.dashboard.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one sink from its own thread and queue, so a slow or failing sink delays
 * neither the events consumer nor the other sinks. Each alert is tried per the {@link RetryPolicy};
 * after the last failed attempt, or when the queue ({@link #QUEUE} alerts) is full, it is appended
 * to the dead-letter file as one JSON line with the sink, the error and the attempts.
 */
public final class Delivery implements AutoCloseable {

  /** Alerts waiting per sink at most. */
  static final int QUEUE = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertSink sink;
  private final RetryPolicy retry;
  private final Path deadLetters;
  private final ThreadPoolExecutor worker;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public Delivery(AlertSink sink, RetryPolicy retry, Path deadLetters) {
    this.sink = sink;
    this.retry = retry;
    this.deadLetters = deadLetters;
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
      Thread t = new Thread(r, "alerts-" + sink.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code alert} for delivery; returns at once. */
  public void submit(Alert alert) {
    try {
      worker.execute(() -> deliver(alert));
    } catch (RejectedExecutionException e) {
      deadLetter(alert, 0, "queue full (" + QUEUE + " alerts waiting) or delivery closed");
    }
  }

  /** Alerts delivered so far. */
  public long delivered() {
    return delivered.get();
  }

  /** Alerts given up on so far (in the dead-letter file). */
  public long failed() {
    return failed.get();
  }

  private void deliver(Alert alert) {
    String error = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      try {
        Thread.sleep(retry.backoffBefore(attempt).toMillis());
        sink.send(alert);
        delivered.incrementAndGet();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deadLetter(alert, attempt, "stopped before delivery");
        return;
      } catch (Exception e) {
        error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        LOG.debug("alert to {} failed (attempt {} of {}): {}", sink.name(), attempt, retry.attempts(), error);
      }
    }
    deadLetter(alert, retry.attempts(), error);
  }

  private synchronized void deadLetter(Alert alert, int attempts, String error) {
    failed.incrementAndGet();
    LOG.warn("alert {} {} at {} not delivered to {} after {} attempts: {} (kept in {})", alert.label(), alert.sensorId(),
        alert.onsetMicros(), sink.name(), attempts, error, deadLetters);
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("sink", sink.name());
    line.put("attempts", attempts);
    line.put("error", error);
    line.put("alert", alert);
    try {
      Path dir = deadLetters.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.write(deadLetters, (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.error("cannot write the alert dead-letter file {}: {}", deadLetters, e.toString());
    }
  }

  /** Waits up to 5 s for queued alerts, then stops and closes the sink. */
  @Override
  public void close() throws Exception {
    worker.shutdown();
    if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
      worker.shutdownNow();
    }
    sink.close();
  }
}
