package io.soundtag.ops.model;

import io.soundtag.schemas.TaggerStatus;
import io.soundtag.trainer.release.ReleaseLog;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** Which deployment a {@code model} command is about when {@code --deployment} is not given. */
final class Deployments {

  private Deployments() {}

  /**
   * {@code given}, else the one deployment the taggers follow, else the one deployment with releases.
   *
   * @throws ParameterException when it is ambiguous or there is none, listing the choices
   */
  static String choose(CommandSpec spec, String given, List<TaggerStatus> statuses, ReleaseLog log) {
    if (given != null) {
      return given;
    }
    SortedSet<String> followed = new TreeSet<>();
    statuses.forEach(s -> followed.add(s.getDeployment()));
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
