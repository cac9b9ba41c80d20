package io.soundtag.trainer.labels;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local copy of {@code audio.labels} in a directory: the dataset a sidecar trains from.
 *
 * <pre>{@code
 * try (LabelCache cache = LabelCache.open(Path.of("labels-cache"), kafka)) {
 *   LabelSnapshot snapshot = cache.refresh();   // catches up with the topic
 * }
 * }</pre>
 *
 * <p>{@link #refresh()} reads the topic from the offsets the cache stored up to the topic's
 * current end: new clips are added, relabelled ones replaced, tombstones delete. A fresh
 * directory is filled from the beginning; so is one of a topic that was deleted and created again
 * (another topic id, or offsets the topic no longer has) or that was last caught up longer ago
 * than the topic keeps tombstones ({@code delete.retention.ms}), since it may have missed deletions.
 *
 * <p>Killed at any moment, the directory stays consistent: each record goes to its own file
 * ({@code clips/ID-PARTITION-OFFSET.clip}, written to a temporary file and renamed), then the
 * state (offsets and clip list, {@code state.json}) is replaced by an atomic rename, and only
 * then are replaced files deleted. Opening removes what a killed refresh left behind. One
 * process at a time may use a directory (a file lock says so).
 */
public final class LabelCache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LabelCache.class);
  private static final int FORMAT = 1;
  private static final String STATE = "state.json";
  private static final String CLIPS = "clips";
  private static final String TMP = ".tmp";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** One cached clip in the state file. */
  record Entry(ClipSummary clip, String file) {}

  /** What {@code state.json} holds. */
  record State(int format, String topic, String topicId, long caughtUpAtMillis, Map<Integer, Long> offsets, List<Entry> clips,
      int rejected) {}

  private final Path dir;
  private final Path clipDir;
  private final KafkaConnection kafka;
  private final String topic;
  private final FileChannel lockFile;
  private final FileLock lock;
  private Map<Integer, Long> offsets = new TreeMap<>();
  private final Map<String, Entry> entries = new HashMap<>();
  private long caughtUpAtMillis;
  private int rejected;
  private String topicId;

  private LabelCache(Path dir, KafkaConnection kafka, String topic) throws IOException {
    this.dir = dir;
    this.clipDir = dir.resolve(CLIPS);
    this.kafka = kafka;
    this.topic = topic;
    Files.createDirectories(clipDir);
    this.lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = lockFile.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      lockFile.close();
      throw new IllegalStateException("another process is using the label cache " + dir + "; give each one its own directory");
    }
    this.lock = held;
    load();
  }

  /** The cache of {@code audio.labels} in {@code dir} (created when missing). */
  public static LabelCache open(Path dir, KafkaConnection kafka) {
    return open(dir, kafka, Topics.AUDIO_LABELS);
  }

  /**
   * The cache of {@code topic} in {@code dir}; nothing is read from Kafka until {@link #refresh()}.
   *
   * @throws IllegalStateException when another process holds the directory
   * @throws UncheckedIOException when the directory cannot be used
   */
  public static LabelCache open(Path dir, KafkaConnection kafka, String topic) {
    try {
      return new LabelCache(dir, kafka, topic);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot use " + dir + " as a label cache: " + e.getMessage(), e);
    }
  }

  /** The directory. */
  public Path directory() {
    return dir;
  }

  /** What the cache holds now, without reading Kafka. */
  public synchronized LabelSnapshot snapshot() {
    List<CachedClip> clips = new ArrayList<>();
    entries.values().forEach(e -> clips.add(new CachedClip(e.clip(), clipDir.resolve(e.file()))));
    return LabelSnapshot.of(topic, offsets, clips, rejected);
  }

  /**
   * Catches up with the topic's current end and returns the snapshot there.
   *
   * @throws IllegalStateException when the topic is missing or the brokers do not answer
   * @throws UncheckedIOException when the directory cannot be written; the cache stays consistent
   */
  public synchronized LabelSnapshot refresh() {
    long openedAt = System.currentTimeMillis();
    TopicSettings settings = TopicSettings.of(kafka, topic);
    try (LabelLog log = new LabelLog(kafka, topic)) {
      String stale = staleness(log.endOffsets(), settings, openedAt);
      if (stale != null) {
        LOG.info("label cache {}: {}; rebuilding it from the beginning of {}", dir, stale, topic);
        clear();
      }
      topicId = settings.topicId();
      Map<Integer, Long> reached = log.read(offsets, this::apply);
      offsets = new TreeMap<>(reached);
      caughtUpAtMillis = openedAt;
      saveState();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the label cache " + dir + ": " + e.getMessage(), e);
    }
    return snapshot();
  }

  /** Why the stored copy cannot be continued, or null when it can. */
  private String staleness(Map<Integer, Long> ends, TopicSettings settings, long now) {
    if (topicId != null && !topicId.equals(settings.topicId())) {
      return topic + " is another topic than the one cached (id " + settings.topicId() + ", cached " + topicId
          + "): it was deleted and created again";
    }
    for (Map.Entry<Integer, Long> stored : offsets.entrySet()) {
      Long end = ends.get(stored.getKey());
      if (end == null || stored.getValue() > end) {
        return "partition " + stored.getKey() + " of " + topic + " ends before the stored offset " + stored.getValue()
            + " (the topic was recreated)";
      }
    }
    if (caughtUpAtMillis > 0 && now - caughtUpAtMillis > settings.deleteRetentionMillis()) {
      return "last caught up " + (now - caughtUpAtMillis) / 60_000 + " min ago, longer than " + topic
          + " keeps deletions (delete.retention.ms " + settings.deleteRetentionMillis() + ")";
    }
    return null;
  }

  private void apply(List<LabelLog.Change> changes, Map<Integer, Long> next) throws IOException {
    List<String> replaced = new ArrayList<>();
    for (LabelLog.Change c : changes) {
      if (c.problem() != null) {
        rejected++;
      }
      if (c.clipId() == null) {
        continue;
      }
      Entry old;
      if (c.clip() != null) {
        String file = c.clipId() + "-" + c.partition() + "-" + c.offset() + ".clip";
        writeAtomically(clipDir.resolve(file), c.value());
        old = entries.put(c.clipId(), new Entry(ClipSummary.of(c.clip()), file));
      } else {
        old = entries.remove(c.clipId());
      }
      if (old != null) {
        replaced.add(old.file());
      }
    }
    offsets = new TreeMap<>(next);
    saveState();
    for (String file : replaced) {
      Files.deleteIfExists(clipDir.resolve(file));
    }
  }

  private void saveState() throws IOException {
    State state = new State(FORMAT, topic, topicId, caughtUpAtMillis, offsets, List.copyOf(entries.values()), rejected);
    writeAtomically(dir.resolve(STATE), JSON.writeValueAsBytes(state));
  }

  private void load() throws IOException {
    Path stateFile = dir.resolve(STATE);
    State state = null;
    if (Files.exists(stateFile)) {
      try {
        state = JSON.readValue(stateFile.toFile(), State.class);
      } catch (IOException e) {
        LOG.warn("label cache {}: unreadable {} ({}); rebuilding from the topic", dir, STATE, e.getMessage());
      }
    }
    if (state != null && (state.format() != FORMAT || !topic.equals(state.topic()))) {
      LOG.info("label cache {} holds {} (format {}), not {}; rebuilding from the topic", dir, state.topic(), state.format(), topic);
      state = null;
    }
    Set<String> referenced = new HashSet<>();
    if (state != null) {
      for (Entry e : state.clips()) {
        if (!Files.isRegularFile(clipDir.resolve(e.file()))) {
          LOG.warn("label cache {}: {} is missing; rebuilding from the topic", dir, e.file());
          state = null;
          referenced.clear();
          break;
        }
        referenced.add(e.file());
      }
    }
    // What a killed refresh left: temporary files, and clip files no state refers to.
    try (Stream<Path> files = Files.list(clipDir)) {
      for (Path f : files.toList()) {
        if (!referenced.contains(f.getFileName().toString())) {
          PathUtils.delete(f);
        }
      }
    }
    Files.deleteIfExists(dir.resolve(STATE + TMP));
    entries.clear();
    if (state != null) {
      state.clips().forEach(e -> entries.put(e.clip().clipId(), e));
      offsets = new TreeMap<>(state.offsets());
      caughtUpAtMillis = state.caughtUpAtMillis();
      rejected = state.rejected();
      topicId = state.topicId();
    } else {
      offsets = new TreeMap<>();
      caughtUpAtMillis = 0;
      rejected = 0;
      topicId = null;
    }
  }

  private void clear() throws IOException {
    for (Entry e : entries.values()) {
      Files.deleteIfExists(clipDir.resolve(e.file()));
    }
    entries.clear();
    offsets = new TreeMap<>();
    caughtUpAtMillis = 0;
    rejected = 0;
    saveState();
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + TMP);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE); OutputStream out = Channels.newOutputStream(ch)) {
      out.write(bytes);
      out.flush();
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public synchronized void close() {
    try {
      lock.release();
      lockFile.close();
    } catch (IOException e) {
      LOG.debug("releasing the label cache lock of {}", dir, e);
    }
  }
}
