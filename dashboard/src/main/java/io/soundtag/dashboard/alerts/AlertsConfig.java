package io.soundtag.dashboard.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alert rules and sinks, read from a JSON file:
 *
 * <pre>{@code
 * {
 *   "zone": "Europe/Berlin",
 *   "rules": [ {"label": "gunshot", "tier": "alert", "minPeak": 0.6},
 *              {"label": "siren", "tier": "possible", "minPeak": 0.8, "k": 2, "n": 3, "withinSeconds": 120},
 *              {"label": "*", "tier": "record", "minPeak": 0.5} ],
 *   "quietHours": [ {"sensor": "*", "from": "22:00", "to": "07:00"} ],
 *   "webhook": "https://ops.example/hooks/soundtag",
 *   "mqtt": {"server": "tcp://127.0.0.1:1883", "prefix": "soundtag/alerts",
 *            "homeAssistant": {"discoveryPrefix": "homeassistant", "offDelaySeconds": 30}},
 *   "retry": {"attempts": 5, "firstBackoffMillis": 500, "maxBackoffMillis": 30000},
 *   "deadLetterFile": "alerts-dead-letters.jsonl"
 * }
 * }</pre>
 *
 * @param rules per-class rules
 * @param quietHours per-sensor quiet hours
 * @param zone the zone quiet hours are in
 * @param webhook the webhook URL, or null
 * @param mqttServer the MQTT broker URI, or null
 * @param mqttPrefix the MQTT topic prefix
 * @param homeAssistant Home Assistant discovery over MQTT ({@code "homeAssistant": true} or its settings), or null
 * @param retry how each sink is retried
 * @param deadLetterFile where undeliverable alerts go
 */
public record AlertsConfig(List<AlertRule> rules, List<QuietHours> quietHours, ZoneId zone, URI webhook, String mqttServer,
    String mqttPrefix, HomeAssistant homeAssistant, RetryPolicy retry, Path deadLetterFile) {

  public AlertsConfig {
    rules = List.copyOf(rules);
    quietHours = List.copyOf(quietHours);
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("no alert rules: add at least one {\"label\": …, \"tier\": …, \"minPeak\": …}");
    }
    if (webhook == null && mqttServer == null) {
      throw new IllegalArgumentException("no alert sink: give \"webhook\" or \"mqtt\"");
    }
    if (homeAssistant != null && mqttServer == null) {
      throw new IllegalArgumentException("Home Assistant discovery goes over MQTT: give \"mqtt\": {\"server\": …}");
    }
  }

  /** Reads and validates the file; every message names what to fix. */
  public static AlertsConfig read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the alerts file " + file + ": " + e.getMessage(), e);
    }
    try {
      List<AlertRule> rules = new ArrayList<>();
      for (JsonNode r : root.path("rules")) {
        rules.add(new AlertRule(r.path("label").asText(null), tier(r.path("tier").asText("")), r.path("minPeak").asDouble(0),
            r.path("k").asInt(1), r.path("n").asInt(r.path("k").asInt(1)),
            Duration.ofSeconds(r.path("withinSeconds").asLong(AlertRule.DEFAULT_WITHIN.toSeconds()))));
      }
      List<QuietHours> quiet = new ArrayList<>();
      for (JsonNode q : root.path("quietHours")) {
        quiet.add(new QuietHours(q.path("sensor").asText("*"), LocalTime.parse(q.path("from").asText("")),
            LocalTime.parse(q.path("to").asText(""))));
      }
      ZoneId zone = root.hasNonNull("zone") ? ZoneId.of(root.get("zone").asText()) : ZoneId.systemDefault();
      URI webhook = root.hasNonNull("webhook") ? URI.create(root.get("webhook").asText()) : null;
      JsonNode mqtt = root.path("mqtt");
      RetryPolicy defaults = RetryPolicy.defaults();
      JsonNode retry = root.path("retry");
      RetryPolicy policy = new RetryPolicy(retry.path("attempts").asInt(defaults.attempts()),
          Duration.ofMillis(retry.path("firstBackoffMillis").asLong(defaults.firstBackoff().toMillis())),
          Duration.ofMillis(retry.path("maxBackoffMillis").asLong(defaults.maxBackoff().toMillis())));
      Path dead = Path.of(root.path("deadLetterFile").asText("alerts-dead-letters.jsonl"));
      return new AlertsConfig(rules, quiet, zone, webhook, mqtt.hasNonNull("server") ? mqtt.get("server").asText() : null,
          mqtt.path("prefix").asText("soundtag/alerts"), homeAssistant(mqtt.path("homeAssistant")), policy, dead);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage() + " (times are HH:MM, zones like Europe/Berlin)", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static HomeAssistant homeAssistant(JsonNode node) {
    if (node.isMissingNode() || node.isNull() || (node.isBoolean() && !node.asBoolean())) {
      return null;
    }
    if (node.isBoolean()) {
      return HomeAssistant.defaults();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("mqtt.homeAssistant is true or {\"discoveryPrefix\": …, \"offDelaySeconds\": …}");
    }
    return new HomeAssistant(node.path("discoveryPrefix").asText(HomeAssistant.DEFAULT_PREFIX),
        Duration.ofSeconds(node.path("offDelaySeconds").asLong(HomeAssistant.DEFAULT_OFF_DELAY.toSeconds())));
  }

  private static Tier tier(String name) {
    try {
      return Tier.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown tier '" + name + "'; use alert, possible or record", e);
    }
  }
}
