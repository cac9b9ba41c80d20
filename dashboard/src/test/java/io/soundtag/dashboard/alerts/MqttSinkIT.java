package io.soundtag.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts over MQTT to a real broker: Debian's mosquitto, started for the test on a free port. */
class MqttSinkIT {

  static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");

  @TempDir
  Path dir;

  Process broker;
  String uri;

  @BeforeEach
  void startMosquitto() throws Exception {
    assumeTrue(Files.isExecutable(MOSQUITTO), "needs Debian's mosquitto (apt-get install mosquitto); skipped");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
    broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    awaitPort(port);
    uri = "tcp://127.0.0.1:" + port;
  }

  @AfterEach
  void stopMosquitto() throws InterruptedException {
    if (broker != null) {
      broker.destroy();
      broker.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Subscribes to {@code filter} with a fresh client: it gets what is retained first, then what comes. */
  Map.Entry<MqttClient, BlockingQueue<String>> listen(String name, String filter) throws MqttException {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    MqttClient listener = new MqttClient(uri, name, new MemoryPersistence());
    listener.connect();
    listener.subscribe(filter, 1, (topic, m) -> received.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
    return Map.entry(listener, received);
  }

  static Map<String, String> drain(BlockingQueue<String> q, int atLeast) throws InterruptedException {
    Map<String, String> out = new LinkedHashMap<>();
    while (out.size() < atLeast) {
      String m = q.poll(10, TimeUnit.SECONDS);
      if (m == null) {
        break;
      }
      out.put(m.substring(0, m.indexOf(' ')), m.substring(m.indexOf(' ') + 1));
    }
    return out;
  }

  @Test
  void anAlertArrivesOnItsSensorAndLabelTopic() throws Exception {
    var listener = listen("listener", "soundtag/alerts/#");
    try (MqttSink sink = new MqttSink(uri, "soundtag/alerts", null)) {
      sink.send(DeliveryTest.ALERT);
    }
    String got = listener.getValue().poll(10, TimeUnit.SECONDS);
    assertThat(got).startsWith("soundtag/alerts/s1/gunshot {").contains("\"tier\":\"ALERT\"").contains("\"peakScore\":0.9");
    assertThat(listener.getValue().poll(1, TimeUnit.SECONDS)).as("no status or state without Home Assistant").isNull();
    listener.getKey().disconnect();
    listener.getKey().close();
  }

  @Test
  void homeAssistantFindsABinarySensorAndAPeakSensorPerSensorAndClassWithAvailability() throws Exception {
    ObjectMapper json = new ObjectMapper();
    MqttSink sink = new MqttSink(uri, "soundtag/alerts", new HomeAssistant("homeassistant", Duration.ofSeconds(20)));
    sink.send(DeliveryTest.ALERT);
    sink.send(DeliveryTest.ALERT);

    // A Home Assistant that starts later finds everything retained.
    var ha = listen("home-assistant", "homeassistant/#");
    Map<String, String> configs = drain(ha.getValue(), 2);
    assertThat(configs).containsOnlyKeys("homeassistant/binary_sensor/soundtag_s1_gunshot/config",
        "homeassistant/sensor/soundtag_s1_gunshot_peak/config");
    JsonNode binary = json.readTree(configs.get("homeassistant/binary_sensor/soundtag_s1_gunshot/config"));
    assertThat(binary.path("state_topic").asText()).isEqualTo("soundtag/alerts/s1/gunshot/state");
    assertThat(binary.path("payload_on").asText()).isEqualTo("ON");
    assertThat(binary.path("off_delay").asInt()).isEqualTo(20);
    assertThat(binary.path("availability_topic").asText()).isEqualTo("soundtag/alerts/status");
    assertThat(binary.path("json_attributes_topic").asText()).isEqualTo("soundtag/alerts/s1/gunshot");
    assertThat(binary.path("unique_id").asText()).isEqualTo("soundtag_s1_gunshot");
    assertThat(binary.path("device").path("identifiers").get(0).asText()).isEqualTo("soundtag_s1");
    JsonNode peak = json.readTree(configs.get("homeassistant/sensor/soundtag_s1_gunshot_peak/config"));
    assertThat(peak.path("state_topic").asText()).isEqualTo("soundtag/alerts/s1/gunshot");
    assertThat(peak.path("value_template").asText()).isEqualTo("{{ value_json.peakScore }}");
    assertThat(peak.path("device")).isEqualTo(binary.path("device"));
    assertThat(ha.getValue().poll(1, TimeUnit.SECONDS)).as("announced once, not per alert").isNull();

    var states = listen("states", "soundtag/alerts/#");
    Map<String, String> retained = drain(states.getValue(), 2);
    assertThat(retained).containsEntry("soundtag/alerts/status", "online").containsEntry("soundtag/alerts/s1/gunshot/state", "ON");
    sink.close();
    assertThat(drain(states.getValue(), 1)).containsEntry("soundtag/alerts/status", "offline");
    for (var l : List.of(ha, states)) {
      l.getKey().disconnect();
      l.getKey().close();
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
