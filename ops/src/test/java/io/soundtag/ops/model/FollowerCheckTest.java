package io.soundtag.ops.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.schemas.TaggerStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What running taggers would make of a bundle, from their statuses alone. */
class FollowerCheckTest {

  private static final BundleManifest BUNDLE = DefaultModel.load(null).manifest();

  private static TaggerStatus status(String instance, String deployment, int rate, List<String> classes) {
    return TaggerStatus.newBuilder().setInstanceId(instance).setApplicationId("app").setDeployment(deployment)
        .setServedModelId(deployment + ":1").setServedRelease(1L).setSampleRate(rate).setWindowSamples(rate)
        .setHopSamples(rate / 2).setClasses(classes).setStreamState("RUNNING").setTasks(List.of()).setHeartbeatMillis(0)
        .setStartedAtMillis(0).setSwaps(0).setRefusals(0).build();
  }

  private static TaggerStatus serving(String instance, String deployment) {
    return status(instance, deployment, BUNDLE.sampleRate(), BUNDLE.classes());
  }

  @Test
  void aBundleItsFollowersCanServeIsServable() {
    FollowerCheck c = FollowerCheck.of(BUNDLE, "urban-sounds", false, List.of(serving("a", "urban-sounds"), serving("b", "urban-sounds")));

    assertThat(c.servable()).isTrue();
    assertThat(c.followers()).containsExactly("a", "b");
  }

  @Test
  void aDeploymentNoTaggerFollowsIsNotAndTheServedOneIsSuggested() {
    FollowerCheck c = FollowerCheck.of(BUNDLE, "dev", false, List.of(serving("a", "urban-sounds")));

    assertThat(c.servable()).isFalse();
    assertThat(c.explanation()).contains("no running tagger follows deployment 'dev'").contains("{urban-sounds=1}")
        .contains("--as urban-sounds");
  }

  @Test
  void noStatusAtAllSaysSo() {
    assertThat(FollowerCheck.of(BUNDLE, "urban-sounds", false, List.of()).explanation())
        .contains("no tagger reports on audio.status").contains("--force");
  }

  @Test
  void followersAtAnotherRateWouldRefuseIt() {
    FollowerCheck c = FollowerCheck.of(BUNDLE, "urban-sounds", false,
        List.of(status("a", "urban-sounds", 2 * BUNDLE.sampleRate(), BUNDLE.classes())));

    assertThat(c.servable()).isFalse();
    assertThat(c.refusals()).singleElement().asString().startsWith("a: ").contains(BUNDLE.sampleRate() + " Hz");
    assertThat(c.servableUnder()).isEmpty();
  }

  @Test
  void otherClassesNeedToBeDeclaredAsOnPurpose() {
    List<String> served = new ArrayList<>(BUNDLE.classes());
    served.set(0, "ambulance");
    List<TaggerStatus> statuses = List.of(status("a", "urban-sounds", BUNDLE.sampleRate(), served));

    FollowerCheck refused = FollowerCheck.of(BUNDLE, "urban-sounds", false, statuses);
    assertThat(refused.servable()).isFalse();
    assertThat(refused.refusals().get(0)).contains("added [" + BUNDLE.classes().get(0) + "]").contains("removed [ambulance]")
        .contains("--classes-changed");

    assertThat(FollowerCheck.of(BUNDLE, "urban-sounds", true, statuses).servable()).isTrue();
  }
}
