package io.soundtag.dashboard.alerts;

import io.soundtag.schemas.SoundEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which sound events become alerts: the rule of the event's label (else the {@code *}
 * rule, else none), its minimum peak score, its k-of-n over the sensor's recent sounds of that
 * class, and the sensor's quiet hours (which turn a {@link Tier#POSSIBLE} into a
 * {@link Tier#RECORD}). A sound raises one alert, at the first of its records that passes the
 * rule — usually its onset, so nobody waits for the sound to end. Not thread-safe: one consumer
 * feeds it.
 */
public final class AlertRouter {

  /** Sounds remembered to fire once each. */
  static final int REMEMBERED = 10_000;
  /** Audio linked for a sound that is still going on: this long from its onset. */
  static final long OPEN_SOUND_LINK_MICROS = 5_000_000L;

  private final Map<String, AlertRule> rules = new LinkedHashMap<>();
  private final List<QuietHours> quiet;
  private final ZoneId zone;
  private final String dashboardUrl;
  private final Map<String, Boolean> fired = new LinkedHashMap<>(256, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  /** Per sensor and class, its last sounds (at most the rule's n), for k-of-n; least recently heard go first. */
  private final Map<String, ArrayDeque<Sound>> recent = new LinkedHashMap<>(256, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Sound>> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** One sound of a sensor and class: its onset and whether its peak so far passes the rule. */
  private static final class Sound {
    final long onsetMicros;
    boolean passed;

    Sound(long onsetMicros) {
      this.onsetMicros = onsetMicros;
    }
  }

  /**
   * @param dashboardUrl the dashboard's address for audio links (ending in /), or null
   */
  public AlertRouter(List<AlertRule> rules, List<QuietHours> quiet, ZoneId zone, String dashboardUrl) {
    for (AlertRule r : rules) {
      if (this.rules.put(r.label(), r) != null) {
        throw new IllegalArgumentException("two alert rules for " + r.label() + "; keep one");
      }
    }
    this.quiet = List.copyOf(quiet);
    this.zone = zone;
    this.dashboardUrl = dashboardUrl;
  }

  /** The alert {@code event} raises now, if any. */
  public Optional<Alert> route(SoundEvent event, long nowMillis) {
    AlertRule rule = rules.getOrDefault(event.getLabel(), rules.get("*"));
    String key = event.getSensorId() + '\u0000' + event.getLabel() + '\u0000' + event.getOnsetMicros();
    if (rule == null || fired.containsKey(key) || !passesKofN(rule, event)) {
      return Optional.empty();
    }
    fired.put(key, Boolean.TRUE);
    Tier tier = rule.tier();
    LocalTime local = LocalTime.ofInstant(Instant.ofEpochMilli(event.getOnsetMicros() / 1000), zone);
    if (tier == Tier.POSSIBLE && quiet.stream().anyMatch(q ->
        (q.sensorId().equals("*") || q.sensorId().equals(event.getSensorId())) && q.contains(local))) {
      tier = Tier.RECORD;
    }
    return Optional.of(new Alert(tier, event.getSensorId(), event.getLabel(), event.getOnsetMicros(),
        event.getOffsetMicros(), event.getPeakScore(), event.getModelVersion(), audioUrl(event), nowMillis));
  }

  /** Records the sound's peak against the rule; whether k of the sensor's last n sounds of its class pass now. */
  private boolean passesKofN(AlertRule rule, SoundEvent event) {
    boolean passes = event.getPeakScore() >= rule.minPeak();
    if (rule.n() == 1) {
      return passes;
    }
    ArrayDeque<Sound> sounds = recent.computeIfAbsent(event.getSensorId() + '\u0000' + event.getLabel(), k -> new ArrayDeque<>());
    Sound sound = null;
    for (Sound s : sounds) {
      if (s.onsetMicros == event.getOnsetMicros()) {
        sound = s;
      }
    }
    if (sound == null && sounds.size() == rule.n() && event.getOnsetMicros() < sounds.peekFirst().onsetMicros) {
      return false; // a later record of a sound already out of the last n
    }
    if (sound == null) {
      sound = new Sound(event.getOnsetMicros());
      sounds.addLast(sound);
      while (sounds.size() > rule.n()) {
        sounds.removeFirst();
      }
    }
    sound.passed |= passes;
    if (!sound.passed) {
      return false;
    }
    long since = event.getOnsetMicros() - rule.within().toNanos() / 1000;
    long passing = sounds.stream().filter(s -> s.passed && s.onsetMicros >= since && s.onsetMicros <= event.getOnsetMicros()).count();
    return passing >= rule.k();
  }

  private String audioUrl(SoundEvent e) {
    if (dashboardUrl == null) {
      return null;
    }
    long to = e.getOffsetMicros() != null ? e.getOffsetMicros() : e.getOnsetMicros() + OPEN_SOUND_LINK_MICROS;
    return dashboardUrl + "api/audio.wav?sensor=" + URLEncoder.encode(e.getSensorId(), StandardCharsets.UTF_8)
        + "&from=" + e.getOnsetMicros() + "&to=" + to;
  }
}
