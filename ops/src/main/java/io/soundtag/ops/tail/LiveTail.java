package io.soundtag.ops.tail;

import io.soundtag.schemas.SoundEvent;
import io.soundtag.schemas.TagEvent;
import io.soundtag.schemas.serde.ContractSerdes;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the committed records of one topic as readable lines until closed. A record that cannot
 * be read is reported on one line and skipped: a tail never stops on bad input.
 *
 * @param <V> the record type
 */
public final class LiveTail<V> implements Runnable, AutoCloseable {

  private final KafkaConsumer<String, V> consumer;
  private final String topic;
  private final Predicate<V> shown;
  private final Function<V, String> line;
  private final PrintStream out;
  private final AtomicBoolean running = new AtomicBoolean(true);

  private LiveTail(KafkaConnection kafka, String topic, boolean fromBeginning, Deserializer<V> values,
      Predicate<V> shown, Function<V, String> line, PrintStream out) {
    this.consumer = new KafkaConsumer<>(kafka.clientProperties(Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, "soundtag-tail-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")), new StringDeserializer(), values);
    this.topic = topic;
    this.shown = shown;
    this.line = line;
    this.out = out;
  }

  /** TagEvents of {@code topic}, one line per window; with {@code onlyTagged}, windows with a tag only. */
  public static LiveTail<TagEvent> tags(KafkaConnection kafka, String topic, boolean fromBeginning, boolean onlyTagged,
      PrintStream out) {
    return new LiveTail<>(kafka, topic, fromBeginning, ContractSerdes.tagEvent().deserializer(),
        e -> !onlyTagged || !e.getTags().isEmpty(), TagLine::format, out);
  }

  /** SoundEvents of {@code audio.events}, one line per sound. */
  public static LiveTail<SoundEvent> events(KafkaConnection kafka, boolean fromBeginning, PrintStream out) {
    return new LiveTail<>(kafka, Topics.AUDIO_EVENTS, fromBeginning, ContractSerdes.soundEvent().deserializer(),
        e -> true, EventLine::format, out);
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running.get()) {
        try {
          for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
            if (shown.test(r.value())) {
              out.println(line.apply(r.value()));
            }
          }
        } catch (RecordDeserializationException e) {
          out.println("(skipped an unreadable record at " + e.topicPartition() + " offset " + e.offset() + ": "
              + e.getCause().getMessage() + ")");
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    running.set(false);
    consumer.wakeup();
  }
}
