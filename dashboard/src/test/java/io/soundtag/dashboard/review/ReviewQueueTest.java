package io.soundtag.dashboard.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.dashboard.live.Score;
import io.soundtag.dashboard.live.WindowView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewQueueTest {

  static WindowView w(long start, List<Score> tags, List<Score> topK) {
    return new WindowView(start, start + 1_000_000, tags, topK, null, "dBFS", "urban:1");
  }

  @Test
  void windowsJustUnderTheLowestTaggedScoreComeFirstClosestFirst() {
    Map<String, List<WindowView>> windows = Map.of("s1", List.of(
        w(0, List.of(), List.of(new Score("siren", 0.45))),                    // 0.05 under: in
        w(5_000_000, List.of(), List.of(new Score("siren", 0.35))),                    // 0.15 under: in
        w(10_000_000, List.of(), List.of(new Score("siren", 0.1))),                     // far under: out
        w(15_000_000, List.of(new Score("siren", 0.6)), List.of(new Score("siren", 0.6))), // tagged: out
        w(20_000_000, List.of(), List.of(new Score("rain", 0.4)))));                    // never tagged: out
    List<QueueItem> q = ReviewQueue.nearThreshold(windows, Map.of("siren", 0.5), 0.2, 10);
    assertThat(q).extracting(QueueItem::startMicros).containsExactly(0L, 5_000_000L);
    assertThat(ReviewQueue.nearThreshold(windows, Map.of("siren", 0.5), 0.2, 1)).hasSize(1);
  }

  @Test
  void aSoundNearItsThresholdIsListedOnceAtItsClosestWindow() {
    Map<String, List<WindowView>> windows = Map.of("s1", List.of(
        w(0, List.of(), List.of(new Score("siren", 0.40))),
        w(500_000, List.of(), List.of(new Score("siren", 0.45))),
        w(1_000_000, List.of(), List.of(new Score("siren", 0.42))),
        w(9_000_000, List.of(), List.of(new Score("siren", 0.35)))));
    List<QueueItem> q = ReviewQueue.nearThreshold(windows, Map.of("siren", 0.5), 0.2, 10);
    assertThat(q).extracting(QueueItem::startMicros).containsExactly(500_000L, 9_000_000L);
  }
}
