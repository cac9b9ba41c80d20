package io.soundtag.core.simd;

import jdk.incubator.vector.DoubleVector;

/**
 * The SIMD switch: whether the JVM was started with {@code --add-modules jdk.incubator.vector}
 * and the machine runs vectors of four doubles (256 bits, AVX2 or better) in hardware. Without
 * the module a class that uses the Vector API cannot be linked; without the hardware the API
 * would emulate the vectors, slower than the scalar loops. Either way the scalar paths run.
 */
public final class Simd {

  /** Bits of the vectors the SIMD paths use: four doubles. */
  public static final int VECTOR_BITS = 256;

  private static final boolean AVAILABLE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && Hardware.vectorBits() >= VECTOR_BITS;

  private Simd() {}

  /** Whether the SIMD paths run in this JVM. */
  public static boolean available() {
    return AVAILABLE;
  }

  /** Linked only once the module is known to be there. */
  private static final class Hardware {
    static int vectorBits() {
      return DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    }
  }
}
