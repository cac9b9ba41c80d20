package io.soundtag.core.acoustics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpanLevelsTest {

  /** Blocks joined over a span give what a meter reports for an interval of exactly that span. */
  @ParameterizedTest
  @ValueSource(ints = {16000, 48000})
  void blocksAddUpToTheIntervalOverTheSameSpan(int rate) {
    float[] x = LevelMeterReferenceTest.make("noise", rate);
    long block = rate / 10;
    long first = block - 37;
    // A span of whole blocks: from the end of block 7 to the end of block 19.
    long from = first + 7 * block;
    long to = first + 19 * block;
    LevelMeter blocks = LevelMeter.fromSample(rate, 60, 0, block, first);
    List<SpanLevels> all = new ArrayList<>();
    // In uneven chunks, with the state carried through bytes, as the tagger does.
    for (int i = 0; i < x.length; ) {
      int n = Math.min(x.length - i, 1 + (i * 7919) % 3001);
      blocks.push(x, i, i + n);
      blocks = LevelMeter.fromBytes(blocks.toBytes());
      all.addAll(blocks.takeBlocks());
      i += n;
    }
    SpanLevels span = SpanLevels.empty(rate);
    long at = 0;
    for (SpanLevels b : all) {
      if (at >= from && at + b.samples() <= to) {
        span = span.then(b);
      }
      at += b.samples();
    }
    assertThat(span.samples()).isEqualTo(to - from);
    IntervalLevels interval = LevelMeter.fromSample(rate, (to - from) / (double) rate, from).push(x).get(0);
    assertThat(interval.startSample()).isEqualTo(from);
    assertThat(span.laeq()).isCloseTo(interval.laeq(), within(1e-9));
    assertThat(span.lae()).isCloseTo(interval.lae(), within(1e-9));
    assertThat(span.lafmax()).isEqualTo(interval.lafmax());
    assertThat(span.lcpeak()).isEqualTo(interval.lcpeak());
    assertThat(span.thirdOctave().keySet()).containsExactlyElementsOf(interval.thirdOctave().keySet());
    span.thirdOctave().forEach((band, level) ->
        assertThat(level).as("band %s", band).isCloseTo(interval.thirdOctave().get(band), within(1e-6)));
  }

  @Test
  void bytesRoundTripAndBadBytesAreRefused() {
    SpanLevels s = new SpanLevels(16000, 1600, 2.5, 0.1, 0.9, new double[25], new long[7]).then(SpanLevels.empty(16000));
    assertThat(SpanLevels.fromBytes(s.toBytes())).isEqualTo(s);
    byte[] bytes = s.toBytes();
    assertThatThrownBy(() -> SpanLevels.fromBytes(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> new SpanLevels(16000, 0, 0, 0, 0, new double[3], new long[7]))
        .hasMessageContaining("25 bands");
    assertThatThrownBy(() -> LevelMeter.fromSample(16000, 60, 0, 1600, 0)).hasMessageContaining("first must end");
  }
}
