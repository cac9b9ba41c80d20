package io.soundtag.core.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soundtag.core.bundle.BranchManifest;
import io.soundtag.core.bundle.InvalidBundleException;
import io.soundtag.core.bundle.ModelBundle;
import io.soundtag.core.nn.Networks;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a bundle's student into a directory that {@code soundtag_torch.py} (shipped beside this
 * class, run with any Python that has torch) turns into a PyTorch module with the same weights:
 *
 * <ul>
 *   <li>{@code bundle.json}: the bundle's manifest (features, normalisation, classes, task);
 *   <li>{@code student.json}: format {@value #FORMAT}, the branch, its network, the number of
 *       classes and every parameter in the network's order, each with its name, shape and byte
 *       offset into {@code student.f32};
 *   <li>{@code student.f32}: the parameters as little-endian float32, unfolded (batch norms as
 *       trained), so the module can also be fine-tuned;
 *   <li>{@code soundtag_torch.py}: the module builder, which also saves TorchScript.
 * </ul>
 *
 * The Python module mirrors the network families' Java builders; today it builds CP-Mobile.
 */
public final class TorchExport {

  /** Version of the {@code student.json} layout. */
  public static final int FORMAT = 1;

  /** The Python module builder inside the jar. */
  public static final String SCRIPT = "soundtag_torch.py";

  private TorchExport() {}

  /** Writes the export of {@code bundle}'s student into {@code dir} (created if absent) and returns the script's path there. */
  public static Path write(ModelBundle bundle, Path dir) throws IOException {
    Files.createDirectories(dir);
    BranchManifest branch = bundle.manifest().student();
    branch.requireFloat("a PyTorch export");
    int classes = bundle.manifest().classes().size();
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    header.put("format", FORMAT);
    header.put("branch", branch.name());
    header.set("network", json.valueToTree(branch.network()));
    header.put("classes", classes);
    header.put("task", bundle.manifest().task().name());
    ArrayNode parameters = header.putArray("parameters");
    try (Model model = Model.newInstance("export")) {
      Block block = Networks.build(branch.network(), classes);
      model.setBlock(block);
      try {
        block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(bundle.parameters(branch))));
      } catch (MalformedModelException | RuntimeException e) {
        throw new InvalidBundleException("parameters of branch " + branch.name() + " do not fit its network "
            + branch.network() + ": " + e.getMessage(), e);
      }
      long total = 0;
      for (Pair<String, Parameter> p : block.getParameters()) {
        total += p.getValue().getArray().size();
      }
      ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(total * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
      for (Pair<String, Parameter> p : block.getParameters()) {
        NDArray array = p.getValue().getArray();
        ObjectNode entry = parameters.addObject();
        entry.put("name", p.getKey());
        entry.put("type", p.getValue().getType().name());
        ArrayNode shape = entry.putArray("shape");
        for (long d : array.getShape().getShape()) {
          shape.add(d);
        }
        entry.put("offset", data.position());
        for (float v : array.toFloatArray()) {
          data.putFloat(v);
        }
      }
      Files.write(dir.resolve("student.f32"), data.array());
    }
    Files.writeString(dir.resolve("student.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(header),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("bundle.json"), ModelBundle.manifestJson(bundle.manifest()), StandardCharsets.UTF_8);
    Path script = dir.resolve(SCRIPT);
    try (InputStream in = TorchExport.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the jar");
      }
      Files.write(script, in.readAllBytes());
    }
    return script;
  }
}
