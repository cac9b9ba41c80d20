package io.soundtag.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {

  static final Alert ALERT = new Alert(Tier.ALERT, "s1", "gunshot", 1_000_000L, null, 0.9, "urban:1",
      "http://127.0.0.1:8090/api/audio.wav?sensor=s1&from=1000000&to=6000000", 5);
  static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

  @TempDir
  Path dir;

  final List<String> bodies = new CopyOnWriteArrayList<>();
  final AtomicInteger failuresLeft = new AtomicInteger();
  HttpServer hook;

  URI startHook(int failures) throws Exception {
    failuresLeft.set(failures);
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", ex -> {
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 503 : 204, -1);
      ex.close();
    });
    hook.start();
    return URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stop() {
    if (hook != null) {
      hook.stop(0);
    }
  }

  @Test
  void aWebhookThatFailsTwiceGetsTheAlertOnTheThirdAttempt() throws Exception {
    Delivery d = new Delivery(new WebhookSink(startHook(2)), FAST, dir.resolve("dead.jsonl"));
    d.submit(ALERT);
    d.close(); // waits for the queue
    assertThat(bodies).hasSize(3);
    assertThat(bodies.get(2)).contains("\"label\":\"gunshot\"").contains("\"sensorId\":\"s1\"")
        .contains("\"modelVersion\":\"urban:1\"").contains("audio.wav?sensor=s1");
    assertThat(d.delivered()).isEqualTo(1);
    assertThat(dir.resolve("dead.jsonl")).doesNotExist();
  }

  @Test
  void anAlertNoAttemptDeliversGoesToTheDeadLetterFile() throws Exception {
    Delivery d = new Delivery(new WebhookSink(startHook(100)), FAST, dir.resolve("dead.jsonl"));
    d.submit(ALERT);
    d.close();
    assertThat(bodies).hasSize(3);
    assertThat(d.failed()).isEqualTo(1);
    List<String> lines = Files.readAllLines(dir.resolve("dead.jsonl"));
    assertThat(lines).singleElement().asString().contains("\"sink\":\"webhook\"").contains("\"attempts\":3")
        .contains("answered 503").contains("\"label\":\"gunshot\"");
  }

  @Test
  void anAlertWaitingForItsRetryDoesNotHoldBackTheNextOne() throws Exception {
    List<String> sent = new CopyOnWriteArrayList<>();
    AtomicInteger gunshotFailures = new AtomicInteger(1);
    AlertSink sink = new AlertSink() {
      @Override
      public String name() {
        return "test";
      }

      @Override
      public void send(Alert alert) throws Exception {
        boolean fail = alert.label().equals("gunshot") && gunshotFailures.getAndDecrement() > 0;
        sent.add(alert.label() + (fail ? " refused" : " taken"));
        if (fail) {
          throw new java.io.IOException("503");
        }
      }
    };
    Delivery d = new Delivery(sink, new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)), dir.resolve("dead.jsonl"));
    d.submit(ALERT);
    d.submit(new Alert(Tier.ALERT, "s2", "siren", 2_000_000L, null, 0.8, "urban:1", null, 6));
    d.close(); // waits for the retry
    assertThat(sent).containsExactly("gunshot refused", "siren taken", "gunshot taken");
    assertThat(d.delivered()).isEqualTo(2);
  }

  @Test
  void closingGivesUpOnRetriesThatCannotHappenInTimeAndKeepsThemAsDeadLetters() throws Exception {
    Delivery d = new Delivery(new WebhookSink(startHook(100)), new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30)),
        dir.resolve("dead.jsonl"));
    d.submit(ALERT);
    d.close();
    assertThat(bodies).hasSize(1);
    assertThat(d.failed()).isEqualTo(1);
    assertThat(Files.readAllLines(dir.resolve("dead.jsonl"))).singleElement().asString().contains("dashboard closed");
  }
}
