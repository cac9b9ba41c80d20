package io.soundtag.ops.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.soundtag.core.bundle.BundleManifest;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.release.KeyAlgorithm;
import io.soundtag.core.release.ModelId;
import io.soundtag.core.release.ReleaseLineage;
import io.soundtag.core.release.SignaturePolicy;
import io.soundtag.core.release.SigningKey;
import io.soundtag.core.release.TrustedKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soundtag.dashboard.Dashboard;
import io.soundtag.dashboard.DashboardConfig;
import io.soundtag.ops.broker.BrokerCommand;
import io.soundtag.ops.broker.BrokerSecurity;
import io.soundtag.ops.broker.EmbeddedKafka;
import io.soundtag.ops.broker.RoleAcls;
import io.soundtag.ops.broker.TopicLayout;
import io.soundtag.ops.cli.SoundtagCommand;
import io.soundtag.ops.model.DefaultModel;
import io.soundtag.ops.tagger.BundleVariants;
import io.soundtag.ops.tail.LiveTail;
import io.soundtag.ops.trainer.SidecarClips;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.ReleaseDecision;
import io.soundtag.schemas.SplitHint;
import io.soundtag.schemas.topic.ClusterAccess;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.schemas.topic.Topics;
import io.soundtag.tagger.Tagger;
import io.soundtag.tagger.TaggerSettings;
import io.soundtag.tagger.model.RejectionReason;
import io.soundtag.tagger.reassembly.ReassemblyPolicy;
import io.soundtag.tagger.scoring.BatchPolicy;
import io.soundtag.tagger.scoring.TagPolicy;
import io.soundtag.tagger.topology.TaggerConfig;
import io.soundtag.trainer.gate.GateRules;
import io.soundtag.trainer.job.TrainingRecipe;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.sidecar.Sidecar;
import io.soundtag.trainer.sidecar.SidecarConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * soundtag on a secured cluster: the embedded broker with a SASL_SSL listener (SCRAM-SHA-512 users,
 * certificates made here) and the StandardAuthorizer, each role running as a user of its own with
 * exactly the ACLs {@link RoleAcls} gives it. Ingest → tagger → tail works through client
 * configuration files; a wrong password, an untrusted certificate and a plaintext client fail fast
 * in one line naming the cause; the sidecar trains on labels the dashboard's user wrote and
 * publishes a signed release; the dashboard starts with audio and reviews on; a tagger cannot
 * publish a model and ingest cannot read tags; no password ever reaches a log line or a command's
 * output.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredClusterIT {

  private static final String APP = "secure-tagger";
  private static final List<String> ROLES = List.of("ingest", "tagger", "sidecar", "dashboard");

  @TempDir
  static Path dir;

  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final List<String> outputs = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Map<String, Level> levels = new LinkedHashMap<>();
  private TestCertificates certs;
  private EmbeddedKafka kafka;
  private ModelBundle bundle;
  private String deployment;

  @BeforeAll
  void secureBroker() throws Exception {
    captureLogs();
    certs = TestCertificates.make(dir);
    ROLES.forEach(r -> passwords.put(r, r + "-" + UUID.randomUUID()));
    kafka = new EmbeddedKafka(dir.resolve("broker"), 0, new BrokerSecurity(certs.brokerKeystore(), certs.password(), certs.truststore(),
        certs.password(), passwords, List.of(), true)).start();
    BrokerCommand.createTopics(kafka.adminConnection(), new TopicLayout(2, (short) 1));
    bundle = DefaultModel.load(null);
    deployment = ModelId.deploymentOf(bundle.manifest().modelName());
    try (Admin admin = Admin.create(kafka.adminConnection().clientProperties())) {
      for (String role : ROLES) {
        new RoleAcls(RoleAcls.Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)), "User:" + role, APP, deployment).create(admin);
      }
    }
  }

  @AfterAll
  void stop() {
    if (kafka != null) {
      kafka.close();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
  }

  @Test
  @Order(1)
  void ingestTaggerAndTailWorkOverSaslSslEachWithExactlyItsAcls() throws Exception {
    SigningKey releases = SigningKey.generate(KeyAlgorithm.ED25519);
    TaggerConfig config = new TaggerConfig(APP, KafkaConnection.load(kafka.bootstrapServers(), clientConfig("tagger")), dir.resolve("state"),
        1, true, ReassemblyPolicy.defaults(), new BatchPolicy(16, 50), new TagPolicy(3, null));
    ByteArrayOutputStream tailed = new ByteArrayOutputStream();
    try (Tagger tagger = Tagger.start(TaggerSettings.of(config, bundle).withRegistry(new PrometheusRegistry())
            .withSignatures(SignaturePolicy.require(TrustedKeys.of(releases.publicKey()))));
        LiveTail<?> tail = LiveTail.tags(KafkaConnection.load(kafka.bootstrapServers(), clientConfig("dashboard")), Topics.AUDIO_TAGS, true,
            false, new PrintStream(tailed, true, StandardCharsets.UTF_8))) {
      Thread tailThread = new Thread(tail, "secured-tail");
      tailThread.start();

      double seconds = 6;
      BundleManifest m = bundle.manifest();
      assertThat(soundtag("ingest", "simulate", "--sensors", "2", "--duration", String.valueOf(seconds), "--rate",
          String.valueOf(m.sampleRate()), "--as-fast-as-possible", "--bootstrap-servers", kafka.bootstrapServers(),
          "--kafka-config", clientConfig("ingest").toString()).exit).isZero();

      long windowsPerSensor = ((long) (seconds * m.sampleRate()) - m.windowSamples()) / m.hopSamples() + 1;
      try {
        await().atMost(Duration.ofSeconds(120)).until(() -> lines(tailed) >= 2 * windowsPerSensor);
      } finally {
        System.out.println("secured pipeline: " + lines(tailed) + " of " + 2 * windowsPerSensor + " windows tailed; tagger processed "
            + tagger.metrics().windowsOut.get() + " windows");
      }
      System.out.println("secured pipeline: " + lines(tailed) + " tag lines tailed as User:dashboard, first: "
          + tailed.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));

      // The sidecar's write path, as User:sidecar: an unsigned release is refused by the tagger, a signed one served.
      KafkaConnection sidecar = KafkaConnection.load(kafka.bootstrapServers(), clientConfig("sidecar"));
      new ReleaseLog(sidecar).publish(BundleVariants.withVersion(bundle, "unsigned").toBytes(), ReleaseLineage.published(deployment, "it"));
      await().atMost(Duration.ofSeconds(60)).until(() ->
          tagger.metrics().rejectedReleases.labelValues(RejectionReason.UNSIGNED.name()).get() >= 1);
      assertThat(tagger.servedModel()).isEqualTo(ModelId.of(m));
      ReleaseLog.Published signed = new ReleaseLog(sidecar).signedBy(releases)
          .publish(BundleVariants.withVersion(bundle, "signed").toBytes(), ReleaseLineage.published(deployment, "it"));
      await().atMost(Duration.ofSeconds(60)).until(() -> tagger.servedModel().equals(ModelId.ofRelease(deployment, signed.release().getRelease())));
      tail.close();
      tailThread.join(5000);
    }
  }

  @Test
  @Order(2)
  void theSidecarTrainsOnLabelsTheDashboardWroteAndPublishesASignedReleaseWithItsAclsAlone() throws Exception {
    String city = "city";
    try (Admin admin = Admin.create(kafka.adminConnection().clientProperties())) {
      new RoleAcls(RoleAcls.Role.SIDECAR, "User:sidecar", APP, city).create(admin);
    }
    KafkaConnection dashboard = KafkaConnection.load(kafka.bootstrapServers(), clientConfig("dashboard"));
    SidecarClips clips = new SidecarClips();
    clips.write(dashboard, 5, 100, SplitHint.GATE, k -> k);
    clips.write(dashboard, 12, 200, SplitHint.ANY, k -> k);
    SigningKey releases = SigningKey.generate(KeyAlgorithm.ED25519);
    SidecarConfig config = SidecarConfig.of(KafkaConnection.load(kafka.bootstrapServers(), clientConfig("sidecar")), dir.resolve("sidecar"))
        .withDeployment(city)
        .withRecipe(TrainingRecipe.parse(SidecarClips.supervised(12)))
        .withSchedule(10, null)
        .withRules(new GateRules(0.05, 5, 0.2, 0.05))
        .withShadow(Duration.ZERO, 0)
        .withPoll(Duration.ofMillis(300))
        .withDevice(ai.djl.Device.cpu())
        .withCreatedBy("sidecar@secured")
        .withSignatures(releases, SignaturePolicy.require(TrustedKeys.of(releases.publicKey())));
    try (Sidecar sidecar = Sidecar.start(config)) {
      // A denied read or write is a failed cycle (the sidecar goes on): stop at the first and say which.
      await().atMost(Duration.ofSeconds(120)).until(() -> sidecar.status().runs() >= 1 || sidecar.status().failures() > 0);
      assertThat(sidecar.status().failures()).as("sidecar failures as User:sidecar: %s", sidecar.status().lastError()).isZero();
    }
    List<ModelRelease> history = new ReleaseLog(dashboard).history(city);
    assertThat(history).hasSize(1);
    assertThat(history.get(0).getDecision()).isEqualTo(ReleaseDecision.PROMOTED);
    assertThat(history.get(0).getSignature().getKeyId()).isEqualTo(releases.keyId());
  }

  @Test
  @Order(3)
  void theDashboardServesAudioAndTakesReviewsWithItsAclsAlone() throws Exception {
    KafkaConnection connection = KafkaConnection.load(kafka.bootstrapServers(), clientConfig("dashboard"));
    try (Dashboard dashboard = Dashboard.start(DashboardConfig.defaults(connection).withBind("127.0.0.1", 0)
        .withToken("secured-dashboard-token-0123456789"))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard.url() + "api/config")).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode config = new ObjectMapper().readTree(r.body());
      assertThat(config.path("reviews").asBoolean()).as("reviews on (the labels topic is writable): %s", r.body()).isTrue();
      assertThat(config.path("audio").asBoolean()).as("audio served (the chunks are readable): %s", r.body()).isTrue();
    }
  }

  @Test
  @Order(4)
  void aTaggerCannotPublishAModel() {
    KafkaConnection tagger = KafkaConnection.load(kafka.bootstrapServers(), clientConfig("tagger"));

    assertThatThrownBy(() -> new ReleaseLog(tagger).publish(BundleVariants.withVersion(bundle, "by-tagger").toBytes(),
        ReleaseLineage.published(deployment, "tagger")))
        .satisfies(e -> assertThat(ClusterAccess.explain(tagger, e)).hasValueSatisfying(line -> assertThat(line)
            .contains("user 'tagger' is not allowed").contains("transactional id")));
    assertThat(new ReleaseLog(tagger).history(deployment)).as("a tagger still reads the releases it follows").isNotEmpty();
  }

  @Test
  @Order(5)
  void ingestCannotReadTags() {
    KafkaConnection ingest = KafkaConnection.load(kafka.bootstrapServers(), clientConfig("ingest"));
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(ingest.clientProperties(Map.of(
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(Topics.AUDIO_TAGS, 0)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOfSatisfying(TopicAuthorizationException.class,
          e -> assertThat(e.unauthorizedTopics()).containsExactly(Topics.AUDIO_TAGS));
    }

    Run tail = soundtag("tail", "--from-beginning", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config",
        clientConfig("ingest").toString());

    assertThat(tail.exit).isEqualTo(1);
    assertThat(tail.err.strip()).doesNotContain("\n").startsWith("soundtag tail: user 'ingest' is not allowed");
  }

  @Test
  @Order(6)
  void aWrongPasswordFailsFastInOneLine() throws Exception {
    Path wrong = dir.resolve("wrong-password.properties");
    Files.writeString(wrong, Files.readString(clientConfig("dashboard")).replace(passwords.get("dashboard"), "not-the-password"));

    Run r = soundtag("model", "list", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", wrong.toString());

    assertOneLineFailure(r, "refused the credentials of user 'dashboard' (SCRAM-SHA-512): wrong user name or password");
  }

  @Test
  @Order(7)
  void anUntrustedCertificateFailsFastInOneLine() throws Exception {
    Path stranger = dir.resolve("stranger.properties");
    Files.writeString(stranger, Files.readString(clientConfig("dashboard")).replace(certs.truststore().toString(),
        certs.strangerTruststore().toString()));

    Run r = soundtag("model", "list", "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", stranger.toString());

    assertOneLineFailure(r, "TLS certificate of the brokers at " + kafka.bootstrapServers() + " is not trusted");
  }

  @Test
  @Order(8)
  void aPlaintextClientFailsFastInOneLine() {
    Run r = soundtag("model", "list", "--bootstrap-servers", kafka.bootstrapServers());

    assertOneLineFailure(r, "speak TLS but this client uses security.protocol=PLAINTEXT");
  }

  @Test
  @Order(9)
  void noPasswordEverReachesALogLineOrTheOutput() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      lines.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getMessage());
      }
    }
    lines.addAll(outputs);
    String all = String.join("\n", lines.stream().map(String::valueOf).toList());

    assertThat(all).as("the clients' configurations were logged, masked").contains("sasl.jaas.config = [hidden]");
    assertThat(all).contains("ssl.truststore.password = [hidden]");
    for (String secret : List.copyOf(passwords.values())) {
      assertThat(all).doesNotContain(secret);
    }
    assertThat(all).doesNotContain(certs.password());
  }

  private void assertOneLineFailure(Run r, String cause) {
    assertThat(r.exit).isEqualTo(1);
    assertThat(r.err.strip()).doesNotContain("\n").startsWith("soundtag model list: ").contains(cause);
    assertThat(r.millis).as("fails fast, well before a client's 60 s default timeout").isLessThan(30_000);
    System.out.println("refused in " + r.millis + " ms: " + r.err.strip());
  }

  private Path clientConfig(String user) {
    Path file = dir.resolve(user + ".properties");
    if (!Files.exists(file)) {
      try {
        Files.writeString(file, String.join("\n",
            "security.protocol=SASL_SSL",
            "sasl.mechanism=SCRAM-SHA-512",
            "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + passwords.get(user) + "\";",
            "ssl.truststore.type=PKCS12",
            "ssl.truststore.location=" + certs.truststore(),
            "ssl.truststore.password=" + certs.password(), ""));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return file;
  }

  private record Run(int exit, String out, String err, long millis) {}

  private Run soundtag(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = SoundtagCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    long t0 = System.nanoTime();
    int exit = cl.execute(args);
    Run r = new Run(exit, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    outputs.add(r.out);
    outputs.add(r.err);
    return r;
  }

  private static long lines(ByteArrayOutputStream out) {
    return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
  }

  /** Kafka's configuration dumps are at INFO: let them through, so the test sees what a verbose log would hold. */
  private void captureLogs() {
    for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "kafka", "io.soundtag")) {
      Logger l = (Logger) LoggerFactory.getLogger(name);
      levels.put(name, l.getLevel());
      l.setLevel(Level.INFO);
    }
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }
}
