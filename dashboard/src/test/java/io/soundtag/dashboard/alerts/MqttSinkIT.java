package io.soundtag.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts over MQTT to a real broker: Debian's mosquitto, started for the test on a free port. */
class MqttSinkIT {

  static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

  @TempDir
  Path dir;

  @Test
  void anAlertArrivesOnItsSensorAndLabelTopic() throws Exception {
    assumeTrue(Files.isExecutable(MOSQUITTO), "needs Debian's mosquitto (apt-get install mosquitto); skipped");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
    Process broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    try {
      awaitPort(port);
      String uri = "tcp://127.0.0.1:" + port;
      BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
      MqttClient listener = new MqttClient(uri, "listener", new MemoryPersistence());
      listener.connect();
      listener.subscribe("soundtag/alerts/#", 1, (topic, m) -> received.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
      try (MqttSink sink = new MqttSink(uri, "soundtag/alerts")) {
        sink.send(DeliveryTest.ALERT);
      }
      String got = received.poll(10, TimeUnit.SECONDS);
      assertThat(got).startsWith("soundtag/alerts/s1/gunshot {").contains("\"tier\":\"ALERT\"").contains("\"peakScore\":0.9");
      listener.disconnect();
      listener.close();
    } finally {
      broker.destroy();
      broker.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("mosquitto did not listen on " + port);
  }
}
