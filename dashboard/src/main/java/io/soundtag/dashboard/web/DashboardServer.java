package io.soundtag.dashboard.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.soundtag.core.audio.MonoAudio;
import io.soundtag.core.audio.WavWriter;
import io.soundtag.dashboard.audio.SensorAudio;
import io.soundtag.dashboard.audio.Spectrograms;
import io.soundtag.dashboard.candidate.CandidateScoring;
import io.soundtag.dashboard.live.LiveBoard;
import io.soundtag.dashboard.review.Review;
import io.soundtag.dashboard.review.ReviewQueue;
import io.soundtag.dashboard.review.ReviewSink;
import io.soundtag.dashboard.review.ReviewTally;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's web server: the page and its assets from the jar, and the API the page uses.
 *
 * <p>Reads are open to whoever can reach the address (it binds 127.0.0.1 unless told otherwise;
 * bound to loopback it answers only requests that name a loopback host, against DNS rebinding);
 * writes go through {@link AccessPolicy}. Audio spans are bounded ({@link #MAX_AUDIO_MICROS}) and
 * request bodies too ({@link #MAX_BODY_BYTES}), so no request can make the server allocate much.
 */
public final class DashboardServer implements AutoCloseable {

  /** Longest span served as audio or spectrogram, padding included. */
  public static final long MAX_AUDIO_MICROS = 62_000_000L;
  /** Padding added before and after a span that is played back. */
  public static final long PLAYBACK_PAD_MICROS = 1_000_000L;
  /** Default spectrogram span: the last ten seconds. */
  public static final long SPECTROGRAM_MICROS = 10_000_000L;
  /** Largest request body read. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final String ASSETS = "/io/soundtag/dashboard/web/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml");

  private final HttpServer server;
  private final ExecutorService pool;
  private final LiveStream live;
  private final LiveBoard board;
  private final AccessPolicy access;
  private final SensorAudio audio;
  private final ReviewSink reviews;
  private final ReviewTally tally;
  private final CandidateScoring candidate;
  private final boolean loopback;
  private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * Starts serving on {@code bind:port} (0 picks a free port).
   *
   * @param audio reads a sensor's audio back, or null when this deployment cannot
   * @param reviews where reviews go, or null when this deployment cannot write them
   * @param candidate the candidate model's disagreements with the served one, or null when it does not run
   */
  public DashboardServer(String bind, int port, LiveBoard board, AccessPolicy access, SensorAudio audio,
      ReviewSink reviews, ReviewTally tally, CandidateScoring candidate) {
    this.board = board;
    this.candidate = candidate;
    this.access = access;
    this.audio = audio;
    this.reviews = reviews;
    this.tally = tally;
    this.live = new LiveStream(board, json, 1000);
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 64);
    } catch (IOException e) {
      live.close();
      throw new UncheckedIOException("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
          + "); choose another --port or --bind", e);
    }
    // Live pages hold a thread each (at most LiveStream.MAX_CLIENTS), so there are always threads for the rest.
    pool = Executors.newFixedThreadPool(LiveStream.MAX_CLIENTS + 16, r -> {
      Thread t = new Thread(r, "dashboard-http");
      t.setDaemon(true);
      return t;
    });
    loopback = server.getAddress().getAddress().isLoopbackAddress();
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) {
    try {
      if (loopback && !localHost(ex.getRequestHeaders().getFirst("Host"))) {
        // A page elsewhere that renamed itself to this address (DNS rebinding) must not read it.
        error(ex, 403, "this dashboard answers only to 127.0.0.1, localhost or [::1]; start it with --bind to serve other names");
        return;
      }
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      Map<String, String> q = query(ex.getRequestURI());
      if (method.equals("POST") && path.equals("/api/reviews")) {
        postReview(ex);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        error(ex, 405, method + " is not allowed on " + path);
      } else if (path.equals("/") || path.equals("/index.html")) {
        asset(ex, "index.html");
      } else if (path.startsWith("/assets/")) {
        asset(ex, path.substring("/assets/".length()));
      } else if (path.equals("/api/config")) {
        send(ex, 200, Map.of("readOnly", access.readOnly(), "audio", access.serveAudio() && audio != null,
            "reviews", !access.readOnly() && reviews != null, "labels", board.labels()));
      } else if (path.equals("/api/snapshot")) {
        send(ex, 200, board.snapshot(System.currentTimeMillis()));
      } else if (path.equals("/api/events")) {
        send(ex, 200, Map.of("events", board.events(blankToNull(q.get("sensor")), blankToNull(q.get("label")), -1,
            (int) Math.min(1000, number(q, "limit", 200)))));
      } else if (path.equals("/api/windows")) {
        send(ex, 200, Map.of("windows", board.windows(required(q, "sensor"))));
      } else if (path.equals("/api/queue")) {
        int limit = (int) Math.min(200, number(q, "limit", 25));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", ReviewQueue.nearThreshold(board.allWindows(), board.lowestTaggedScores(), 0.2, limit));
        out.put("candidateScoring", candidate != null);
        out.put("candidateScored", candidate == null ? 0 : candidate.scored());
        out.put("disagreements", candidate == null ? List.of() : candidate.disagreements(limit));
        send(ex, 200, out);
      } else if (path.equals("/api/reviews/scores")) {
        send(ex, 200, Map.of("reviews", tally.reviews(), "classes", tally.scores()));
      } else if (path.equals("/api/spectrogram")) {
        spectrogram(ex, q);
      } else if (path.equals("/api/audio.wav")) {
        wav(ex, q);
      } else if (path.equals("/api/live")) {
        liveStream(ex, q);
      } else {
        error(ex, 404, "no such page: " + path);
      }
    } catch (IllegalArgumentException e) {
      error(ex, 400, e.getMessage());
    } catch (IOException e) {
      LOG.debug("dashboard request {} failed: {}", ex.getRequestURI(), e.toString());
    } catch (RuntimeException e) {
      LOG.warn("dashboard request {} failed", ex.getRequestURI(), e);
      error(ex, 500, "internal error: " + e);
    } finally {
      ex.close();
    }
  }

  private void liveStream(HttpExchange ex, Map<String, String> q) throws IOException {
    long after = number(q, "after", Long.MAX_VALUE);
    if (!live.join()) {
      error(ex, 503, "too many open dashboard pages (" + LiveStream.MAX_CLIENTS + "); close one");
      return;
    }
    try {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      ex.sendResponseHeaders(200, 0);
    } catch (IOException e) {
      live.leave();
      throw e;
    }
    try {
      live.serve(ex.getResponseBody(), after);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void spectrogram(HttpExchange ex, Map<String, String> q) throws IOException {
    if (!audioAllowed(ex)) {
      return;
    }
    String sensor = required(q, "sensor");
    long to = number(q, "to", System.currentTimeMillis() * 1000);
    long from = number(q, "from", to - SPECTROGRAM_MICROS);
    checkSpan(from, to);
    SensorAudio.Clip clip;
    try {
      clip = audio.read(sensor, from, to);
    } catch (IOException e) {
      error(ex, 404, e.getMessage());
      return;
    }
    send(ex, 200, Spectrograms.of(clip));
  }

  private void wav(HttpExchange ex, Map<String, String> q) throws IOException {
    if (!audioAllowed(ex)) {
      return;
    }
    String sensor = required(q, "sensor");
    long from = number(q, "from", Long.MIN_VALUE) - PLAYBACK_PAD_MICROS;
    long to = number(q, "to", Long.MIN_VALUE) + PLAYBACK_PAD_MICROS;
    checkSpan(from, to);
    SensorAudio.Clip clip;
    try {
      clip = audio.read(sensor, from, to);
    } catch (IOException e) {
      error(ex, 404, e.getMessage());
      return;
    }
    byte[] wav = WavWriter.toPcm16Wav(clip.audio());
    ex.getResponseHeaders().set("Content-Type", "audio/wav");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Soundtag-Audio-Start-Micros", Long.toString(clip.startMicros()));
    ex.getResponseHeaders().set("Content-Disposition", "inline; filename=\"" + sensor.replaceAll("[^A-Za-z0-9._-]", "_")
        + "-" + clip.startMicros() + ".wav\"");
    ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : wav.length);
    if (!ex.getRequestMethod().equals("HEAD")) {
      ex.getResponseBody().write(wav);
    }
  }

  private boolean audioAllowed(HttpExchange ex) throws IOException {
    AccessPolicy.Refusal no = access.checkAudio();
    if (no != null) {
      error(ex, no.status(), no.message());
      return false;
    }
    if (audio == null) {
      error(ex, 503, "this dashboard has no access to the audio topic");
      return false;
    }
    return true;
  }

  private void postReview(HttpExchange ex) throws IOException {
    AccessPolicy.Refusal no = access.checkWrite(ex.getRequestHeaders().getFirst(AccessPolicy.TOKEN_HEADER));
    if (no != null) {
      error(ex, no.status(), no.message());
      return;
    }
    if (reviews == null || audio == null) {
      error(ex, 503, "this dashboard cannot write reviews (no audio or labels topic access)");
      return;
    }
    Review review;
    try {
      review = json.readValue(body(ex), Review.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new BadRequest("not a review: " + cause.getMessage().lines().findFirst().orElse(""));
    }
    SensorAudio.Clip clip;
    try {
      clip = audio.read(review.sensorId(), review.fromMicros(), review.toMicros());
    } catch (IOException e) {
      error(ex, 404, "cannot review: " + e.getMessage());
      return;
    }
    MonoAudio span = clip.audio();
    String clipId = reviews.write(review, span);
    tally.put(clipId, review);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("clipId", clipId);
    out.put("seconds", span.seconds());
    send(ex, 200, out);
  }

  private byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] b = in.readNBytes(MAX_BODY_BYTES + 1);
      if (b.length > MAX_BODY_BYTES) {
        throw new BadRequest("request body over " + MAX_BODY_BYTES + " bytes");
      }
      return b;
    }
  }

  private void asset(HttpExchange ex, String name) throws IOException {
    if (!name.matches("[A-Za-z0-9_-]+\\.[a-z]+")) {
      error(ex, 404, "no such asset");
      return;
    }
    try (InputStream in = DashboardServer.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        error(ex, 404, "no such asset: " + name);
        return;
      }
      byte[] bytes = in.readAllBytes();
      String ext = name.substring(name.lastIndexOf('.') + 1);
      ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
      ex.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self'; script-src 'self'");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
    }
  }

  private void send(HttpExchange ex, int status, Object value) throws IOException {
    byte[] bytes = json.writeValueAsBytes(value);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private void error(HttpExchange ex, int status, String message) {
    try {
      send(ex, status, Map.of("error", message));
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot send error {} to {}: {}", status, ex.getRemoteAddress(), e.toString());
    }
  }

  private static boolean localHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    return name.equals("127.0.0.1") || name.equalsIgnoreCase("localhost") || name.equals("[::1]");
  }

  private static void checkSpan(long from, long to) {
    if (to <= from || to - from > MAX_AUDIO_MICROS) {
      throw new BadRequest("give from and to (µs since the epoch), to after from and at most "
          + MAX_AUDIO_MICROS / 1_000_000 + " s apart");
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String required(Map<String, String> q, String name) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      throw new BadRequest("parameter " + name + " is required");
    }
    return v;
  }

  private static long number(Map<String, String> q, String name, long fallback) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      if (fallback == Long.MIN_VALUE) {
        throw new BadRequest("parameter " + name + " is required");
      }
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new BadRequest("parameter " + name + " must be a whole number, got " + v);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  @Override
  public void close() {
    live.close();
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request the page should not have made; answered with 400 and the message. */
  private static final class BadRequest extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
