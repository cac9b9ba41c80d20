package io.soundtag.ingest.chunk;

import io.soundtag.core.chunk.ChunkPayload;
import io.soundtag.ingest.source.AudioBlock;
import io.soundtag.ingest.source.SampleClock;
import io.soundtag.ingest.source.SourceFormat;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;

/**
 * Cuts one sensor's blocks into {@link AudioChunk}s of a fixed length with consecutive sequence
 * numbers. The capture time of a chunk is computed from the sample count since an anchor (the
 * first block's capture time), so chunk timestamps are exact to the microsecond and free of the
 * reading thread's jitter; the anchor is moved only when a block's own time disagrees with the
 * sample clock by more than the resync tolerance (audio was lost), and the partial chunk is then
 * emitted first so that no chunk spans the gap.
 *
 * <p>Not thread-safe: one chunker per sensor, fed by one thread.
 */
public final class Chunker {

  private final String sensorId;
  private final SampleEncoding encoding;
  private final int chunkMillis;
  private final long resyncMicros;
  private final ChunkSink sink;
  private SourceFormat format;
  private int chunkFrames;
  private float[] pending = new float[0];
  private int pendingFrames;
  private SampleClock clock;
  private long framesSinceAnchor;
  private long chunkStartFrame;
  private long nextSequence;
  private long resyncs;
  private final long notBeforeMicros;
  private long shiftMicros;
  private boolean started;

  /**
   * @param sensorId key of every chunk
   * @param chunkMillis chunk length in milliseconds of audio
   * @param encoding payload encoding
   * @param resyncMillis how far a block's capture time may drift from the sample clock before re-anchoring
   * @param firstSequence sequence number of the first chunk
   * @param sink where chunks go
   */
  public Chunker(String sensorId, int chunkMillis, SampleEncoding encoding, int resyncMillis, long firstSequence,
      ChunkSink sink) {
    this(sensorId, chunkMillis, encoding, resyncMillis, ResumePoint.at(firstSequence), sink);
  }

  /**
   * A chunker that continues a sensor's earlier stream: chunks are numbered from
   * {@code resume.nextSequence()}, and if the first block was captured before
   * {@code resume.notBeforeMicros()} (the earlier stream ran ahead of the wall clock, e.g. a file
   * sent faster than real time) every capture time is shifted later by the difference, so that
   * the sensor's times never go backwards.
   *
   * @param sensorId key of every chunk
   * @param chunkMillis chunk length in milliseconds of audio
   * @param encoding payload encoding
   * @param resyncMillis how far a block's capture time may drift from the sample clock before re-anchoring
   * @param resume first sequence and earliest capture time
   * @param sink where chunks go
   */
  public Chunker(String sensorId, int chunkMillis, SampleEncoding encoding, int resyncMillis, ResumePoint resume,
      ChunkSink sink) {
    if (sensorId == null || sensorId.isBlank()) {
      throw new IllegalArgumentException("sensor id must not be blank");
    }
    if (chunkMillis < 10 || chunkMillis > 60_000) {
      throw new IllegalArgumentException("chunk length must be 10..60000 ms, got " + chunkMillis);
    }
    this.sensorId = sensorId;
    this.chunkMillis = chunkMillis;
    this.encoding = encoding;
    this.resyncMicros = resyncMillis * 1000L;
    this.nextSequence = resume.nextSequence();
    this.notBeforeMicros = resume.notBeforeMicros();
    this.sink = sink;
  }

  /** Adds a block; emits every chunk it completes. */
  public void accept(AudioBlock block) throws InterruptedException {
    if (!started) {
      started = true;
      shiftMicros = notBeforeMicros > block.captureMicros() ? notBeforeMicros - block.captureMicros() : 0;
    }
    long captureMicros = block.captureMicros() + shiftMicros;
    if (format != null && !format.equals(block.format())) {
      flush();
      clock = null;
    }
    if (clock == null) {
      start(block.format(), captureMicros);
    } else {
      long expected = clock.micros(framesSinceAnchor);
      if (Math.abs(captureMicros - expected) > resyncMicros) {
        flush();
        resyncs++;
        clock = new SampleClock(captureMicros, format.sampleRate());
        framesSinceAnchor = 0;
        chunkStartFrame = 0;
      }
    }
    int channels = format.channels();
    int offset = 0;
    while (offset < block.frames()) {
      int take = Math.min(chunkFrames - pendingFrames, block.frames() - offset);
      System.arraycopy(block.samples(), offset * channels, pending, pendingFrames * channels, take * channels);
      pendingFrames += take;
      offset += take;
      framesSinceAnchor += take;
      if (pendingFrames == chunkFrames) {
        emit();
      }
    }
  }

  private void start(SourceFormat blockFormat, long captureMicros) {
    format = blockFormat;
    chunkFrames = Math.max(1, (int) ((long) format.sampleRate() * chunkMillis / 1000));
    pending = new float[chunkFrames * format.channels()];
    pendingFrames = 0;
    clock = new SampleClock(captureMicros, format.sampleRate());
    framesSinceAnchor = 0;
    chunkStartFrame = 0;
  }

  /** Emits the partial chunk, if any (end of stream, format change, resync). */
  public void flush() throws InterruptedException {
    if (pendingFrames > 0) {
      emit();
    }
  }

  /** Drops the partial chunk (the input failed); returns how many frames were dropped. */
  public int discardPartial() {
    int dropped = pendingFrames;
    chunkStartFrame += pendingFrames;
    pendingFrames = 0;
    return dropped;
  }

  private void emit() throws InterruptedException {
    AudioChunk chunk = AudioChunk.newBuilder()
        .setSensorId(sensorId)
        .setSequence(nextSequence)
        .setCaptureStartMicros(clock.micros(chunkStartFrame))
        .setSampleRate(format.sampleRate())
        .setChannels(format.channels())
        .setEncoding(encoding)
        .setPayload(ChunkPayload.encode(pending, pendingFrames * format.channels(), encoding))
        .build();
    chunkStartFrame += pendingFrames;
    pendingFrames = 0;
    nextSequence++;
    sink.accept(chunk);
  }

  public String sensorId() {
    return sensorId;
  }

  /** Sequence number the next chunk will get. */
  public long nextSequence() {
    return nextSequence;
  }

  /** How much later than the source's own times the chunks are stamped (see the {@link ResumePoint} constructor). */
  public long shiftMicros() {
    return shiftMicros;
  }

  /** How often the clock was re-anchored because audio was lost or the source jumped. */
  public long resyncs() {
    return resyncs;
  }

  /** Frames per full chunk at the current format (0 before the first block). */
  public int chunkFrames() {
    return chunkFrames;
  }
}
