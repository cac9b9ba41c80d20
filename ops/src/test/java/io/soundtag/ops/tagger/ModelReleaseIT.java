package io.soundtag.ops.tagger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.ModelId;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.Lifecycle;
import io.soundtag.ops.cli.SoundtagCommand;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.events.EventPolicy;
import io.soundtag.tagger.model.RejectionReason;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.release.TaggerStatusReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases end to end through {@code soundtag model}, on an embedded broker, with a running tagger:
 * publish → the tagger swaps → {@code model status} shows it; the same bundle twice is one release;
 * a stale release replayed is ignored; a rollback is followed; a foreign bundle is refused with
 * the reason and published with {@code --as} when it is servable; {@code model get} writes a release's bundle out.
 */
class ModelReleaseIT {

  @TempDir
  Path dir;

  private record Run(int rc, String out, String err) {}

  private static Run soundtag(String bootstrap, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = SoundtagCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap-servers");
    all.add(bootstrap);
    int rc = cl.execute(all.toArray(String[]::new));
    return new Run(rc, out.toString(), err.toString());
  }

  @Test
  void publishSwapStatusReplayRollbackAndAForeignBundle() throws Exception {
    ModelBundle base = DefaultModel.load(null);
    String deployment = base.manifest().modelName();
    Lifecycle lifecycle = new Lifecycle();
    try {
      EmbeddedKafka kafka = lifecycle.own(new EmbeddedKafka(dir.resolve("broker"), 0)).start();
      String bootstrap = kafka.bootstrapServers();
      BrokerCommand.createTopics(bootstrap, new TopicLayout(2, (short) 1));
      KafkaConnection connection = KafkaConnection.to(bootstrap);
      TaggerConfig config = new TaggerConfig("release-test", connection, dir.resolve("state"), 1, true,
          ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null), EventPolicy.defaults());
      Tagger tagger = lifecycle.own(Tagger.start(TaggerSettings.of(config, base).withInstanceId("tagger-1")
          .withHeartbeat(Duration.ofMillis(300))));
      TaggerStatusReader statuses = new TaggerStatusReader(connection);
      await().atMost(Duration.ofSeconds(30)).until(() -> statuses.read().stream().anyMatch(s -> s.getInstanceId().equals("tagger-1")));
      ReleaseLog log = new ReleaseLog(connection);

      // publish → swap → status
      Path v2 = dir.resolve("v2.bundle");
      BundleVariants.withVersion(base, "v2").write(v2);
      Run published = soundtag(bootstrap, "model", "publish", v2.toString());
      assertThat(published.rc()).as(published.err()).isZero();
      assertThat(published.out()).contains("published " + deployment + ":1").contains("followed by 1 tagger(s): tagger-1");
      await().atMost(Duration.ofSeconds(60)).until(() -> tagger.servedModel().equals(ModelId.ofRelease(deployment, 1)));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        Run status = soundtag(bootstrap, "model", "status");
        assertThat(status.out()).contains("tagger-1").contains(deployment + ":1").contains("yes");
      });

      // the same bundle again: nothing written
      Run again = soundtag(bootstrap, "model", "publish", v2.toString());
      assertThat(again.out()).contains(deployment + ":1 already holds this bundle");
      assertThat(log.history(deployment)).hasSize(1);

      // a newer release, then the older one replayed: ignored
      Path v3 = dir.resolve("v3.bundle");
      BundleVariants.withVersion(base, "v3").write(v3);
      assertThat(soundtag(bootstrap, "model", "publish", v3.toString()).rc()).isZero();
      await().atMost(Duration.ofSeconds(60)).until(() -> tagger.servedModel().equals(ModelId.ofRelease(deployment, 2)));
      ModelRelease first = log.history(deployment).get(0);
      try (RawReleases raw = new RawReleases(bootstrap)) {
        raw.write(first);
      }
      await().atMost(Duration.ofSeconds(30))
          .until(() -> tagger.metrics().ignoredReleases.labelValues(RejectionReason.STALE.name()).get() == 1.0);
      assertThat(tagger.servedModel()).isEqualTo(ModelId.ofRelease(deployment, 2));
      assertThat(tagger.releases().lastRefusal()).contains(deployment + ":1").contains("STALE");

      // rollback: release 3 is release 1's bundle again, its parent the release rolled back
      Run rollback = soundtag(bootstrap, "model", "rollback");
      assertThat(rollback.rc()).as(rollback.err()).isZero();
      assertThat(rollback.out()).contains("released " + deployment + ":3").contains("rolling back " + deployment + ":2");
      ModelRelease third = log.current(deployment).orElseThrow();
      assertThat(third.getRelease()).isEqualTo(3);
      assertThat(third.getDecision()).isEqualTo(ReleaseDecision.ROLLBACK);
      assertThat(third.getParentRelease()).isEqualTo(2L);
      assertThat(third.getSha256()).isEqualTo(first.getSha256());
      await().atMost(Duration.ofSeconds(60)).until(() -> tagger.servedModel().equals(ModelId.ofRelease(deployment, 3)));

      // a foreign bundle (another model name, as `soundtag train --out dev.bundle` makes) is refused with the reason ...
      Path dev = dir.resolve("dev.bundle");
      BundleVariants.renamed(base, "dev", "d1").write(dev);
      Run foreign = soundtag(bootstrap, "model", "publish", dev.toString());
      assertThat(foreign.rc()).isNotZero();
      assertThat(foreign.err()).contains("no running tagger follows deployment 'dev'").contains("--as " + deployment)
          .doesNotContain("\n\n");
      // ... one at another rate is refused under the served deployment too ...
      Path otherRate = dir.resolve("other-rate.bundle");
      BundleVariants.atAnotherRate(BundleVariants.renamed(base, "dev", "d2"), "d2").write(otherRate);
      Run unservable = soundtag(bootstrap, "model", "publish", otherRate.toString(), "--as", deployment);
      assertThat(unservable.rc()).isNotZero();
      assertThat(unservable.err()).contains("would refuse it").contains("tagger-1").contains("Hz");
      // ... and the servable one is published with --as and served
      Run as = soundtag(bootstrap, "model", "publish", dev.toString(), "--as", deployment);
      assertThat(as.rc()).as(as.err()).isZero();
      assertThat(as.out()).contains("published " + deployment + ":4 (bundle dev d1");
      await().atMost(Duration.ofSeconds(60)).until(() -> tagger.servedModel().equals(ModelId.ofRelease(deployment, 4)));

      // get: a release's bundle written out, the same bytes the release carries; a missing release is a clear error
      Path got = dir.resolve("got.bundle");
      Run get = soundtag(bootstrap, "model", "get", "--deployment", deployment, "--release", "2", "--out", got.toString());
      assertThat(get.rc()).as(get.err()).isZero();
      assertThat(get.out()).contains("release " + deployment + ":2");
      assertThat(ModelBundle.sha256(Files.readAllBytes(got))).isEqualTo(log.history(deployment).get(1).getSha256());
      Run missing = soundtag(bootstrap, "model", "get", "--deployment", deployment, "--release", "9", "--out", got.toString());
      assertThat(missing.rc()).isNotZero();
      assertThat(missing.err()).contains("has no release 9");

      Run list = soundtag(bootstrap, "model", "list");
      assertThat(list.rc()).isZero();
      assertThat(list.out()).contains("deployment " + deployment + " (4 releases, current " + deployment + ":4)")
          .contains("ROLLBACK").contains("model rollback by").contains("dev d1");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        TaggerStatus s = statuses.read().stream().filter(x -> x.getInstanceId().equals("tagger-1")).findFirst().orElseThrow();
        assertThat(s.getServedModelId()).isEqualTo(deployment + ":4");
        assertThat(s.getServedRelease()).isEqualTo(4L);
        assertThat(s.getSwaps()).isEqualTo(4);
        assertThat(s.getRefusals()).isEqualTo(1);
      });
      System.out.println(list.out());
      System.out.println(soundtag(bootstrap, "model", "status").out());
    } finally {
      lifecycle.closeAll();
    }
  }
}
