package io.soundtag.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {

  @TempDir
  Path dir;

  @Test
  void readsRulesQuietHoursSinksAndRetry() throws Exception {
    Path f = Files.writeString(dir.resolve("alerts.json"), """
        {"zone": "Europe/Berlin",
         "rules": [{"label": "gunshot", "tier": "alert", "minPeak": 0.6}, {"label": "*", "tier": "Record", "minPeak": 0.5},
                   {"label": "siren", "tier": "possible", "minPeak": 0.8, "k": 2, "n": 3, "withinSeconds": 120}],
         "quietHours": [{"sensor": "*", "from": "22:00", "to": "07:00"}],
         "webhook": "http://127.0.0.1:9/hook",
         "mqtt": {"server": "tcp://127.0.0.1:1883", "homeAssistant": {"offDelaySeconds": 45}},
         "retry": {"attempts": 3, "firstBackoffMillis": 100, "maxBackoffMillis": 400}}
        """);
    AlertsConfig c = AlertsConfig.read(f);
    assertThat(c.rules()).extracting(AlertRule::tier).containsExactly(Tier.ALERT, Tier.RECORD, Tier.POSSIBLE);
    assertThat(c.rules().get(0)).extracting(AlertRule::k, AlertRule::n).containsExactly(1, 1);
    assertThat(c.rules().get(2)).extracting(AlertRule::k, AlertRule::n, AlertRule::within)
        .containsExactly(2, 3, Duration.ofSeconds(120));
    assertThat(c.quietHours()).hasSize(1);
    assertThat(c.zone().getId()).isEqualTo("Europe/Berlin");
    assertThat(c.mqttPrefix()).isEqualTo("soundtag/alerts");
    assertThat(c.homeAssistant()).isEqualTo(new HomeAssistant("homeassistant", Duration.ofSeconds(45)));
    assertThat(c.retry().backoffBefore(1)).isEqualTo(Duration.ZERO);
    assertThat(c.retry().backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
    assertThat(c.retry().backoffBefore(3)).isEqualTo(Duration.ofMillis(200));
    assertThat(c.retry().backoffBefore(9)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void saysWhatToFix() throws Exception {
    Path tier = Files.writeString(dir.resolve("a.json"), "{\"rules\": [{\"label\": \"x\", \"tier\": \"loud\"}], \"webhook\": \"http://h/\"}");
    assertThatThrownBy(() -> AlertsConfig.read(tier)).hasMessageContaining("use alert, possible or record");
    Path sink = Files.writeString(dir.resolve("b.json"), "{\"rules\": [{\"label\": \"x\", \"tier\": \"alert\"}]}");
    assertThatThrownBy(() -> AlertsConfig.read(sink)).hasMessageContaining("no alert sink");
    Path time = Files.writeString(dir.resolve("c.json"),
        "{\"rules\": [{\"label\": \"x\", \"tier\": \"alert\"}], \"webhook\": \"http://h/\", \"quietHours\": [{\"from\": \"10pm\", \"to\": \"07:00\"}]}");
    assertThatThrownBy(() -> AlertsConfig.read(time)).hasMessageContaining("times are HH:MM");
    Path kofn = Files.writeString(dir.resolve("d.json"),
        "{\"rules\": [{\"label\": \"x\", \"tier\": \"alert\", \"k\": 4, \"n\": 3}], \"webhook\": \"http://h/\"}");
    assertThatThrownBy(() -> AlertsConfig.read(kofn)).hasMessageContaining("need 1 <= k <= n");
    Path ha = Files.writeString(dir.resolve("e.json"),
        "{\"rules\": [{\"label\": \"x\", \"tier\": \"alert\"}], \"webhook\": \"http://h/\", \"mqtt\": {\"homeAssistant\": true}}");
    assertThatThrownBy(() -> AlertsConfig.read(ha)).hasMessageContaining("Home Assistant discovery goes over MQTT");
  }
}
