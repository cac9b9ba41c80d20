package io.soundtag.core.bundle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * How a branch is quantised, in the manifest (bundle format 2): int8 weights per output channel,
 * int8 activations per tensor (at the input of every layer), and the layers in the network's
 * order. The branch's parameter entry then holds, layer after layer, the layer's int8 weights
 * ({@link Int8Layer#elements()} bytes), its float32 scales and its float32 biases (one per output
 * channel each, little-endian); nothing else.
 *
 * @param bits 8, the only width this build writes and serves
 * @param layers every convolution and linear layer of the batch-norm-folded network, in order
 */
public record Int8Quantisation(int bits, List<Int8Layer> layers) {

  /** The width of the weights and activations. */
  public static final int BITS = 8;

  /** More layers than any branch network has. */
  static final int MAX_LAYERS = 1024;

  public Int8Quantisation {
    if (bits != BITS) {
      throw new InvalidBundleException("quantisation to " + bits + " bits is not supported; this build serves " + BITS + "-bit branches");
    }
    if (layers == null || layers.isEmpty() || layers.size() > MAX_LAYERS) {
      throw new InvalidBundleException("an int8 branch needs 1.." + MAX_LAYERS + " layers, got " + (layers == null ? 0 : layers.size()));
    }
    layers = List.copyOf(layers);
  }

  /** Bytes the branch's entry must have. */
  public long entryBytes() {
    long n = 0;
    for (Int8Layer l : layers) {
      n += l.entryBytes();
    }
    return n;
  }

  /**
   * The entry's bytes for these layers' weights.
   *
   * @param weights one per layer, in order, each of the layer's shape
   */
  public byte[] encode(List<Int8Weights> weights) {
    if (weights.size() != layers.size()) {
      throw new IllegalArgumentException(weights.size() + " weight sets for " + layers.size() + " layers");
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(entryBytes())).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < layers.size(); i++) {
      Int8Weights w = weights.get(i);
      Int8Layer l = layers.get(i);
      if (w.values().length != l.elements() || w.scales().length != l.channels()) {
        throw new IllegalArgumentException("weights of layer " + l.name() + " do not have its shape " + l.shape());
      }
      out.put(w.values());
      for (float s : w.scales()) {
        out.putFloat(s);
      }
      for (float b : w.bias()) {
        out.putFloat(b);
      }
    }
    return out.array();
  }

  /**
   * The layers' weights from the entry's bytes.
   *
   * @throws InvalidBundleException when the entry is not as long as the layers say, or holds a
   *     scale that is not positive and finite
   */
  public List<Int8Weights> decode(byte[] entry) {
    if (entry.length != entryBytes()) {
      throw new InvalidBundleException("the int8 entry holds " + entry.length + " bytes but its " + layers.size()
          + " layers need " + entryBytes() + ": the manifest does not describe this entry");
    }
    ByteBuffer in = ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN);
    List<Int8Weights> out = new ArrayList<>();
    for (Int8Layer l : layers) {
      byte[] values = new byte[(int) l.elements()];
      in.get(values);
      float[] scales = new float[l.channels()];
      float[] bias = new float[l.channels()];
      for (int c = 0; c < scales.length; c++) {
        scales[c] = in.getFloat();
      }
      for (int c = 0; c < bias.length; c++) {
        bias[c] = in.getFloat();
      }
      try {
        out.add(new Int8Weights(values, scales, bias));
      } catch (IllegalArgumentException e) {
        throw new InvalidBundleException("int8 layer " + l.name() + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
