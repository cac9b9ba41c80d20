package io.soundtag.trainer.training;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.soundtag.trainer.report.EpochRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Keeps a run's checkpoints in a directory: {@code epoch-NNNN/} holding {@code state.json}, one
 * {@code BRANCH.params} per branch and {@code teacher.bin} (pending soft labels). Each is written
 * to a temporary directory and renamed into place, so a run killed mid-write leaves the previous
 * checkpoint intact; older checkpoints are deleted once a newer one is in place.
 */
public final class CheckpointStore {

  private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private final Path dir;

  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The state file as JSON. */
  record State(String fingerprint, int completedEpochs, int cycle, long seed, Map<String, List<EpochRecord>> history,
      List<String> branches, List<Integer> teacherEpochs) {}

  public void save(Checkpoint c) {
    String name = String.format("epoch-%04d", c.completedEpochs());
    Path tmp = dir.resolve(name + ".tmp");
    try {
      Files.createDirectories(dir);
      PathUtils.delete(tmp);
      Files.createDirectories(tmp);
      List<String> branches = new ArrayList<>(c.parameters().keySet());
      for (String b : branches) {
        Files.write(tmp.resolve(b + ".params"), c.parameters().get(b));
      }
      List<Integer> teacherEpochs = new ArrayList<>(c.teacher().keySet());
      try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
          Files.newOutputStream(tmp.resolve("teacher.bin"))))) {
        for (int e : teacherEpochs) {
          writeMatrix(out, c.teacher().get(e));
        }
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.resolve("state.json").toFile(), new State(c.fingerprint(),
          c.completedEpochs(), c.cycle(), c.seed(), c.history(), branches, teacherEpochs));
      Path target = dir.resolve(name);
      PathUtils.delete(target);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      for (Path old : checkpoints()) {
        if (!old.equals(target)) {
          PathUtils.delete(old);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint into " + dir, e);
    }
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latest() {
    try {
      List<Path> all = checkpoints();
      if (all.isEmpty()) {
        return Optional.empty();
      }
      Path last = all.get(all.size() - 1);
      State s = JSON.readValue(last.resolve("state.json").toFile(), State.class);
      Map<String, byte[]> parameters = new LinkedHashMap<>();
      for (String b : s.branches()) {
        parameters.put(b, Files.readAllBytes(last.resolve(b + ".params")));
      }
      Map<Integer, float[][]> teacher = new LinkedHashMap<>();
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
          Files.newInputStream(last.resolve("teacher.bin"))))) {
        for (int e : s.teacherEpochs()) {
          teacher.put(e, readMatrix(in));
        }
      }
      return Optional.of(new Checkpoint(s.fingerprint(), s.completedEpochs(), s.cycle(), s.seed(), s.history(),
          parameters, teacher));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint in " + dir, e);
    }
  }

  private List<Path> checkpoints() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> p.getFileName().toString().matches("epoch-\\d{4}") && Files.isRegularFile(p.resolve("state.json")))
          .sorted().toList();
    }
  }

  private static void writeMatrix(DataOutputStream out, float[][] m) throws IOException {
    out.writeInt(m.length);
    out.writeInt(m.length == 0 ? 0 : m[0].length);
    for (float[] row : m) {
      for (float v : row) {
        out.writeFloat(v);
      }
    }
  }

  private static float[][] readMatrix(DataInputStream in) throws IOException {
    int rows = in.readInt();
    int cols = in.readInt();
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int c = 0; c < cols; c++) {
        row[c] = in.readFloat();
      }
    }
    return m;
  }

}
