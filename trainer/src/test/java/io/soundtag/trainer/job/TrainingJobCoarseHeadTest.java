package io.soundtag.trainer.job;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.soundtag.trainer.dataset.BadRowPolicy;
import io.soundtag.trainer.taxonomy.LeavePackagesOut;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.taxonomy.TaxonomyData;
import io.soundtag.trainer.taxonomy.ToneDevSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A taxonomy run with a coarse head through the front door: the bundle serves and calibrates as
 * any, and the report gives the coarse head's own top-1.
 */
class TrainingJobCoarseHeadTest {

  @TempDir
  Path dir;

  @Test
  void theReportGivesTheCoarseHeadsTop1AndTheBundleServesTheFineHead() throws Exception {
    Path devSet = ToneDevSet.write(dir.resolve("data"), List.of("gunshot", "speech"));
    TaxonomyData data = new TaxonomyData(Taxonomy.builtIn(), List.of(devSet), BadRowPolicy.FAIL, new LeavePackagesOut(4, 1, 2),
        Set.of(), 0, 0, 0);
    TrainingRecipe recipe = TrainingRecipe.defaults().with(Map.of("method", "supervised", "branches", List.of("logmel:smallcnn"),
        "width", 4, "epochs", 1, "crops", 1, "coarseWeight", 0.5, "schedule", Map.of("batchSize", 8)));
    Path report = dir.resolve("report");

    TrainingResult result = TrainingJob.builder()
        .setData(TrainingData.taxonomy(data, 0.2))
        .optRecipe(recipe)
        .optWorkDir(report)
        .optDevice(Device.cpu())
        .build()
        .run(new TrainingListener() { });

    assertThat(result.outcome().coarseHeadAccuracy()).containsOnlyKeys("logmel-smallcnn");
    assertThat(result.bundle().manifest().coarseTaxonomy()).isEqualTo(Taxonomy.builtIn().coarseOf());
    assertThat(Files.readString(report.resolve("index.html"))).contains("coarse head top-1 (validation windows, β 0.5)");
  }
}
