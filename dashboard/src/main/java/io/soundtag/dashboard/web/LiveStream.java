package io.soundtag.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.dashboard.live.EventView;
import io.soundtag.dashboard.live.LiveBoard;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to every open page: once a period the board's snapshot, then the page's new
 * events. The snapshot is made once per period for all pages; each page is written from its own
 * request thread, so a page that stops reading holds up nobody else. At most {@link #MAX_CLIENTS}
 * pages at once.
 */
final class LiveStream implements AutoCloseable {

  /** Open pages at most; more are refused with 503. */
  static final int MAX_CLIENTS = 16;
  /** Events sent to one page per period at most. */
  static final int EVENTS_PER_TICK = 200;

  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

  private final LiveBoard board;
  private final ObjectMapper json;
  private final AtomicInteger clients = new AtomicInteger();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dashboard-live-stream");
    t.setDaemon(true);
    return t;
  });
  private final Object tick = new Object();
  private long version;
  private String snapshot;
  private boolean closed;

  LiveStream(LiveBoard board, ObjectMapper json, long periodMillis) {
    this.board = board;
    this.json = json;
    ticker.scheduleAtFixedRate(this::snap, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Takes a place for a page, or returns false when {@link #MAX_CLIENTS} are open. */
  boolean join() {
    if (clients.incrementAndGet() > MAX_CLIENTS) {
      clients.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives back a place taken by {@link #join} for a page that will not be served. */
  void leave() {
    clients.decrementAndGet();
  }

  /**
   * Streams to {@code out} until the page goes away or the stream closes, then gives back its
   * place; blocks the caller. Call only after {@link #join} returned true.
   */
  void serve(OutputStream out, long afterEventSeq) throws InterruptedException {
    long seen = 0; // version 0 has no snapshot yet: wait for the first
    long eventSeq = afterEventSeq;
    try {
      write(out, "hello", "{}");
      while (true) {
        String shared;
        synchronized (tick) {
          while (version == seen && !closed) {
            tick.wait(15_000);
            if (version == seen && !closed) {
              out.write(": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII));
              out.flush();
            }
          }
          if (closed) {
            return;
          }
          seen = version;
          shared = snapshot;
        }
        write(out, "snapshot", shared);
        List<EventView> fresh = board.events(null, null, eventSeq, EVENTS_PER_TICK);
        if (!fresh.isEmpty()) {
          eventSeq = fresh.get(0).seq();
          write(out, "events", json.writeValueAsString(Map.of("events", fresh)));
        }
      }
    } catch (IOException e) {
      LOG.debug("a live page went away: {}", e.toString());
    } finally {
      clients.decrementAndGet();
    }
  }

  private void snap() {
    if (clients.get() == 0) {
      return;
    }
    try {
      String s = json.writeValueAsString(board.snapshot(System.currentTimeMillis()));
      synchronized (tick) {
        snapshot = s;
        version++;
        tick.notifyAll();
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("dashboard live snapshot failed: {}", e.toString());
    }
  }

  private static void write(OutputStream out, String event, String data) throws IOException {
    out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    synchronized (tick) {
      closed = true;
      tick.notifyAll();
    }
  }
}
