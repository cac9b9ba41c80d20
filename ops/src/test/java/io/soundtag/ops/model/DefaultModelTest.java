package io.soundtag.ops.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.TaskType;
import io.soundtag.trainer.taxonomy.Taxonomy;
import io.soundtag.trainer.taxonomy.TaxonomyEvaluation;
import org.junit.jupiter.api.Test;

class DefaultModelTest {

  @Test
  void theRealAudioModelIsTheBuiltInTaxonomysWithItsGroupsAndCalibratedThresholds() {
    var bundle = DefaultModel.loadForMicrophones(null);
    BundleManifest m = bundle.manifest();
    Taxonomy builtIn = Taxonomy.builtIn();
    assertThat(m.modelName()).isEqualTo("real-sounds");
    assertThat(m.task()).isEqualTo(TaskType.MULTI_LABEL);
    assertThat(m.classes()).isEqualTo(builtIn.classNames());
    assertThat(m.coarseTaxonomy()).isEqualTo(builtIn.coarseOf());
    assertThat(TaxonomyEvaluation.taxonomyOf(bundle)).contains(builtIn);
    assertThat(m.thresholds()).allSatisfy(t -> assertThat(t).isStrictlyBetween(0.0, 1.0));
    assertThat(m.metrics()).containsKey("validation_false_alarm_rate");
    // the tagger's geometry is the simulated city's model's, so either serves the same sensors at the same cost
    BundleManifest city = DefaultModel.load(null).manifest();
    assertThat(m.sampleRate()).isEqualTo(city.sampleRate());
    assertThat(m.windowSamples()).isEqualTo(city.windowSamples());
    assertThat(m.hopSamples()).isEqualTo(city.hopSamples());
  }

  @Test
  void aModelDescribesWhatItWasTrainedOn() {
    assertThat(DefaultModel.describe(DefaultModel.load(null))).startsWith("urban-sounds:").contains("trained on simulated");
    assertThat(DefaultModel.describe(DefaultModel.loadForMicrophones(null))).startsWith("real-sounds:")
        .contains("distilled from a teacher ensemble's stored logits (ced)").contains("trained on taxonomy real-sounds");
  }

  @Test
  void theDescriptionSaysWhetherTheStudentWasDistilled() {
    assertThat(DefaultModel.howTrained("supervised")).contains("trained alone");
    assertThat(DefaultModel.howTrained("ced")).contains("distilled").contains("teacher ensemble");
    assertThat(DefaultModel.howTrained("mrkd")).contains("distilled");
    assertThat(DefaultModel.howTrained(null)).isEqualTo("recipe not recorded");
    assertThat(DefaultModel.howTrained("future")).isEqualTo("recipe future");
  }
}
