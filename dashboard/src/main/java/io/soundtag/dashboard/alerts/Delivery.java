package io.soundtag.dashboard.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one sink from its own thread, so a slow or failing sink delays neither the
 * events consumer nor the other sinks. Each alert is tried per the {@link RetryPolicy}; a retry
 * waits its back-off as a scheduled task, not on the thread, so alerts raised meanwhile go out at
 * once rather than queue behind it. After the last failed attempt, or when {@link #QUEUE} alerts
 * are already waiting, an alert is appended to the dead-letter file as one JSON line with the
 * sink, the error and the attempts.
 */
public final class Delivery implements AutoCloseable {

  /** Alerts waiting per sink at most (first attempts and retries). */
  static final int QUEUE = 1000;
  /** How long {@link #close} waits for alerts still being tried. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertSink sink;
  private final RetryPolicy retry;
  private final Path deadLetters;
  private final ScheduledThreadPoolExecutor worker;
  /** Alerts submitted and not yet delivered or given up on (by identity: two equal alerts are two deliveries). */
  private final Set<Alert> waiting = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public Delivery(AlertSink sink, RetryPolicy retry, Path deadLetters) {
    this.sink = sink;
    this.retry = retry;
    this.deadLetters = deadLetters;
    this.worker = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "alerts-" + sink.name());
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues {@code alert} for delivery; returns at once. */
  public void submit(Alert alert) {
    if (waiting.size() >= QUEUE) {
      deadLetter(alert, 0, "queue full (" + QUEUE + " alerts waiting)");
      return;
    }
    waiting.add(alert);
    try {
      worker.execute(() -> attempt(alert, 1));
    } catch (RejectedExecutionException e) {
      done(alert);
      deadLetter(alert, 0, "delivery closed");
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

  private void attempt(Alert alert, int attempt) {
    try {
      sink.send(alert);
      delivered.incrementAndGet();
      done(alert);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done(alert);
      deadLetter(alert, attempt, "stopped before delivery");
      return;
    } catch (Exception e) {
      String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      LOG.debug("alert to {} failed (attempt {} of {}): {}", sink.name(), attempt, retry.attempts(), error);
      if (attempt >= retry.attempts()) {
        done(alert);
        deadLetter(alert, attempt, error);
        return;
      }
      try {
        worker.schedule(() -> attempt(alert, attempt + 1), retry.backoffBefore(attempt + 1).toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        done(alert);
        deadLetter(alert, attempt, "stopped before the next attempt; last error: " + error);
      }
    }
  }

  private void done(Alert alert) {
    synchronized (waiting) {
      waiting.remove(alert);
      waiting.notifyAll();
    }
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

  /**
   * Waits up to {@link #CLOSE_WAIT} for the alerts still being tried (retries included), then
   * stops, puts what is left in the dead-letter file and closes the sink.
   */
  @Override
  public void close() throws Exception {
    long until = System.nanoTime() + CLOSE_WAIT.toNanos();
    synchronized (waiting) {
      while (!waiting.isEmpty() && System.nanoTime() < until) {
        waiting.wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
      }
    }
    worker.shutdownNow();
    worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    List<Alert> left;
    synchronized (waiting) {
      left = List.copyOf(waiting);
    }
    for (Alert a : left) {
      done(a);
      deadLetter(a, 0, "stopped before delivery (the dashboard closed)");
    }
    sink.close();
  }
}
