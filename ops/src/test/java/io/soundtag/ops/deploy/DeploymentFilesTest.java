package io.soundtag.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.soundtag.ops.cli.SoundtagCommand;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The files in {@code deploy/} are parsed and checked, not only written: every Kubernetes object
 * reads as its typed model with no field the model does not know, references resolve, and every
 * command line in the manifests, the units and the compose file parses with the real
 * {@code soundtag} command tree (so a flag the command does not have fails here). The systemd units
 * also pass {@code systemd-analyze verify} where it exists.
 *
 * <p>Signed releases are enforced in each of the three: every command started that follows model
 * releases (those with {@code --trusted-key}) trusts the same public keys and requires signatures,
 * the sidecar signs with the private half of one of them, and each key file a command names is
 * mounted where it looks for it, the private key only into the sidecar.
 */
class DeploymentFilesTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "Namespace", Namespace.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class,
      "StatefulSet", StatefulSet.class, "Deployment", Deployment.class);

  @TempDir
  Path tmp;

  /**
   * Parses a soundtag command line as the real CLI would, with variables replaced by sample values,
   * and returns the parse of the command it starts ({@code trainer run}, not {@code trainer}).
   */
  private static CommandLine.ParseResult assertSoundtagParses(String where, List<String> args) {
    List<String> concrete = args.stream()
        .map(a -> a.replaceAll("\\$\\(([A-Z_]+)\\)|\\$\\{([A-Z_]+)\\}|%i", "sample"))
        .toList();
    CommandLine cl = SoundtagCommand.commandLine();
    try {
      CommandLine.ParseResult parsed = cl.parseArgs(concrete.toArray(String[]::new));
      assertThat(parsed.hasSubcommand()).as("%s names a subcommand: %s", where, args).isTrue();
      while (parsed.hasSubcommand()) {
        parsed = parsed.subcommand();
      }
      return parsed;
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(where + ": `soundtag " + String.join(" ", args) + "` does not parse: " + e.getMessage(), e);
    }
  }

  /**
   * What a command that follows model releases was told about their signatures.
   *
   * @param command the command started, e.g. {@code soundtag trainer run}
   * @param trustedKeys the {@code --trusted-key} files, as written
   * @param required whether {@code --require-signed} was given
   * @param signingKey the {@code --sign} file, or null
   */
  private record ReleaseTrust(String command, List<String> trustedKeys, boolean required, String signingKey) {}

  /** The release trust of a parsed command, or null if the command does not follow releases. */
  private static ReleaseTrust releaseTrust(CommandLine.ParseResult command) {
    if (command.commandSpec().findOption("--trusted-key") == null) {
      return null;
    }
    CommandLine.Model.OptionSpec trusted = command.matchedOption("--trusted-key");
    CommandLine.Model.OptionSpec sign = command.matchedOption("--sign");
    return new ReleaseTrust(command.commandSpec().qualifiedName(), trusted == null ? List.of() : trusted.stringValues(),
        command.hasMatchedOption("--require-signed"), sign == null ? null : sign.stringValues().get(0));
  }

  /**
   * Every follower started by one kind of deployment requires signed releases and trusts the same
   * keys; the tagger, the sidecar and the dashboard are among them; the sidecar alone signs, with
   * a key whose public half ({@code NAME.pub} beside {@code NAME.key}, as {@code model keygen}
   * writes them) is trusted. Returns the sidecar's trust.
   */
  private static ReleaseTrust assertOnlySignedReleasesServe(String deployment, Map<String, ReleaseTrust> followers) {
    assertThat(followers.values()).extracting(ReleaseTrust::command).as("%s: the commands that follow releases", deployment)
        .contains("soundtag tag", "soundtag trainer run", "soundtag dashboard");
    followers.forEach((where, t) -> {
      assertThat(t.trustedKeys()).as("%s: %s is given --trusted-key", deployment, where).isNotEmpty();
      assertThat(t.required()).as("%s: %s is given --require-signed", deployment, where).isTrue();
    });
    assertThat(followers.values().stream().map(t -> Set.copyOf(t.trustedKeys())).distinct())
        .as("%s: every follower trusts the same keys: %s", deployment, followers).hasSize(1);
    List<ReleaseTrust> signers = followers.values().stream().filter(t -> t.signingKey() != null).toList();
    assertThat(signers).extracting(ReleaseTrust::command).as("%s: who signs releases (--sign)", deployment)
        .containsExactly("soundtag trainer run");
    return signers.get(0);
  }

  /** {@code privateKey} is {@code NAME.key} and {@code NAME.pub} is among {@code publicKeys}. */
  private static void assertKeyPair(String where, String privateKey, Collection<String> publicKeys) {
    assertThat(privateKey).as("%s: the signing key file", where).endsWith(".key");
    assertThat(publicKeys).as("%s: the public half of %s is trusted", where, privateKey)
        .contains(privateKey.substring(0, privateKey.length() - ".key".length()) + ".pub");
  }

  private static List<HasMetadata> kubernetesObjects() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (JsonNode doc : YAML.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class).readAll()) {
          String kind = doc.path("kind").asText();
          assertThat(KINDS).as("%s: kind %s", file, kind).containsKey(kind);
          HasMetadata object = YAML.treeToValue(doc, KINDS.get(kind));
          assertNoUnknownFields(file + " " + kind + "/" + object.getMetadata().getName(), object, new IdentityHashMap<>());
          objects.add(object);
        }
      }
    }
    return objects;
  }

  /** The models keep fields they do not know in additionalProperties: there must be none anywhere. */
  private static void assertNoUnknownFields(String where, Object node, Map<Object, Boolean> seen) {
    if (node == null || seen.put(node, true) != null) {
      return;
    }
    if (node instanceof Collection<?> c) {
      c.forEach(e -> assertNoUnknownFields(where, e, seen));
      return;
    }
    if (node instanceof Map<?, ?> m) {
      m.values().forEach(e -> assertNoUnknownFields(where, e, seen));
      return;
    }
    if (!(node instanceof KubernetesResource)) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        assertThat((Map<?, ?>) value).as("%s: fields %s are not part of %s", where, value, node.getClass().getSimpleName())
            .isNullOrEmpty();
      } else {
        assertNoUnknownFields(where, value, seen);
      }
    }
  }

  @Test
  void kubernetesManifestsAreValidObjectsThatReferToEachOtherAndRunRealCommands() throws IOException {
    List<HasMetadata> objects = kubernetesObjects();
    Set<String> configMaps = names(objects, ConfigMap.class);
    Set<String> secrets = names(objects, Secret.class);

    StatefulSet taggers = one(objects, StatefulSet.class, "soundtag-tagger");
    assertThat(taggers.getSpec().getVolumeClaimTemplates()).as("taggers keep their state on a volume").isNotEmpty();
    String stateVolume = taggers.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
    assertThat(taggers.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> assertThat(m.getName()).isEqualTo(stateVolume));
    Deployment sidecar = one(objects, Deployment.class, "soundtag-sidecar");
    assertThat(sidecar.getSpec().getReplicas()).as("one sidecar publishes releases").isEqualTo(1);
    assertThat(sidecar.getSpec().getStrategy().getType()).as("never two sidecars at once").isEqualTo("Recreate");
    Deployment dashboard = one(objects, Deployment.class, "soundtag-dashboard");
    Service dashboardService = one(objects, Service.class, "soundtag-dashboard");
    assertThat(dashboard.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(dashboardService.getSpec().getSelector());

    ConfigMap config = one(objects, ConfigMap.class, "soundtag-config");
    Map<String, ReleaseTrust> followers = new LinkedHashMap<>();
    Map<String, String> keySources = new LinkedHashMap<>();
    for (PodTemplateSpec pod : List.of(taggers.getSpec().getTemplate(), sidecar.getSpec().getTemplate(),
        dashboard.getSpec().getTemplate())) {
      PodSpec spec = pod.getSpec();
      for (Container c : spec.getContainers()) {
        String where = "container " + c.getName();
        CommandLine.ParseResult command = assertSoundtagParses(where, c.getArgs());
        ReleaseTrust trust = releaseTrust(command);
        if (trust != null) {
          followers.put(where, trust);
          for (String key : trust.trustedKeys()) {
            keySources.put(where + " " + key, mountedFile(objects, spec, c, key));
          }
          if (trust.signingKey() != null) {
            String source = mountedFile(objects, spec, c, trust.signingKey());
            assertThat(source).as("%s: the signing key comes from a Secret", where).startsWith("Secret ");
            keySources.put(where + " " + trust.signingKey(), source);
          }
        }
        if (command.hasMatchedOption("--token-file")) {
          mountedFile(objects, spec, c, command.matchedOption("--token-file").stringValues().get(0));
        }
        String kafkaConfig = command.hasMatchedOption("--kafka-config") ? command.matchedOption("--kafka-config").stringValues().get(0)
            : config.getData().get("SOUNDTAG_KAFKA_CONFIG");
        assertThat(mountedFile(objects, spec, c, kafkaConfig)).as("%s: the Kafka client properties", where).startsWith("Secret ");
        c.getEnvFrom().forEach(e -> assertThat(configMaps).as(where).contains(e.getConfigMapRef().getName()));
        c.getEnv().stream().filter(e -> e.getValueFrom() != null)
            .forEach(e -> assertThat(secrets).as(where).contains(e.getValueFrom().getSecretKeyRef().getName()));
        assertThat(c.getEnv().stream().map(e -> String.valueOf(e.getValue())))
            .as("%s: no secret in plain env values", where).noneMatch(v -> v.contains("password"));
      }
      for (Volume v : spec.getVolumes()) {
        if (v.getSecret() != null) {
          assertThat(secrets).contains(v.getSecret().getSecretName());
        }
      }
    }
    assertThat(config.getData().values()).as("secrets are kept apart from the configuration")
        .noneMatch(v -> v.contains("password") || v.contains("sasl.jaas"));

    ReleaseTrust signer = assertOnlySignedReleasesServe("kubernetes", followers);
    String signingSecret = keySources.get("container sidecar " + signer.signingKey());
    assertKeyPair("kubernetes", fileOf(signingSecret),
        signer.trustedKeys().stream().map(k -> fileOf(keySources.get("container sidecar " + k))).toList());
    for (PodTemplateSpec pod : List.of(taggers.getSpec().getTemplate(), dashboard.getSpec().getTemplate())) {
      assertThat(pod.getSpec().getVolumes()).as("only the sidecar's pod mounts the signing key")
          .noneMatch(v -> v.getSecret() != null && signingSecret.startsWith("Secret " + v.getSecret().getSecretName() + "/"));
    }
  }

  /**
   * The ConfigMap or Secret entry a container finds at {@code path} ("Secret NAME/KEY"): the path is
   * a file in a volume mounted from one (or the mount itself, with a subPath), and the entry exists.
   */
  private static String mountedFile(List<HasMetadata> objects, PodSpec pod, Container c, String path) {
    Path file = Path.of(path);
    for (VolumeMount mount : c.getVolumeMounts()) {
      String key;
      if (mount.getSubPath() != null && file.equals(Path.of(mount.getMountPath()))) {
        key = mount.getSubPath();
      } else if (mount.getSubPath() == null && file.getParent() != null && file.getParent().equals(Path.of(mount.getMountPath()))) {
        key = file.getFileName().toString();
      } else {
        continue;
      }
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
          .orElseThrow(() -> new AssertionError("container " + c.getName() + " mounts volume " + mount.getName() + ", which the pod lacks"));
      List<KeyToPath> items;
      Set<String> entries = new java.util.HashSet<>();
      String source;
      if (volume.getSecret() != null) {
        Secret secret = one(objects, Secret.class, volume.getSecret().getSecretName());
        Stream.of(secret.getData(), secret.getStringData()).filter(java.util.Objects::nonNull).forEach(m -> entries.addAll(m.keySet()));
        items = volume.getSecret().getItems();
        source = "Secret " + secret.getMetadata().getName();
      } else if (volume.getConfigMap() != null) {
        ConfigMap map = one(objects, ConfigMap.class, volume.getConfigMap().getName());
        entries.addAll(map.getData().keySet());
        items = volume.getConfigMap().getItems();
        source = "ConfigMap " + map.getMetadata().getName();
      } else {
        throw new AssertionError("container " + c.getName() + " reads " + path + " from volume " + volume.getName()
            + ", which is neither a Secret nor a ConfigMap");
      }
      String entry = items == null || items.isEmpty() ? key
          : items.stream().filter(i -> i.getPath().equals(key)).map(KeyToPath::getKey).findFirst()
              .orElseThrow(() -> new AssertionError("container " + c.getName() + ": volume " + volume.getName() + " has no item " + key));
      assertThat(entries).as("container %s reads %s: %s has the entry", c.getName(), path, source).contains(entry);
      return source + "/" + entry;
    }
    throw new AssertionError("container " + c.getName() + " reads " + path + ", which no volume of it mounts");
  }

  private static String fileOf(String source) {
    return source.substring(source.lastIndexOf('/') + 1);
  }

  @Test
  void everyJavaCommandLineLetsTheLevelMeterRunInSimdLanes() throws IOException {
    // Without the module the meter runs scalar at about 1.6 times the CPU (the systemd units run the launcher).
    for (Path start : List.of(DEPLOY.resolve("Containerfile"), Path.of("..", "soundtag"))) {
      List<String> javaLines = Files.readAllLines(start).stream().filter(l -> l.contains("exec java ")).toList();
      assertThat(javaLines).as(start + " starts java").isNotEmpty();
      assertThat(javaLines).as(start.toString()).allSatisfy(l -> assertThat(l).contains("--add-modules jdk.incubator.vector"));
    }
  }

  @Test
  void systemdUnitsRunRealCommandsAndPassSystemdAnalyze() throws Exception {
    List<Path> units;
    try (Stream<Path> files = Files.list(DEPLOY.resolve("systemd"))) {
      units = files.filter(f -> f.toString().endsWith(".service")).sorted().toList();
    }
    assertThat(units).extracting(p -> p.getFileName().toString()).contains("soundtag-ingest@.service",
        "soundtag-tagger.service", "soundtag-sidecar.service", "soundtag-dashboard.service");
    Pattern exec = Pattern.compile("^ExecStart=/opt/soundtag/soundtag (.+)$", Pattern.MULTILINE);
    Pattern credential = Pattern.compile("^LoadCredential=([^:\\s]+):(\\S+)$", Pattern.MULTILINE);
    Map<String, ReleaseTrust> followers = new LinkedHashMap<>();
    Map<String, String> credentials = new LinkedHashMap<>();
    for (Path unit : units) {
      String text = Files.readString(unit);
      Matcher m = exec.matcher(text);
      assertThat(m.find()).as("%s starts /opt/soundtag/soundtag", unit).isTrue();
      ReleaseTrust trust = releaseTrust(assertSoundtagParses(unit.toString(), Arrays.asList(m.group(1).trim().split("\\s+"))));
      if (trust != null) {
        followers.put(unit.getFileName().toString(), trust);
      }
      assertThat(text).contains("EnvironmentFile=/etc/soundtag/soundtag.env");
      for (Matcher c = credential.matcher(text); c.find(); ) {
        credentials.put(unit.getFileName() + " %d/" + c.group(1), c.group(2));
      }
    }
    ReleaseTrust signer = assertOnlySignedReleasesServe("systemd", followers);
    String sidecarUnit = "soundtag-sidecar.service";
    assertThat(credentials).as("the sidecar reads its signing key from its own credentials (LoadCredential=, %d)")
        .containsKey(sidecarUnit + " " + signer.signingKey());
    assertThat(credentials.keySet()).as("no other unit is given the signing key").allMatch(k -> k.startsWith(sidecarUnit));
    assertKeyPair("systemd", credentials.get(sidecarUnit + " " + signer.signingKey()), signer.trustedKeys());
    assertThat(Files.readString(DEPLOY.resolve("systemd/soundtag.env"))).contains("SOUNDTAG_KAFKA_CONFIG=");

    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed (Debian package systemd): the units were only parsed");
    for (Path unit : units) {
      // systemd-analyze insists that the program exists; the command line itself was checked above.
      Path copy = tmp.resolve(unit.getFileName());
      Files.writeString(copy, Files.readString(unit).replace("/opt/soundtag/soundtag ", "/bin/true "));
      Process p = new ProcessBuilder(analyze.toString(), "verify", copy.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      assertThat(out.lines().filter(l -> !l.isBlank() && !l.contains("is not executable") && !l.contains("/etc/soundtag/")))
          .as("systemd-analyze verify %s", unit).isEmpty();
    }
  }

  @Test
  void theComposeFileRunsRealCommandsOnServicesAndVolumesItDeclares() throws IOException {
    JsonNode compose = new YAMLMapper().readTree(DEPLOY.resolve("compose/compose.yaml").toFile());
    ObjectNode services = (ObjectNode) compose.get("services");
    Set<String> volumes = new java.util.HashSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(volumes::add);
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    services.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
    assertThat(byName).containsKeys("kafka", "tagger", "sidecar", "dashboard");
    Map<String, ReleaseTrust> followers = new LinkedHashMap<>();
    Map<String, String> keySources = new LinkedHashMap<>();
    byName.forEach((name, service) -> {
      assertThat(service.has("image")).as("service %s has an image", name).isTrue();
      service.path("depends_on").forEach(d -> assertThat(byName).as("%s depends on", name).containsKey(d.asText()));
      service.path("volumes").forEach(v -> {
        String source = v.asText().split(":")[0];
        if (!source.startsWith("/") && !source.startsWith(".")) {
          assertThat(volumes).as("%s mounts a declared volume", name).contains(source);
        }
      });
      if (service.path("image").asText().startsWith("soundtag:")) {
        List<String> command = new ArrayList<>();
        service.path("command").forEach(c -> command.add(c.asText()));
        ReleaseTrust trust = releaseTrust(assertSoundtagParses("compose service " + name, command));
        if (trust != null) {
          followers.put(name, trust);
          Map<String, String> mounted = composeFiles(compose, name, service);
          for (String key : trust.trustedKeys()) {
            assertThat(mounted).as("service %s reads %s: a config or secret it mounts there", name, key).containsKey(key);
            keySources.put(name + " " + key, mounted.get(key));
          }
          if (trust.signingKey() != null) {
            assertThat(mounted.get(trust.signingKey())).as("service %s signs with a secret", name).startsWith("secrets/");
            keySources.put(name + " " + trust.signingKey(), mounted.get(trust.signingKey()));
          }
        }
      }
    });
    ReleaseTrust signer = assertOnlySignedReleasesServe("compose", followers);
    String signingSecret = keySources.get("sidecar " + signer.signingKey());
    assertKeyPair("compose", compose.at("/" + signingSecret + "/file").asText(),
        signer.trustedKeys().stream().map(k -> compose.at("/" + keySources.get("sidecar " + k) + "/file").asText()).toList());
    byName.forEach((name, service) -> {
      if (!name.equals("sidecar")) {
        assertThat(composeFiles(compose, name, service)).as("only the sidecar mounts the signing key").doesNotContainValue(signingSecret);
      }
    });
    assertThat(byName.get("dashboard").path("ports").get(0).asText()).as("the dashboard is published on loopback only")
        .startsWith("127.0.0.1:");
  }

  /**
   * The files the configs and secrets of a compose service appear as, each with its top-level
   * declaration ("configs/NAME" or "secrets/NAME"), which must exist and name a file.
   */
  private static Map<String, String> composeFiles(JsonNode compose, String name, JsonNode service) {
    Map<String, String> files = new LinkedHashMap<>();
    for (String kind : List.of("configs", "secrets")) {
      for (JsonNode use : service.path(kind)) {
        String source = use.isTextual() ? use.asText() : use.path("source").asText();
        String target = use.path("target").asText(source);
        assertThat(compose.path(kind).path(source).path("file").isTextual())
            .as("service %s uses %s %s, declared at the top level with a file", name, kind, source).isTrue();
        // A secret's relative target is a file in /run/secrets, a config's a file in /.
        String path = target.startsWith("/") ? target : (kind.equals("secrets") ? "/run/secrets/" : "/") + target;
        files.put(path, kind + "/" + source);
      }
    }
    return files;
  }

  private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> kind, String name) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).filter(o -> o.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
  }

  private static Set<String> names(List<HasMetadata> objects, Class<? extends HasMetadata> kind) {
    Set<String> names = new java.util.HashSet<>();
    objects.stream().filter(kind::isInstance).forEach(o -> names.add(o.getMetadata().getName()));
    return names;
  }
}
