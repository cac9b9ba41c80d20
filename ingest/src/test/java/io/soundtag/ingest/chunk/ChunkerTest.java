package io.soundtag.ingest.chunk;

import io.soundtag.core.chunk.ChunkPayload;
import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.ingest.source.AudioBlock;
import io.soundtag.ingest.source.SourceFormat;
import io.soundtag.schemas.AudioChunk;
import io.soundtag.schemas.SampleEncoding;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

  private static final SourceFormat MONO_16K = new SourceFormat(16_000, 1);
  private final List<AudioChunk> out = new ArrayList<>();

  @Test
  void aResumedSensorContinuesTheSequenceAndNeverGoesBackInTime() throws Exception {
    long t0 = 1_700_000_000_000_000L;
    // The earlier stream ended 2 s after this one's first block (it was sent faster than real time).
    Chunker ahead = new Chunker("s1", 500, SampleEncoding.PCM16LE, 250, new ResumePoint(42, t0 + 2_000_000), out::add);
    for (int i = 0; i < 8; i++) {
      // Live-like blocks of 250 ms stamped by their own clock: the shift must not look like lost audio.
      ahead.accept(new AudioBlock(new float[4000], 4000, MONO_16K, t0 + i * 250_000L));
    }
    assertThat(out).extracting(AudioChunk::getSequence).containsExactly(42L, 43L, 44L, 45L);
    assertThat(out).extracting(AudioChunk::getCaptureStartMicros)
        .containsExactly(t0 + 2_000_000, t0 + 2_500_000, t0 + 3_000_000, t0 + 3_500_000);
    assertThat(ahead.shiftMicros()).isEqualTo(2_000_000);
    assertThat(ahead.resyncs()).isZero();

    out.clear();
    // An earlier stream that ended in the past changes no time.
    Chunker behind = new Chunker("s2", 500, SampleEncoding.PCM16LE, 250, new ResumePoint(5, t0 - 1), out::add);
    behind.accept(new AudioBlock(new float[8000], 8000, MONO_16K, t0));
    assertThat(out).singleElement().satisfies(c -> {
      assertThat(c.getSequence()).isEqualTo(5);
      assertThat(c.getCaptureStartMicros()).isEqualTo(t0);
    });
  }

  @Test
  void cutsOddBlocksIntoExactChunksWithSampleCountTimestamps() throws Exception {
    Chunker chunker = new Chunker("s1", 500, SampleEncoding.PCM16LE, 250, 0, out::add);
    long t0 = 1_700_000_000_000_000L;
    long frames = 0;
    int[] sizes = {123, 4000, 7, 16_000, 999};
    for (int i = 0; frames < 40_000; i++) {
      int n = sizes[i % sizes.length];
      // The block's own time jitters by up to ±3 ms around the truth; chunks must not.
      long jitter = (i % 3 - 1) * 3000L;
      chunker.accept(new AudioBlock(ramp(frames, n), n, MONO_16K, t0 + frames * 1_000_000L / 16_000 + jitter));
      frames += n;
    }
    chunker.flush();
    assertThat(out).hasSizeGreaterThan(4);
    long expectedFrame = 0;
    for (int k = 0; k < out.size(); k++) {
      AudioChunk c = out.get(k);
      assertThat(c.getSequence()).isEqualTo(k);
      assertThat(c.getSensorId().toString()).isEqualTo("s1");
      assertThat(c.getCaptureStartMicros()).isEqualTo(t0 - 3000 + expectedFrame * 1_000_000L / 16_000);
      int n = c.getPayload().remaining() / 2;
      if (k < out.size() - 1) {
        assertThat(n).isEqualTo(8000);
      }
      short first = c.getPayload().order(ByteOrder.LITTLE_ENDIAN).getShort(0);
      assertThat(first).isEqualTo(ChunkPayload.toPcm16(value(expectedFrame)));
      expectedFrame += n;
    }
    assertThat(expectedFrame).isEqualTo(frames);
    assertThat(chunker.resyncs()).isZero();
  }

  @Test
  void reanchorsAfterLostAudioAndDoesNotLetAChunkSpanTheGap() throws Exception {
    Chunker chunker = new Chunker("s1", 100, SampleEncoding.PCM16LE, 50, 10, out::add);
    chunker.accept(new AudioBlock(new float[2400], 2400, MONO_16K, 0));
    // 1 s of audio lost before the next block.
    chunker.accept(new AudioBlock(new float[1600], 1600, MONO_16K, 1_150_000));
    chunker.flush();
    assertThat(out).extracting(AudioChunk::getSequence).containsExactly(10L, 11L, 12L);
    assertThat(out).extracting(AudioChunk::getCaptureStartMicros).containsExactly(0L, 100_000L, 1_150_000L);
    assertThat(out.get(1).getPayload().remaining()).isEqualTo(800 * 2);
    assertThat(chunker.resyncs()).isEqualTo(1);
  }

  @Test
  void keepsChannelsInterleavedAndCanCarryFloats() throws Exception {
    Chunker chunker = new Chunker("st", 100, SampleEncoding.FLOAT32LE, 50, 0, out::add);
    SourceFormat stereo = new SourceFormat(8000, 2);
    float[] samples = new float[1600];
    for (int i = 0; i < 800; i++) {
      samples[2 * i] = 0.25f;
      samples[2 * i + 1] = -0.5f;
    }
    chunker.accept(new AudioBlock(samples, 800, stereo, 0));
    assertThat(out).hasSize(1);
    AudioChunk c = out.get(0);
    assertThat(c.getChannels()).isEqualTo(2);
    assertThat(c.getSampleRate()).isEqualTo(8000);
    assertThat(c.getPayload().remaining()).isEqualTo(800 * 2 * 4);
    assertThat(c.getPayload().order(ByteOrder.LITTLE_ENDIAN).getFloat(4)).isEqualTo(-0.5f);
  }

  @Test
  void discardingKeepsOnlyWholeChunks() throws Exception {
    Chunker chunker = new Chunker("s1", 100, SampleEncoding.PCM16LE, 50, 0, out::add);
    chunker.accept(new AudioBlock(new float[2000], 2000, MONO_16K, 0));
    assertThat(chunker.discardPartial()).isEqualTo(400);
    chunker.flush();
    assertThat(out).hasSize(1);
  }

  @Test
  void pcm16RoundsAndSaturates() {
    assertThat(ChunkPayload.toPcm16(1.5f)).isEqualTo(Short.MAX_VALUE);
    assertThat(ChunkPayload.toPcm16(-1f)).isEqualTo(Short.MIN_VALUE);
    assertThat(ChunkPayload.toPcm16(0.5f)).isEqualTo((short) 16384);
    assertThat(ChunkPayload.toPcm16(Float.NaN)).isZero();
  }

  private static float value(long frame) {
    return (frame % 1000) / 1000f - 0.5f;
  }

  private static float[] ramp(long from, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = value(from + i);
    }
    return x;
  }
}
