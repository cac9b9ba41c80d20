package io.soundtag.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.audio.MonoAudio;
import io.soundtag.dashboard.audio.SensorAudio;
import io.soundtag.dashboard.live.LiveBoard;
import io.soundtag.dashboard.review.Review;
import io.soundtag.dashboard.review.ReviewKind;
import io.soundtag.dashboard.review.ReviewSink;
import io.soundtag.dashboard.review.ReviewTally;
import io.soundtag.schemas.SoundEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardServerTest {

  static final String TOKEN = "0123456789abcdef0123";
  static final int RATE = 16_000;

  final LiveBoard board = new LiveBoard();
  final List<Review> written = new CopyOnWriteArrayList<>();
  final List<MonoAudio> writtenAudio = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  DashboardServer server;

  /** A sensor that recorded a 440 Hz tone at every instant: any span can be read back. */
  static final SensorAudio TONE = (sensor, from, to) -> {
    if (!sensor.equals("s1")) {
      throw new java.io.IOException("no audio of sensor " + sensor + " is kept");
    }
    float[] x = new float[(int) ((to - from) * RATE / 1_000_000)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * (from / 1e6 + i / (double) RATE)));
    }
    return new SensorAudio.Clip(new MonoAudio(x, RATE), from);
  };

  final ReviewSink sink = (review, audio) -> {
    written.add(review);
    writtenAudio.add(audio);
    return "clip-" + written.size();
  };

  DashboardServer start(boolean readOnly, boolean audio) {
    server = new DashboardServer("127.0.0.1", 0, board, new AccessPolicy(TOKEN, readOnly, audio), audio ? TONE : null,
        sink, new ReviewTally(), null);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> postReview(String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/reviews"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    if (token != null) {
      b.header(AccessPolicy.TOKEN_HEADER, token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static final String CONFIRM = "{\"kind\":\"CONFIRM\",\"sensorId\":\"s1\",\"fromMicros\":10000000,\"toMicros\":11000000,"
      + "\"predicted\":[\"siren\"],\"labels\":[],\"modelVersion\":\"urban:1\",\"reviewer\":\"ana\"}";

  @Test
  void servesThePageAndItsAssetsFromTheJar() throws Exception {
    start(false, true);
    HttpResponse<byte[]> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("/assets/app.js").doesNotContain("https://");
    assertThat(get("/assets/app.js").statusCode()).isEqualTo(200);
    assertThat(get("/assets/app.css").statusCode()).isEqualTo(200);
    assertThat(get("/assets/..%2Fweb%2Fapp.js").statusCode()).isEqualTo(404);
  }

  @Test
  void boundToLoopbackItAnswersOnlyLoopbackHostNames() throws Exception {
    start(false, true);
    // The JDK's client will not send another Host header: speak HTTP by hand.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("GET /api/snapshot HTTP/1.1\r\nHost: evil.example:" + server.port()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403").contains("--bind");
    }
    HttpResponse<String> local = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/snapshot"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(local.statusCode()).isEqualTo(200);
  }

  @Test
  void playbackIsTheSpanWithASecondBeforeAndAfterAsWav() throws Exception {
    start(false, true);
    HttpResponse<byte[]> wav = get("/api/audio.wav?sensor=s1&from=10000000&to=11500000");
    assertThat(wav.statusCode()).isEqualTo(200);
    assertThat(wav.headers().firstValue("Content-Type")).hasValue("audio/wav");
    ByteBuffer b = ByteBuffer.wrap(wav.body()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(b.getInt(24)).isEqualTo(RATE);
    assertThat(b.getInt(40)).as("data bytes: 3.5 s of PCM16").isEqualTo((int) (3.5 * RATE * 2));
    assertThat(wav.headers().firstValue("X-Soundtag-Audio-Start-Micros")).hasValue("9000000");
    assertThat(get("/api/audio.wav?sensor=nope&from=1&to=2").statusCode()).isEqualTo(404);
    assertThat(get("/api/audio.wav?sensor=s1&from=0&to=100000000").statusCode()).isEqualTo(400);
    assertThat(new String(get("/api/audio.wav?sensor=s1&from=x&to=2").body(), StandardCharsets.UTF_8))
        .contains("parameter from must be a whole number");
  }

  @Test
  void theSpectrogramOfASpanComesAsJson() throws Exception {
    start(false, true);
    HttpResponse<byte[]> r = get("/api/spectrogram?sensor=s1&from=0&to=2000000");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"frames\":101").contains("\"bins\":64");
  }

  @Test
  void withNoAudioNeitherSoundNorPicturesAreServed() throws Exception {
    start(false, false);
    HttpResponse<byte[]> wav = get("/api/audio.wav?sensor=s1&from=10000000&to=11000000");
    assertThat(wav.statusCode()).isEqualTo(403);
    assertThat(new String(wav.body(), StandardCharsets.UTF_8)).contains("--no-audio");
    assertThat(get("/api/spectrogram?sensor=s1").statusCode()).isEqualTo(403);
  }

  @Test
  void aReviewNeedsTheTokenAndThenWritesTheSpansAudio() throws Exception {
    start(false, true);
    assertThat(postReview(null, CONFIRM).statusCode()).isEqualTo(401);
    assertThat(postReview("wrong-token-wrong-token", CONFIRM).statusCode()).isEqualTo(403);
    assertThat(written).isEmpty();
    HttpResponse<String> ok = postReview(TOKEN, CONFIRM);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"clipId\":\"clip-1\"");
    assertThat(written).singleElement().satisfies(r -> {
      assertThat(r.kind()).isEqualTo(ReviewKind.CONFIRM);
      assertThat(r.labels()).containsExactly("siren");
      assertThat(r.reviewer()).isEqualTo("ana");
    });
    assertThat(writtenAudio.get(0).samples()).hasSize(RATE);
    assertThat(new String(get("/api/reviews/scores").body(), StandardCharsets.UTF_8))
        .contains("\"reviews\":1").contains("\"label\":\"siren\",\"truePositives\":1");
  }

  @Test
  void aBadReviewIsRefusedWithTheReason() throws Exception {
    start(false, true);
    HttpResponse<String> r = postReview(TOKEN, CONFIRM.replace("\"predicted\":[\"siren\"]", "\"predicted\":[]"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("use CORRECT");
    assertThat(postReview(TOKEN, "{not json").statusCode()).isEqualTo(400);
    assertThat(written).isEmpty();
  }

  @Test
  void readOnlyRefusesEveryWriteEvenWithTheToken() throws Exception {
    start(true, true);
    HttpResponse<String> r = postReview(TOKEN, CONFIRM);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("read-only");
    assertThat(written).isEmpty();
  }

  @Test
  void theLiveStreamSendsSnapshotsAndNewEvents() throws Exception {
    start(false, true);
    board.onEvent(SoundEvent.newBuilder().setSensorId("s1").setLabel("siren").setOnsetMicros(1_000L).setOffsetMicros(null).setPeakScore(0.8f).setModelVersion("urban:1").build());
    HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/api/live?after=-1")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      boolean snapshot = false;
      boolean events = false;
      for (String line = in.readLine(); line != null && !(snapshot && events); line = in.readLine()) {
        if (line.equals("event: snapshot")) {
          snapshot = true;
        } else if (line.equals("event: events")) {
          assertThat(in.readLine()).startsWith("data: ").contains("\"label\":\"siren\"");
          events = true;
        }
      }
      assertThat(snapshot).isTrue();
      assertThat(events).isTrue();
    }
  }
}
