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
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
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
 * {@code soundtag} command tree. The systemd units also pass {@code systemd-analyze verify} where it exists.
 */
class DeploymentFilesTest {

  private static final Path DEPLOY = Path.of("..", "deploy");
  private static final ObjectMapper YAML = new YAMLMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "Namespace", Namespace.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Service", Service.class,
      "StatefulSet", StatefulSet.class, "Deployment", Deployment.class);

  @TempDir
  Path tmp;

  /** Parses a soundtag command line as the real CLI would, with variables replaced by sample values. */
  private static void assertSoundtagParses(String where, List<String> args) {
    List<String> concrete = args.stream()
        .map(a -> a.replaceAll("\\$\\(([A-Z_]+)\\)|\\$\\{([A-Z_]+)\\}|%i", "sample"))
        .toList();
    CommandLine cl = SoundtagCommand.commandLine();
    try {
      CommandLine.ParseResult parsed = cl.parseArgs(concrete.toArray(String[]::new));
      assertThat(parsed.hasSubcommand()).as("%s names a subcommand: %s", where, args).isTrue();
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(where + ": `soundtag " + String.join(" ", args) + "` does not parse: " + e.getMessage(), e);
    }
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

    for (PodTemplateSpec pod : List.of(taggers.getSpec().getTemplate(), sidecar.getSpec().getTemplate(),
        dashboard.getSpec().getTemplate())) {
      PodSpec spec = pod.getSpec();
      for (Container c : spec.getContainers()) {
        String where = "container " + c.getName();
        assertSoundtagParses(where, c.getArgs());
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
    ConfigMap config = one(objects, ConfigMap.class, "soundtag-config");
    assertThat(config.getData().values()).as("secrets are kept apart from the configuration")
        .noneMatch(v -> v.contains("password") || v.contains("sasl.jaas"));
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
    for (Path unit : units) {
      String text = Files.readString(unit);
      Matcher m = exec.matcher(text);
      assertThat(m.find()).as("%s starts /opt/soundtag/soundtag", unit).isTrue();
      assertSoundtagParses(unit.toString(), Arrays.asList(m.group(1).trim().split("\\s+")));
      assertThat(text).contains("EnvironmentFile=/etc/soundtag/soundtag.env");
    }
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
        assertSoundtagParses("compose service " + name, command);
      }
    });
    assertThat(byName.get("dashboard").path("ports").get(0).asText()).as("the dashboard is published on loopback only")
        .startsWith("127.0.0.1:");
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
