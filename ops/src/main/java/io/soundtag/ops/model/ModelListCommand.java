package io.soundtag.ops.model;

import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.trainer.release.ReleaseLog;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code soundtag model list}: the release history of each deployment. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "The releases of each deployment in order: release, decision, parent, bundle, gate figures of the candidate"
        + " and of its parent, labels trained on, who made it and when; * marks the release its taggers serve.")
public final class ModelListCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--deployment", paramLabel = "NAME", description = "Only this deployment (default: every one).")
  String deployment;

  @Override
  public Integer call() {
    ReleaseLog log = new ReleaseLog(kafka.connection());
    List<ModelRelease> all = log.all();
    Map<String, List<ModelRelease>> byDeployment = new TreeMap<>();
    for (ModelRelease r : all) {
      String d = ReleaseEnvelope.deployment(r);
      if (deployment == null || deployment.equals(d)) {
        byDeployment.computeIfAbsent(d, k -> new java.util.ArrayList<>()).add(r);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (byDeployment.isEmpty()) {
      out.println(deployment == null ? "no releases yet" : "no releases of " + deployment);
      return 0;
    }
    byDeployment.forEach((d, history) -> {
      Optional<ModelRelease> current = ReleaseLog.currentOf(history);
      out.println("deployment " + d + " (" + history.size() + " releases, current " + current.map(ReleaseEnvelope::id).map(Object::toString)
          .orElse("none") + ")");
      out.printf("  %-7s %-9s %-6s %-40s %-22s %-20s %-36s %s%n", "release", "decision", "parent", "bundle", "labels", "created at",
          "created by", "gate figures: candidate | parent");
      for (ModelRelease r : history) {
        boolean isCurrent = current.isPresent() && current.get() == r;
        out.printf("%s %-7s %-9s %-6s %-40s %-22s %-20s %-36s %s | %s%n", isCurrent ? "*" : " ", r.getRelease(), r.getDecision(),
            r.getParentRelease() == null ? "-" : r.getParentRelease(), r.getModelName() + " " + r.getVersion(),
            r.getLabelSnapshot() == null ? "-" : r.getLabelSnapshot().getClips() + " clips " + abbreviate(r.getLabelSnapshot().getLabelSetHash()),
            TIME.format(Instant.ofEpochMilli(r.getCreatedAtMillis())), r.getCreatedBy().isEmpty() ? "-" : r.getCreatedBy(),
            figures(r.getGateMetrics()), figures(r.getParentGateMetrics()));
      }
    });
    return 0;
  }

  private static String figures(Map<String, Double> m) {
    if (m.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    new TreeMap<>(m).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=')
        .append(String.format(Locale.ROOT, "%.3f", v)));
    return b.toString();
  }

  private static String abbreviate(String hash) {
    return hash.length() > 8 ? hash.substring(0, 8) : hash;
  }
}
