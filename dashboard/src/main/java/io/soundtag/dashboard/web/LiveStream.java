package io.soundtag.dashboard.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.dashboard.live.BoardSnapshot;
import io.soundtag.dashboard.live.EventView;
import io.soundtag.dashboard.live.LiveBoard;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events to every open page: once a second the board's snapshot, then each page's
 * new events. At most {@link #MAX_CLIENTS} pages at once; a page that stops reading is dropped.
 */
final class LiveStream implements AutoCloseable {

  /** Open pages at most; more are refused with 503. */
  static final int MAX_CLIENTS = 16;
  /** Events sent to one page per tick at most. */
  static final int EVENTS_PER_TICK = 200;

  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

  private final LiveBoard board;
  private final ObjectMapper json;
  private final List<Client> clients = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dashboard-live-stream");
    t.setDaemon(true);
    return t;
  });

  LiveStream(LiveBoard board, ObjectMapper json, long periodMillis) {
    this.board = board;
    this.json = json;
    ticker.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
  }

  /** Whether another page may join. */
  boolean full() {
    return clients.size() >= MAX_CLIENTS;
  }

  /** Streams to {@code out} until the page goes away or the stream closes; blocks the caller. */
  void serve(OutputStream out, long afterEventSeq) throws InterruptedException {
    Client c = new Client(out, afterEventSeq);
    clients.add(c);
    try {
      c.send("hello", "{}");
      c.gone.await();
    } finally {
      clients.remove(c);
    }
  }

  private void tick() {
    if (clients.isEmpty()) {
      return;
    }
    try {
      BoardSnapshot snapshot = board.snapshot(System.currentTimeMillis());
      String shared = json.writeValueAsString(snapshot);
      for (Client c : clients) {
        c.send("snapshot", shared);
        List<EventView> fresh = board.events(null, null, c.eventSeq, EVENTS_PER_TICK);
        if (!fresh.isEmpty()) {
          c.eventSeq = fresh.get(0).seq();
          c.send("events", json.writeValueAsString(Map.of("events", fresh)));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("dashboard live stream tick failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    clients.forEach(Client::drop);
  }

  private static final class Client {
    final OutputStream out;
    final CountDownLatch gone = new CountDownLatch(1);
    long eventSeq;

    Client(OutputStream out, long eventSeq) {
      this.out = out;
      this.eventSeq = eventSeq;
    }

    synchronized void send(String event, String data) {
      try {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        drop();
      }
    }

    void drop() {
      try {
        out.close();
      } catch (IOException ignored) {
        // the page is gone already
      }
      gone.countDown();
    }
  }
}
