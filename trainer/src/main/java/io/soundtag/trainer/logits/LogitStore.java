package io.soundtag.trainer.logits;

import io.soundtag.core.bundle.TaskType;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A logit store, version 1: a header, then one record of {@code 4K + 4} bytes per view, epoch
 * by epoch and window by window (record {@code (e, w)}, 1-based epoch, is number
 * {@code (e − 1)·windows + w}). All numbers are big-endian.
 *
 * <pre>
 * header   magic "STLOGITS" (8 bytes ASCII) · version u16 (1) · K u16 · classes u16 ·
 *          task u8 (0 single-label, 1 multi-label) · epochs u32 · windows u32 · labelled u32 ·
 *          run seed i64 · data fingerprint i64 · teachers u16, each id as u16 length + UTF-8 ·
 *          augmentation as u16 length + UTF-8
 * record   view seed i32 · K logits float16, best first · K class indices i16, in the same order
 * </pre>
 *
 * <p>The logits are the teacher ensemble's: {@code log P̄} of the mean of the teachers'
 * probabilities for single-label tasks, {@code logit(P̄)} per class for multi-label ones, so a
 * softmax (or sigmoid) of them gives the ensemble back. Classes outside the top K get
 * probability 0, as "CED: Consistent ensemble distillation for audio tagging" does (section 2.1):
 * a softmax over the K stored logits, or a sigmoid of each stored logit and 0 elsewhere.
 *
 * <p>A store is read whole into memory; its length must match its header exactly, and the header's
 * sizes are bounded before anything is allocated. A read store is immutable and safe to read from
 * several threads.
 */
public final class LogitStore {

  /** The first eight bytes of every store. */
  public static final String MAGIC = "STLOGITS";
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;
  /** Largest store read: 2 GiB. */
  public static final long MAX_BYTES = Integer.MAX_VALUE;

  /**
   * What a store holds.
   *
   * @param topK K, logits kept per view, 1..classes
   * @param classes classes of the task, 1..32767
   * @param task single- or multi-label: how logits become probabilities
   * @param epochs views stored per window (a student running longer cycles through them)
   * @param windows training windows per epoch
   * @param labelled windows {@code [0, labelled)} have labels; the rest are label-free
   * @param runSeed the seed the view seeds were derived from
   * @param dataFingerprint a hash of the windows' samples, so a store is not used with other data
   * @param teachers the ids of the teachers whose ensemble the logits are
   * @param augmentation the augmentation settings the views were made with
   */
  public record Header(int topK, int classes, TaskType task, int epochs, int windows, int labelled, long runSeed,
      long dataFingerprint, List<String> teachers, String augmentation) {

    public Header {
      if (classes < 1 || classes > Short.MAX_VALUE) {
        throw new IllegalArgumentException("a logit store holds 1.." + Short.MAX_VALUE + " classes, got " + classes);
      }
      if (topK < 1 || topK > classes) {
        throw new IllegalArgumentException("K must be in 1.." + classes + " (the classes), got " + topK);
      }
      if (epochs < 1 || windows < 1 || labelled < 0 || labelled > windows) {
        throw new IllegalArgumentException("a logit store needs epochs >= 1 and windows >= 1 with 0 <= labelled <= windows; got "
            + epochs + ", " + windows + ", " + labelled);
      }
      teachers = List.copyOf(teachers);
      if (teachers.isEmpty() || teachers.size() > 0xffff) {
        throw new IllegalArgumentException("a logit store names 1..65535 teachers, got " + teachers.size());
      }
      for (String t : teachers) {
        if (t.isEmpty() || t.getBytes(StandardCharsets.UTF_8).length > 0xffff) {
          throw new IllegalArgumentException("teacher id '" + t + "' must be 1..65535 bytes of UTF-8");
        }
      }
      if (augmentation.getBytes(StandardCharsets.UTF_8).length > 0xffff) {
        throw new IllegalArgumentException("the augmentation description is longer than 65535 bytes");
      }
      if ((long) epochs * windows * (4L * topK + 4) > MAX_BYTES) {
        throw new IllegalArgumentException(epochs + " epochs × " + windows + " windows × " + (4 * topK + 4)
            + " bytes exceed the 2 GiB a store may hold; store fewer epochs or a smaller K");
      }
    }

    /** Bytes of one view: {@code 4K + 4}. */
    public int recordBytes() {
      return 4 * topK + 4;
    }
  }

  /**
   * One stored view.
   *
   * @param seed the view's seed
   * @param logits the K best logits, best first, as float16 holds them
   * @param classes their class indices
   */
  public record View(int seed, float[] logits, short[] classes) {}

  private final Header header;
  private final ByteBuffer records;

  private LogitStore(Header header, ByteBuffer records) {
    this.header = header;
    this.records = records;
  }

  public Header header() {
    return header;
  }

  /** Record {@code (epoch, window)}, epoch 1-based. */
  public View view(int epoch, int window) {
    if (epoch < 1 || epoch > header.epochs() || window < 0 || window >= header.windows()) {
      throw new IndexOutOfBoundsException("view (" + epoch + ", " + window + ") of a store of " + header.epochs()
          + " epochs × " + header.windows() + " windows");
    }
    int at = ((epoch - 1) * header.windows() + window) * header.recordBytes();
    int k = header.topK();
    float[] logits = new float[k];
    short[] classes = new short[k];
    int seed = records.getInt(at);
    for (int i = 0; i < k; i++) {
      logits[i] = Half.toFloat(records.getShort(at + 4 + 2 * i));
      classes[i] = records.getShort(at + 4 + 2 * k + 2 * i);
    }
    return new View(seed, logits, classes);
  }

  /**
   * The teacher's probabilities of view {@code (epoch, window)} at temperature {@code T} over all
   * classes: softmax of the stored logits over the K (single-label) or a sigmoid of each
   * (multi-label); every class outside the top K gets 0.
   */
  public float[] probabilities(int epoch, int window, float temperature) {
    View v = view(epoch, window);
    float[] p = new float[header.classes()];
    if (header.task() == TaskType.MULTI_LABEL) {
      for (int i = 0; i < v.logits().length; i++) {
        p[v.classes()[i]] = (float) (1 / (1 + Math.exp(-v.logits()[i] / temperature)));
      }
      return p;
    }
    double max = v.logits()[0] / temperature;
    double sum = 0;
    double[] e = new double[v.logits().length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Math.exp(v.logits()[i] / temperature - max);
      sum += e[i];
    }
    for (int i = 0; i < e.length; i++) {
      p[v.classes()[i]] = (float) (e[i] / sum);
    }
    return p;
  }

  /** The K best of {@code scores} (class indices, best first; ties to the lower index). */
  static int[] topK(float[] scores, int k) {
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** Reads and checks a store. */
  public static LogitStore read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES + 0x30000L) {
      throw new IOException(file + " is " + size + " bytes, more than a logit store may hold (2 GiB)");
    }
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
    try {
      byte[] magic = new byte[8];
      b.get(magic);
      if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
        throw new IOException(file + " is not a logit store (no " + MAGIC + " magic)");
      }
      int version = Short.toUnsignedInt(b.getShort());
      if (version != VERSION) {
        throw new IOException(file + " is a version " + version + " logit store; this soundtag reads version " + VERSION
            + " (write it again with its teachers)");
      }
      int k = Short.toUnsignedInt(b.getShort());
      int classes = Short.toUnsignedInt(b.getShort());
      int taskCode = b.get();
      if (taskCode != 0 && taskCode != 1) {
        throw new IOException(file + ": task code " + taskCode + " is neither 0 (single-label) nor 1 (multi-label)");
      }
      int epochs = b.getInt();
      int windows = b.getInt();
      int labelled = b.getInt();
      long runSeed = b.getLong();
      long fingerprint = b.getLong();
      int teacherCount = Short.toUnsignedInt(b.getShort());
      List<String> teachers = new ArrayList<>();
      for (int i = 0; i < teacherCount; i++) {
        teachers.add(string(b));
      }
      String augmentation = string(b);
      Header header;
      try {
        header = new Header(k, classes, taskCode == 0 ? TaskType.SINGLE_LABEL : TaskType.MULTI_LABEL, epochs, windows, labelled,
            runSeed, fingerprint, teachers, augmentation);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " has an impossible header: " + e.getMessage(), e);
      }
      long expected = (long) epochs * windows * header.recordBytes();
      if (b.remaining() != expected) {
        throw new IOException(file + " holds " + b.remaining() + " bytes of records, its header says " + expected
            + " (" + epochs + " epochs × " + windows + " windows × " + header.recordBytes() + "): truncated or not a store");
      }
      ByteBuffer records = b.slice().asReadOnlyBuffer().order(ByteOrder.BIG_ENDIAN);
      for (int r = 0; r < epochs * windows; r++) {
        for (int i = 0; i < k; i++) {
          int c = records.getShort(r * header.recordBytes() + 4 + 2 * k + 2 * i);
          if (c < 0 || c >= classes) {
            throw new IOException(file + ": record " + r + " names class " + c + " of " + classes);
          }
        }
      }
      return new LogitStore(header, records);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(file + " ends inside its header: truncated or not a logit store", e);
    }
  }

  private static String string(ByteBuffer b) {
    byte[] bytes = new byte[Short.toUnsignedInt(b.getShort())];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Starts a store at {@code file}; records are appended in order and the file appears on {@link Writer#close}. */
  public static Writer create(Path file, Header header) throws IOException {
    return new Writer(file, header);
  }

  /** Appends the records of a store in order, epoch by epoch, window by window. */
  public static final class Writer implements AutoCloseable {

    private final Path file;
    private final Path partial;
    private final Header header;
    private final DataOutputStream out;
    private long written;

    private Writer(Path file, Header header) throws IOException {
      this.file = file;
      this.header = header;
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      this.partial = file.resolveSibling(file.getFileName() + ".partial");
      this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16));
      out.write(MAGIC.getBytes(StandardCharsets.US_ASCII));
      out.writeShort(VERSION);
      out.writeShort(header.topK());
      out.writeShort(header.classes());
      out.writeByte(header.task() == TaskType.SINGLE_LABEL ? 0 : 1);
      out.writeInt(header.epochs());
      out.writeInt(header.windows());
      out.writeInt(header.labelled());
      out.writeLong(header.runSeed());
      out.writeLong(header.dataFingerprint());
      out.writeShort(header.teachers().size());
      for (String t : header.teachers()) {
        writeString(t);
      }
      writeString(header.augmentation());
    }

    private void writeString(String s) throws IOException {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeShort(bytes.length);
      out.write(bytes);
    }

    /** The next view: its seed and the ensemble's logits over all classes (the top K are kept). */
    public void append(int seed, float[] logits) {
      if (logits.length != header.classes()) {
        throw new IllegalArgumentException(logits.length + " logits for a store of " + header.classes() + " classes");
      }
      if (written == (long) header.epochs() * header.windows()) {
        throw new IllegalStateException("the store already holds all " + written + " views its header announces");
      }
      int[] best = topK(logits, header.topK());
      try {
        out.writeInt(seed);
        for (int c : best) {
          out.writeShort(Half.fromFloat(logits[c]));
        }
        for (int c : best) {
          out.writeShort(c);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the logit store " + partial, e);
      }
      written++;
    }

    /** Finishes the file; fails (and leaves no store) unless every announced view was appended. */
    @Override
    public void close() throws IOException {
      out.close();
      long expected = (long) header.epochs() * header.windows();
      if (written != expected) {
        Files.deleteIfExists(partial);
        throw new IllegalStateException("logit store " + file + " got " + written + " of " + expected + " views; not written");
      }
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
