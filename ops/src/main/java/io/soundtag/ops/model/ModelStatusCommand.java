package io.soundtag.ops.model;

import io.soundtag.core.release.ReleaseEnvelope;
import io.soundtag.ops.cli.KafkaOptions;
import io.soundtag.schemas.ModelRelease;
import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.release.TaggerStatusReader;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code soundtag model status}: which tagger instance serves which release. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Which tagger instance serves which model, from their heartbeats on audio.status: deployment followed,"
        + " model served and whether it is the deployment's current release, heartbeat age, tasks, swaps and refusals.")
public final class ModelStatusCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Override
  public Integer call() {
    KafkaConnection connection = kafka.connection();
    List<TaggerStatus> statuses = new TaggerStatusReader(connection).read();
    PrintWriter out = spec.commandLine().getOut();
    if (statuses.isEmpty()) {
      out.println("no tagger reports its status (none running, or none since the status topic was created)");
      return 0;
    }
    ReleaseLog log = new ReleaseLog(connection);
    Map<String, Optional<ModelRelease>> current = new HashMap<>();
    long now = System.currentTimeMillis();
    out.printf("%-36s %-16s %-16s %-40s %-14s %-10s %-12s %-5s %-5s %s%n", "instance", "application", "deployment", "serves",
        "is current", "heartbeat", "state", "tasks", "swaps", "refusals (last)");
    for (TaggerStatus s : statuses) {
      Optional<ModelRelease> c = current.computeIfAbsent(s.getDeployment(), log::current);
      String upToDate = c.map(r -> ReleaseEnvelope.id(r).toString().equals(s.getServedModelId()) ? "yes" : "no (" + r.getRelease() + ")")
          .orElse("no release");
      out.printf("%-36s %-16s %-16s %-40s %-14s %-10s %-12s %-5d %-5d %d%s%n", s.getInstanceId(), s.getApplicationId(),
          s.getDeployment(), s.getServedModelId(), upToDate, Math.max(0, now - s.getHeartbeatMillis()) / 1000 + " s ago",
          s.getStreamState(), s.getTasks().size(), s.getSwaps(), s.getRefusals(),
          s.getLastRefusal() == null ? "" : " (" + s.getLastRefusal() + ")");
    }
    return 0;
  }
}
