package io.soundtag.ops.tail;

import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.schemas.topic.Topics;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code soundtag tail}: prints tags live, one readable line per window. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print tags as they are written, one line per window; or sound events with --events.")
public final class TailCommand implements Callable<Integer> {

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--topic", defaultValue = Topics.AUDIO_TAGS, description = "Topic of TagEvents (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--from-beginning", description = "Start from the oldest tags instead of new ones.")
  boolean fromBeginning;

  @Option(names = "--only-tagged", description = "Skip windows with no label above its threshold.")
  boolean onlyTagged;

  @Option(names = "--events", description = "Print sound events (onset–offset, peak) from " + Topics.AUDIO_EVENTS
      + " instead of one line per window.")
  boolean events;

  @Override
  public Integer call() throws Exception {
    Lifecycle lifecycle = new Lifecycle();
    LiveTail<?> tail = events
        ? lifecycle.own(LiveTail.events(kafka.connection(), fromBeginning, System.out))
        : lifecycle.own(LiveTail.tags(kafka.connection(), topic, fromBeginning, onlyTagged, System.out));
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> {
      try {
        tail.run();
      } catch (RuntimeException e) {
        // E.g. not allowed to read the topic: end the command with the reason instead of waiting for Ctrl-C.
        failure.set(e);
        lifecycle.closeAll();
      }
    }, "tail");
    thread.start();
    lifecycle.awaitShutdown();
    thread.join(5000);
    if (failure.get() != null) {
      throw failure.get();
    }
    return 0;
  }
}
