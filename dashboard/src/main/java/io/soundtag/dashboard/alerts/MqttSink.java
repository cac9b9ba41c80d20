package io.soundtag.dashboard.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes each alert as JSON with QoS 1 to {@code PREFIX/SENSOR/LABEL} on an MQTT broker
 * (Eclipse Paho), connecting again when the connection was lost.
 */
public final class MqttSink implements AlertSink {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MqttClient client;
  private final MqttConnectOptions options = new MqttConnectOptions();
  private final String prefix;

  /**
   * @param serverUri e.g. {@code tcp://127.0.0.1:1883}
   * @param prefix topic prefix, e.g. {@code soundtag/alerts}
   */
  public MqttSink(String serverUri, String prefix) {
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
    options.setCleanSession(true);
    options.setConnectionTimeout(5);
  }

  @Override
  public String name() {
    return "mqtt";
  }

  /** The topic an alert goes to: prefix, sensor and label, with MQTT's special characters replaced. */
  public String topic(Alert alert) {
    return prefix + "/" + level(alert.sensorId()) + "/" + level(alert.label());
  }

  @Override
  public synchronized void send(Alert alert) throws Exception {
    if (!client.isConnected()) {
      client.connect(options);
    }
    MqttMessage message = new MqttMessage(JSON.writeValueAsBytes(alert));
    message.setQos(1);
    client.publish(topic(alert), message);
  }

  private static String level(String s) {
    return s.replaceAll("[/#+\\s]", "_").toLowerCase(Locale.ROOT);
  }

  @Override
  public synchronized void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect(2000);
    }
    client.close();
  }
}
