package io.soundtag.ingest.spool;

import io.soundtag.ingest.IngestMetrics;
import io.soundtag.ingest.buffer.ChunkBuffer;
import io.soundtag.ingest.buffer.ChunkQueue;
import io.soundtag.ingest.chunk.ResumePoint;
import io.soundtag.ingest.chunk.SensorHistory;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.serde.Contracts;
import io.soundtag.schemas.serde.RecordDecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead queue of chunks on disk. Every accepted chunk is appended to the newest segment
 * file of the directory ({@code <first record number>.spool}, records of length, CRC-32C and the
 * encoded AudioChunk); the publisher takes them back in the order written; a segment is deleted
 * once every chunk in it is acknowledged. On start-up the segments left by an earlier run (a
 * restart, a crash: a torn last record is cut off) are sent first; before that, the sensors' last
 * chunks in the topic are read (waiting for the broker) and spooled chunks the topic already holds
 * are skipped, so a chunk acknowledged just before the restart is not sent twice.
 *
 * <p>Bounded in bytes: when a new chunk takes the spool over its bound, whole segments are dropped,
 * oldest first, and the chunks in them that the broker did not have are counted as dropped and
 * logged. Each sensor's last chunk written is remembered, so a restarted ingest continues its
 * sequence from the spool even while the broker is down.
 */
public final class ChunkSpool implements ChunkQueue {

  private static final Logger LOG = LoggerFactory.getLogger(ChunkSpool.class);
  private static final String SUFFIX = ".spool";
  private static final int HEADER = 8;
  /** A record longer than this is corrupt (a chunk's payload is bounded well below it). */
  private static final int MAX_RECORD = 64 * 1024 * 1024;
  /** Chunks handed to the producer and not yet acknowledged, at most. */
  private static final int MAX_IN_FLIGHT = 512;

  /** One segment file. */
  private static final class Segment {
    final long first;
    final Path path;
    long bytes;
    int records;
    int released;
    long micros;
    long releasedMicros;
    boolean sealed;

    Segment(long first, Path path) {
      this.first = first;
      this.path = path;
    }
  }

  private record Read(AudioChunk chunk, int length) {}

  private final Path dir;
  private final long maxBytes;
  private final long segmentBytes;
  private final IngestMetrics metrics;
  private final SensorHistory delivered;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final IdentityHashMap<AudioChunk, Segment> inFlight = new IdentityHashMap<>();
  private final Map<String, ResumePoint> lastWritten = new HashMap<>();
  private final long recoveredUpTo;
  private Map<String, Long> alreadyInTopic;
  private FileChannel out;
  private Segment writing;
  private long nextRecord;
  private Segment reading;
  private long readPosition;
  private long unread;
  private long totalBytes;
  private long dropped;
  private volatile boolean closed;

  /**
   * Opens (or creates) the spool in {@code dir}.
   *
   * @param maxBytes the bound on the spool's files, bytes
   * @param delivered where each sensor's last chunk in the topic is read, before the chunks of an
   *     earlier run are sent again
   * @throws IOException if the directory cannot be created or read
   */
  public ChunkSpool(Path dir, long maxBytes, IngestMetrics metrics, SensorHistory delivered) throws IOException {
    if (maxBytes < 1024 * 1024) {
      throw new IllegalArgumentException("--spool-max-bytes must be at least 1 MiB (1048576), got " + maxBytes);
    }
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.segmentBytes = Math.max(64 * 1024, Math.min(8L * 1024 * 1024, maxBytes / 16));
    this.metrics = metrics;
    this.delivered = delivered;
    Files.createDirectories(dir);
    recover();
    recoveredUpTo = nextRecord;
    if (unread > 0) {
      LOG.info("spool {}: {} chunks ({} s of audio, {} bytes) from an earlier run are sent first", dir, unread,
          String.format("%.1f", fillMicrosLocked() / 1e6), totalBytes);
    }
    metrics.spoolBytes(totalBytes);
  }

  /** The spool directory. */
  public Path directory() {
    return dir;
  }

  /** Where the sensor continues after the last chunk this spool wrote for it, or null if it has none. */
  public ResumePoint resumePoint(String sensorId) {
    lock.lock();
    try {
      return lastWritten.get(sensorId);
    } finally {
      lock.unlock();
    }
  }

  /** Bytes of the spool's files. */
  public long bytes() {
    lock.lock();
    try {
      return totalBytes;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void accept(AudioChunk chunk) {
    byte[] encoded = Contracts.AUDIO_CHUNK.encode(chunk);
    ByteBuffer record = ByteBuffer.allocate(HEADER + encoded.length);
    record.putInt(encoded.length);
    record.putInt(crc(encoded));
    record.put(encoded).flip();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the spool is closed");
      }
      if (writing == null || writing.bytes >= segmentBytes) {
        startSegment();
      }
      while (record.hasRemaining()) {
        out.write(record);
      }
      writing.bytes += HEADER + encoded.length;
      writing.records++;
      writing.micros += ChunkBuffer.durationMicros(chunk);
      totalBytes += HEADER + encoded.length;
      nextRecord++;
      unread++;
      lastWritten.put(chunk.getSensorId(), new ResumePoint(chunk.getSequence() + 1,
          chunk.getCaptureStartMicros() + ChunkBuffer.durationMicros(chunk)));
      enforceBound();
      metrics.spoolBytes(totalBytes);
      metrics.bufferFill(fillMicrosLocked() / 1e6);
      changed.signalAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the spool " + dir + ": " + e.getMessage()
          + " (disk full or not writable? free space or choose another --spool)", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public AudioChunk take(long timeout, TimeUnit unit) throws InterruptedException {
    skipWhatTheTopicHas();
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return null;
        }
        if (unread > 0 && inFlight.size() < MAX_IN_FLIGHT) {
          AudioChunk chunk = next();
          if (chunk != null) {
            return chunk;
          }
          continue;
        }
        if (nanos <= 0) {
          return null;
        }
        nanos = changed.awaitNanos(nanos);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /** The next chunk to send, in flight; null if the one read was skipped (already in the topic). */
  private AudioChunk next() throws IOException {
    while (readPosition >= reading.bytes) {
      reading = segmentAfter(reading);
      readPosition = 0;
    }
    Read r = readAt(reading.path, readPosition);
    readPosition += HEADER + r.length();
    unread--;
    AudioChunk chunk = r.chunk();
    Long firstMissing = alreadyInTopic == null ? null : alreadyInTopic.get(chunk.getSensorId());
    if (reading.first < recoveredUpTo && firstMissing != null && chunk.getSequence() < firstMissing) {
      releaseIn(reading, ChunkBuffer.durationMicros(chunk));
      return null;
    }
    inFlight.put(chunk, reading);
    return chunk;
  }

  private Segment segmentAfter(Segment s) {
    boolean found = false;
    for (Segment x : segments) {
      if (found) {
        return x;
      }
      found = x == s;
    }
    throw new IllegalStateException("no segment after " + s.path + " although chunks are unread");
  }

  /** Once, before the first chunk of an earlier run is sent: which of them the topic already has. */
  private void skipWhatTheTopicHas() throws InterruptedException {
    if (alreadyInTopic != null) {
      return;
    }
    List<String> sensors;
    lock.lock();
    try {
      sensors = recoveredUpTo == 0 ? List.of() : new ArrayList<>(lastWritten.keySet());
    } finally {
      lock.unlock();
    }
    Map<String, Long> inTopic = new HashMap<>();
    if (!sensors.isEmpty()) {
      while (!closed) {
        try {
          delivered.resumePoints(sensors).forEach((sensor, point) -> inTopic.put(sensor, point.nextSequence()));
          break;
        } catch (IOException | RuntimeException e) {
          LOG.warn("spool {}: cannot read the topic yet to skip chunks it already has ({}); retrying", dir, e.getMessage());
          Thread.sleep(1000);
        }
      }
    }
    lock.lock();
    try {
      alreadyInTopic = inTopic;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release(AudioChunk chunk) {
    lock.lock();
    try {
      Segment s = inFlight.remove(chunk);
      if (s != null) {
        releaseIn(s, ChunkBuffer.durationMicros(chunk));
      }
      changed.signalAll();
    } catch (IOException e) {
      LOG.warn("spool {}: cannot delete a delivered segment: {}", dir, e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  /** Kept on disk (the segment stays until it is delivered), and sent again by the next run. */
  @Override
  public void failed(AudioChunk chunk) {
    lock.lock();
    try {
      inFlight.remove(chunk);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void releaseIn(Segment s, long micros) throws IOException {
    s.released++;
    s.releasedMicros += micros;
    // Delete delivered segments from the oldest on, so what is left is always the spool's tail.
    while (!segments.isEmpty()) {
      Segment head = segments.peekFirst();
      if (!head.sealed || head.released < head.records || head == reading && readPosition < head.bytes) {
        break;
      }
      if (head == reading) {
        reading = segments.size() > 1 ? segmentAfter(head) : null;
        readPosition = 0;
      }
      removeHead();
    }
    metrics.spoolBytes(totalBytes);
    metrics.bufferFill(fillMicrosLocked() / 1e6);
  }

  private void removeHead() throws IOException {
    Segment head = segments.pollFirst();
    totalBytes -= head.bytes;
    Files.deleteIfExists(head.path);
  }

  /** Drops whole segments, oldest first, while the spool is over its bound (never the one being written). */
  private void enforceBound() throws IOException {
    while (totalBytes > maxBytes && segments.size() > 1) {
      Segment head = segments.peekFirst();
      long lostChunks = head.records - head.released;
      long lostMicros = head.micros - head.releasedMicros;
      // The chunks of the segment still in flight may yet be delivered; they are not counted as lost.
      int inFlightHere = 0;
      for (Segment s : inFlight.values()) {
        if (s == head) {
          inFlightHere++;
        }
      }
      lostChunks -= inFlightHere;
      if (head == reading) {
        long readHere = countRecordsBefore(head, readPosition);
        unread -= head.records - readHere;
        reading = segmentAfter(head);
        readPosition = 0;
      }
      removeHead();
      inFlight.values().removeIf(s -> s == head);
      dropped += Math.max(0, lostChunks);
      metrics.droppedFromSpool(Math.max(0, lostChunks), Math.max(0, lostMicros) / 1e6);
      LOG.warn("spool {} is full ({} bytes, bound {}): dropped its oldest {} chunks ({} s of audio) the broker did not have;"
          + " the topic shows a sequence gap there", dir, totalBytes + head.bytes, maxBytes, Math.max(0, lostChunks),
          String.format("%.1f", Math.max(0, lostMicros) / 1e6));
    }
  }

  private long countRecordsBefore(Segment s, long position) throws IOException {
    long n = 0;
    long at = 0;
    try (FileChannel in = FileChannel.open(s.path, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      while (at < position) {
        header.clear();
        in.read(header, at);
        header.flip();
        at += HEADER + header.getInt();
        n++;
      }
    }
    return n;
  }

  private void startSegment() throws IOException {
    if (out != null) {
      out.force(false);
      out.close();
      writing.sealed = true;
    }
    Path path = dir.resolve(String.format("%020d%s", nextRecord, SUFFIX));
    out = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    writing = new Segment(nextRecord, path);
    segments.addLast(writing);
    if (reading == null) {
      reading = writing;
      readPosition = 0;
    }
  }

  /** Reads the segments an earlier run left, cutting off a torn last record. */
  private void recover() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      ds.forEach(files::add);
    }
    files.sort(null);
    for (Path p : files) {
      long first;
      try {
        first = Long.parseLong(p.getFileName().toString().replace(SUFFIX, ""));
      } catch (NumberFormatException e) {
        LOG.warn("spool {}: ignoring {}, not a spool segment", dir, p.getFileName());
        continue;
      }
      Segment s = new Segment(first, p);
      s.sealed = true;
      long size = Files.size(p);
      long at = 0;
      while (at < size) {
        Read r;
        try {
          r = readAt(p, at);
        } catch (IOException e) {
          LOG.warn("spool {}: {} ends in a torn or corrupt record at byte {} ({}); cutting it off", dir, p.getFileName(), at,
              e.getMessage());
          try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.truncate(at);
          }
          break;
        }
        at += HEADER + r.length();
        s.records++;
        s.micros += ChunkBuffer.durationMicros(r.chunk());
        lastWritten.put(r.chunk().getSensorId(), new ResumePoint(r.chunk().getSequence() + 1,
            r.chunk().getCaptureStartMicros() + ChunkBuffer.durationMicros(r.chunk())));
      }
      s.bytes = at;
      if (s.records == 0) {
        Files.delete(p);
        continue;
      }
      segments.addLast(s);
      totalBytes += s.bytes;
      unread += s.records;
      nextRecord = Math.max(nextRecord, first + s.records);
    }
    reading = segments.peekFirst();
    readPosition = 0;
  }

  private static Read readAt(Path path, long position) throws IOException {
    try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      readFully(in, header, position);
      int length = header.getInt();
      int crc = header.getInt();
      if (length <= 0 || length > MAX_RECORD) {
        throw new IOException("record length " + length + " is impossible");
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      readFully(in, body, position + HEADER);
      if (crc(body.array()) != crc) {
        throw new IOException("checksum mismatch");
      }
      try {
        return new Read(Contracts.AUDIO_CHUNK.decode(body.array()), length);
      } catch (RecordDecodingException e) {
        throw new IOException("not an AudioChunk: " + e.getMessage(), e);
      }
    }
  }

  private static void readFully(FileChannel in, ByteBuffer into, long position) throws IOException {
    long at = position;
    while (into.hasRemaining()) {
      int n = in.read(into, at);
      if (n < 0) {
        throw new IOException("truncated record");
      }
      at += n;
    }
    into.flip();
  }

  private static int crc(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return (int) c.getValue();
  }

  @Override
  public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (unread > 0 || !inFlight.isEmpty()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Stops taking and accepting; what is not delivered stays in the directory for the next run. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (out != null) {
        out.force(false);
        out.close();
        if (writing.released == writing.records && inFlight.isEmpty() && segments.size() == 1) {
          // Everything was delivered: leave an empty spool, not a segment the next run would read for nothing.
          removeHead();
        }
      }
      changed.signalAll();
    } catch (IOException e) {
      LOG.warn("spool {}: cannot close the segment being written: {}", dir, e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long fillMicros() {
    lock.lock();
    try {
      return fillMicrosLocked();
    } finally {
      lock.unlock();
    }
  }

  private long fillMicrosLocked() {
    long micros = 0;
    for (Segment s : segments) {
      micros += s.micros - s.releasedMicros;
    }
    return micros;
  }

  @Override
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }
}
