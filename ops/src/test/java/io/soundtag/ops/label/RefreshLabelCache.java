package io.soundtag.ops.label;

import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.labels.LabelCache;
import java.nio.file.Path;
import java.util.Map;

/** A process that refreshes a label cache one record per poll, for {@link LabelCacheKillIT} to kill. */
public final class RefreshLabelCache {

  private RefreshLabelCache() {}

  /** Arguments: bootstrap servers, topic, cache directory. */
  public static void main(String[] args) {
    KafkaConnection kafka = new KafkaConnection(args[0], Map.of("max.poll.records", "1"));
    try (LabelCache cache = LabelCache.open(Path.of(args[2]), kafka, args[1])) {
      System.out.println("refreshed: " + cache.refresh().size() + " clips");
    }
  }
}
