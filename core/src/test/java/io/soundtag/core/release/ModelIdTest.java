package io.soundtag.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelIdTest {

  @Test
  void formatsAndParsesDeploymentColonVersion() {
    ModelId id = ModelId.ofRelease("urban-sounds", 7);

    assertThat(id.toString()).isEqualTo("urban-sounds:7");
    assertThat(ModelId.parse("urban-sounds:7")).isEqualTo(id);
    assertThat(ModelId.parse("dev:20261121T101500-ab:c").version()).as("the version is everything after the first colon")
        .isEqualTo("20261121T101500-ab:c");
  }

  @Test
  void refusesWhatIsNotAnId() {
    assertThatThrownBy(() -> ModelId.parse("urban-sounds")).hasMessageContaining("deployment:version");
    assertThatThrownBy(() -> ModelId.parse(":7")).hasMessageContaining("deployment name");
    assertThatThrownBy(() -> ModelId.parse("urban sounds:7")).hasMessageContaining("deployment name");
    assertThatThrownBy(() -> ModelId.parse("urban-sounds:")).hasMessageContaining("version");
    assertThatThrownBy(() -> new ModelId("a", "1 2")).hasMessageContaining("without spaces");
  }

  @Test
  void aModelNameBecomesADeploymentName() {
    assertThat(ModelId.deploymentOf("folder:dev")).isEqualTo("folder-dev");
    assertThat(ModelId.deploymentOf("urban-sounds")).isEqualTo("urban-sounds");
    assertThat(ModelId.deploymentOf("")).isEqualTo("model");
  }
}
