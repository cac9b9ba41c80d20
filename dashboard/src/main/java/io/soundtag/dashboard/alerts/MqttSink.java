package io.soundtag.dashboard.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes each alert as JSON with QoS 1 to {@code PREFIX/SENSOR/LABEL} on an MQTT broker
 * (Eclipse Paho), connecting again when the connection was lost.
 *
 * <p>With {@link HomeAssistant} discovery it also keeps {@code PREFIX/status} at {@code online}
 * (retained; the broker sets {@code offline} when the sink goes away, as its last will), and the
 * first alert of a sensor and class announces, retained, a binary sensor
 * ({@code DISCOVERY/binary_sensor/soundtag_SENSOR_LABEL/config}, state on
 * {@code PREFIX/SENSOR/LABEL/state}) and a peak-score sensor
 * ({@code DISCOVERY/sensor/soundtag_SENSOR_LABEL_peak/config}, read from the alert itself), both
 * on one device per sensor. Every alert then sets the binary sensor {@code ON}; Home Assistant
 * turns it off after the configured delay.
 */
public final class MqttSink implements AlertSink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ONLINE = "online";
  private static final String OFFLINE = "offline";

  private final MqttClient client;
  private final MqttConnectOptions options = new MqttConnectOptions();
  private final String prefix;
  private final HomeAssistant homeAssistant;
  private final Set<String> announced = new HashSet<>();

  /**
   * @param serverUri e.g. {@code tcp://127.0.0.1:1883}
   * @param prefix topic prefix, e.g. {@code soundtag/alerts}
   * @param homeAssistant discovery settings, or null for plain alerts only
   */
  public MqttSink(String serverUri, String prefix, HomeAssistant homeAssistant) {
    try {
      this.client = new MqttClient(serverUri, "soundtag-alerts-" + ProcessHandle.current().pid(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException("bad MQTT server URI " + serverUri + " (use tcp://HOST:1883 or ssl://HOST:8883): "
          + e.getMessage(), e);
    }
    if (prefix == null || prefix.isBlank() || prefix.contains("#") || prefix.contains("+")) {
      throw new IllegalArgumentException("the MQTT topic prefix must be a plain topic without wildcards, e.g. soundtag/alerts");
    }
    this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    this.homeAssistant = homeAssistant;
    options.setCleanSession(true);
    options.setConnectionTimeout(5);
    if (homeAssistant != null) {
      options.setWill(statusTopic(), OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
    }
  }

  @Override
  public String name() {
    return "mqtt";
  }

  /** The topic an alert goes to: prefix, sensor and label, with MQTT's special characters replaced. */
  public String topic(Alert alert) {
    return prefix + "/" + level(alert.sensorId()) + "/" + level(alert.label());
  }

  /** Where the sink says whether it is there ({@code online} / {@code offline}), with Home Assistant discovery. */
  public String statusTopic() {
    return prefix + "/status";
  }

  @Override
  public synchronized void send(Alert alert) throws Exception {
    if (!client.isConnected()) {
      client.connect(options);
      if (homeAssistant != null) {
        publish(statusTopic(), ONLINE.getBytes(StandardCharsets.UTF_8), true);
      }
    }
    if (homeAssistant != null && announced.add(topic(alert))) {
      announce(alert);
    }
    publish(topic(alert), JSON.writeValueAsBytes(alert), false);
    if (homeAssistant != null) {
      publish(topic(alert) + "/state", "ON".getBytes(StandardCharsets.UTF_8), true);
    }
  }

  /** The retained discovery configs of the alert's sensor and class. */
  private void announce(Alert alert) throws Exception {
    String id = "soundtag_" + objectId(alert.sensorId()) + "_" + objectId(alert.label());
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("identifiers", List.of("soundtag_" + objectId(alert.sensorId())));
    device.put("name", "soundtag " + alert.sensorId());
    device.put("manufacturer", "soundtag");
    device.put("model", "audio tagging sensor");

    Map<String, Object> binary = common(alert.label(), id, device, topic(alert));
    binary.put("state_topic", topic(alert) + "/state");
    binary.put("payload_on", "ON");
    binary.put("payload_off", "OFF");
    binary.put("off_delay", homeAssistant.offDelay().toSeconds());
    binary.put("device_class", "sound");
    publish(homeAssistant.discoveryPrefix() + "/binary_sensor/" + id + "/config", JSON.writeValueAsBytes(binary), true);

    Map<String, Object> peak = common(alert.label() + " peak score", id + "_peak", device, topic(alert));
    peak.put("state_topic", topic(alert));
    peak.put("value_template", "{{ value_json.peakScore }}");
    peak.put("state_class", "measurement");
    publish(homeAssistant.discoveryPrefix() + "/sensor/" + id + "_peak/config", JSON.writeValueAsBytes(peak), true);
  }

  /** What both entities say: names, availability, the alert JSON as attributes (tier, onset, audio link), the device. */
  private Map<String, Object> common(String name, String uniqueId, Map<String, Object> device, String alertTopic) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("unique_id", uniqueId);
    c.put("object_id", uniqueId);
    c.put("availability_topic", statusTopic());
    c.put("payload_available", ONLINE);
    c.put("payload_not_available", OFFLINE);
    c.put("json_attributes_topic", alertTopic);
    c.put("device", device);
    return c;
  }

  private void publish(String topic, byte[] payload, boolean retained) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(retained);
    client.publish(topic, message);
  }

  private static String level(String s) {
    return s.replaceAll("[/#+\\s]", "_").toLowerCase(Locale.ROOT);
  }

  /** Home Assistant's object ids are letters, digits, '_' and '-'. */
  private static String objectId(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
  }

  @Override
  public synchronized void close() throws MqttException {
    if (client.isConnected()) {
      if (homeAssistant != null) {
        publish(statusTopic(), OFFLINE.getBytes(StandardCharsets.UTF_8), true);
      }
      client.disconnect(2000);
    }
    client.close();
  }
}
