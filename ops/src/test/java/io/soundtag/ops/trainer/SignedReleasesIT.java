package io.soundtag.ops.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.KeyAlgorithm;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.core.release.SigningKey;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.SoundtagCommand;
import io.soundtag.ops.tag.TagCommand;
import io.soundtag.ops.tagger.BundleVariants;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.model.RejectionReason;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.sidecar.Sidecar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Signed releases end to end, with the commands configured by their real flags as the deployment
 * files start them: the sidecar ({@code trainer run --sign release.key --trusted-key release.pub
 * --require-signed}) trains and signs release 1, which a tagger started with {@code --trusted-key
 * release.pub --require-signed} verifies and serves. A release signed by another key is then
 * refused by that tagger ({@code UNTRUSTED_KEY}, counted) while release 1 keeps serving, and by the
 * sidecar when new labels make a run due and it reads the served release to train on: counted, the
 * reason its status gives, and no candidate trained on top of it.
 */
class SignedReleasesIT {

  @TempDir
  Path dir;

  @Test
  void theSidecarsSignedReleaseServesAndOneSignedByAnotherKeyIsRefusedByTaggerAndSidecar() throws Exception {
    assertThat(SoundtagCommand.commandLine().execute("model", "keygen", dir.resolve("release").toString())).isZero();
    String privateKey = dir.resolve("release.key").toString();
    String publicKey = dir.resolve("release.pub").toString();
    Path recipe = Files.writeString(dir.resolve("recipe.json"), SidecarClips.supervised(12));

    try (EmbeddedKafka broker = new EmbeddedKafka(dir.resolve("broker"), 0).start()) {
      BrokerCommand.createTopics(broker.bootstrapServers(), new TopicLayout(1, (short) 1));
      KafkaConnection kafka = KafkaConnection.to(broker.bootstrapServers());
      ReleaseLog log = new ReleaseLog(kafka);
      SidecarClips clips = new SidecarClips();
      clips.write(kafka, 5, 100, SplitHint.GATE, k -> k);
      clips.write(kafka, 12, 200, SplitHint.ANY, k -> k);

      TrainerRunCommand trainer = parsed(new TrainerRunCommand(), "--bootstrap-servers", broker.bootstrapServers(),
          "--cache-dir", dir.resolve("sidecar").toString(), "--deployment", "city", "--recipe", recipe.toString(),
          "--min-new-labels", "10", "--every", "off", "--min-gain", "0.05", "--min-class-clips", "5", "--max-class-drop", "0.2",
          "--shadow-seconds", "0", "--poll-ms", "300", "--device", "cpu", "--created-by", "sidecar@signed",
          "--sign", privateKey, "--trusted-key", publicKey, "--require-signed");
      try (Sidecar sidecar = Sidecar.start(trainer.config())) {
        await(() -> !log.history("city").isEmpty(), Duration.ofSeconds(120), () -> sidecar.status().toString());
        ModelRelease first = log.history("city").get(0);
        assertThat(first.getDecision()).as(sidecar.status().lastDecision()).isEqualTo(ReleaseDecision.PROMOTED);
        assertThat(first.getSignature()).as("the sidecar signs what it writes").isNotNull();
        assertThat(first.getSignature().getKeyId()).isEqualTo(SigningKey.load(Path.of(privateKey)).keyId());

        Path bundle = dir.resolve("release-1.bundle");
        Files.write(bundle, SidecarIT.bytes(first.getBundle()));
        PrometheusRegistry taggerRegistry = new PrometheusRegistry();
        TagCommand tag = parsed(new TagCommand(), "--bootstrap-servers", broker.bootstrapServers(), "--model", bundle.toString(),
            "--deployment", "city", "--application-id", "signed", "--state-dir", dir.resolve("tagger").toString(),
            "--metrics-port", "-1", "--trusted-key", publicKey, "--require-signed");
        try (Tagger tagger = Tagger.start(tag.settings(taggerRegistry))) {
          ModelId release1 = ModelId.ofRelease("city", 1);
          await(() -> tagger.servedModel().equals(release1), Duration.ofSeconds(60), () -> tagger.releases().toString());

          SigningKey stranger = SigningKey.generate(KeyAlgorithm.ED25519);
          ModelBundle served = ModelBundle.fromBytes(SidecarIT.bytes(first.getBundle()));
          ModelRelease foreign = log.signedBy(stranger).publish(BundleVariants.withVersion(served, "foreign").toBytes(),
              ReleaseLineage.published("city", "someone else")).release();
          assertThat(foreign.getRelease()).isEqualTo(2);
          await(() -> tagger.metrics().rejectedReleases.labelValues(RejectionReason.UNTRUSTED_KEY.name()).get() == 1,
              Duration.ofSeconds(60), () -> tagger.releases().toString());
          assertThat(tagger.servedModel()).as("release 1 keeps serving").isEqualTo(release1);
          assertThat(tagger.releases().lastRefusal()).contains("UNTRUSTED_KEY").contains(stranger.keyId());
          assertThat(scrape(taggerRegistry))
              .contains("soundtag_tagger_model_releases_rejected_total{reason=\"UNTRUSTED_KEY\"} 1.0");

          // New labels make a run due; the sidecar reads the served release to warm-start from and refuses it.
          clips.write(kafka, 12, 300, SplitHint.ANY, k -> k);
          // It tries again every poll, counting each refusal, until the release is rolled back or replaced.
          String refusedAsParent = "soundtag_sidecar_refused_releases_total{reason=\"UNTRUSTED_KEY\"}";
          await(() -> sample(scrape(sidecar.metrics().registry()), refusedAsParent) >= 1, Duration.ofSeconds(60),
              () -> sidecar.status().toString());
          assertThat(sidecar.status().lastError()).contains("city:2").contains(stranger.keyId()).contains("roll back");
          assertThat(sidecar.status().runs()).as("no candidate is trained on an untrusted parent").isEqualTo(1);
          assertThat(log.history("city")).hasSize(2);
          assertThat(tagger.servedModel()).isEqualTo(release1);
        }
      }
    }
  }

  private static <T> T parsed(T command, String... args) {
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static String scrape(PrometheusRegistry registry) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false).write(text, registry.scrape());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  /** The value of {@code series} in a scrape, 0 when it is absent. */
  private static double sample(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
        .findFirst().orElse(0);
  }

  private static void await(BooleanSupplier condition, Duration timeout, Supplier<String> state) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited %s; %s", timeout, state.get()).isLessThan(deadline);
      Thread.sleep(300);
    }
  }
}
