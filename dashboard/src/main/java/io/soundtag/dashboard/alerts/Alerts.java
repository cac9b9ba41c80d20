package io.soundtag.dashboard.alerts;

import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Running alerts: reads new sound events (read_committed), routes them by the rules and hands
 * those to send to each sink's {@link Delivery}. A record that cannot be decoded is counted and
 * skipped.
 *
 * <pre>{@code
 * Alerts alerts = Alerts.start(AlertsConfig.read(Path.of("alerts.json")), kafka, dashboard.url());
 * }</pre>
 */
public final class Alerts implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AlertRouter router;
  private final List<Delivery> deliveries;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong raised = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final Thread thread;

  private Alerts(KafkaConnection kafka, AlertRouter router, List<Delivery> deliveries) {
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "soundtag-alerts",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024)),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.router = router;
    this.deliveries = deliveries;
    this.thread = new Thread(this::run, "alerts-events");
    this.thread.setDaemon(true);
  }

  /**
   * Starts routing new events.
   *
   * @param dashboardUrl the dashboard's address for audio links, or null
   */
  public static Alerts start(AlertsConfig config, KafkaConnection kafka, String dashboardUrl) {
    List<Delivery> deliveries = new ArrayList<>();
    if (config.webhook() != null) {
      deliveries.add(new Delivery(new WebhookSink(config.webhook()), config.retry(), config.deadLetterFile()));
    }
    if (config.mqttServer() != null) {
      deliveries.add(new Delivery(new MqttSink(config.mqttServer(), config.mqttPrefix(), config.homeAssistant()), config.retry(),
          config.deadLetterFile()));
    }
    Alerts alerts = new Alerts(kafka, new AlertRouter(config.rules(), config.quietHours(), config.zone(), dashboardUrl),
        deliveries);
    alerts.thread.start();
    return alerts;
  }

  /** Alerts raised so far (sent or recorded). */
  public long raised() {
    return raised.get();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.AUDIO_EVENTS));
      while (running.get()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          handle(r);
        }
        consumer.commitAsync();
      }
    } catch (WakeupException e) {
      if (running.get()) {
        LOG.error("alerts stopped: woken up while running");
      }
    } catch (RuntimeException e) {
      LOG.error("alerts stopped: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void handle(ConsumerRecord<byte[], byte[]> r) {
    SoundEvent event;
    try {
      event = Contracts.SOUND_EVENT.decode(r.value());
    } catch (RuntimeException e) {
      if (skipped.incrementAndGet() % 1000 == 1) {
        LOG.warn("alerts skipped an unreadable event at {}-{} offset {}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
      return;
    }
    Optional<Alert> alert = router.route(event, System.currentTimeMillis());
    if (alert.isEmpty()) {
      return;
    }
    raised.incrementAndGet();
    Alert a = alert.get();
    if (a.tier() == Tier.RECORD) {
      LOG.info("alert recorded (not sent): {} {} peak {}", a.sensorId(), a.label(), a.peakScore());
      return;
    }
    deliveries.forEach(d -> d.submit(a));
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Delivery d : deliveries) {
      try {
        d.close();
      } catch (Exception e) {
        LOG.warn("error while closing alert delivery: {}", e.toString());
      }
    }
  }
}
