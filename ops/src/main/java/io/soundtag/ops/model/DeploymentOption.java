package io.soundtag.ops.model;

import io.soundtag.schemas.TaggerStatus;
import io.soundtag.schemas.topic.KafkaConnection;
import io.soundtag.trainer.release.ReleaseLog;
import io.soundtag.trainer.release.TaggerStatusReader;
import java.util.SortedSet;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --deployment} of a {@code model} command that acts on one deployment: when it is not
 * given, the one deployment the taggers follow, else the one deployment with releases.
 */
final class DeploymentOption {

  @Option(names = "--deployment", paramLabel = "NAME",
      description = "The deployment (default: the one the taggers follow, or the only one with releases).")
  String deployment;

  /**
   * The deployment meant.
   *
   * @throws ParameterException when it is ambiguous or there is none, listing the choices
   */
  String choose(CommandSpec spec, KafkaConnection connection, ReleaseLog log) {
    if (deployment != null) {
      return deployment;
    }
    SortedSet<String> followed = new TreeSet<>();
    for (TaggerStatus s : new TaggerStatusReader(connection).read()) {
      followed.add(s.getDeployment());
    }
    if (followed.size() == 1) {
      return followed.first();
    }
    SortedSet<String> released = log.deployments();
    if (followed.isEmpty() && released.size() == 1) {
      return released.first();
    }
    throw new ParameterException(spec.commandLine(), followed.isEmpty() && released.isEmpty()
        ? "there are no releases and no tagger reports its status; nothing to choose a deployment from"
        : "say which deployment with --deployment: taggers follow " + followed + ", releases exist of " + released);
  }
}
