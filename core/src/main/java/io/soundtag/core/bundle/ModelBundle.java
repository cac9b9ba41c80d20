package io.soundtag.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model bundle: one zip file holding {@code bundle.json}, each branch's parameters (DJL's
 * float32 format, or int8 layers for a quantised branch) and {@code SHA256SUMS}, the SHA-256 of
 * every other entry. Reading verifies all of it, and that an int8 branch's entry is exactly as long
 * as its manifest's layers say (the layers' shapes are checked against the network when it is
 * loaded).
 */
public final class ModelBundle {

  static final String MANIFEST = "bundle.json";
  static final String CHECKSUMS = "SHA256SUMS";

  /**
   * Entry names: relative paths whose every segment starts with a letter, digit, '_' or '-', so no
   * entry can be absolute or climb out ({@code ..}) of wherever it is unpacked.
   */
  private static final Pattern SAFE_ENTRY_NAME =
      Pattern.compile("(?=.{1,200}$)[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
  /** A bundle holds a manifest, its checksums and one parameter file per branch: 64 entries is generous. */
  static final int MAX_ENTRIES = 64;
  /** 128 MiB inflated an entry, 256 MiB in all: far above any bundle that fits a record of audio.models (64 MiB). */
  static final long MAX_ENTRY_BYTES = 128L << 20;
  static final long MAX_TOTAL_BYTES = 256L << 20;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final BundleManifest manifest;
  private final Map<String, byte[]> parameters;

  /**
   * @param manifest the manifest
   * @param parameters parameter bytes by entry name; one for each branch of the manifest
   */
  public ModelBundle(BundleManifest manifest, Map<String, byte[]> parameters) {
    for (BranchManifest branch : manifest.branches()) {
      if (!parameters.containsKey(branch.parametersEntry())) {
        throw new InvalidBundleException("bundle lacks the parameters of branch " + branch.name()
            + " (entry " + branch.parametersEntry() + ")");
      }
      if (branch.quantised() && parameters.get(branch.parametersEntry()).length != branch.quantisation().entryBytes()) {
        throw new InvalidBundleException("int8 branch " + branch.name() + ": its manifest describes "
            + branch.quantisation().layers().size() + " layers of " + branch.quantisation().entryBytes() + " bytes but entry "
            + branch.parametersEntry() + " holds " + parameters.get(branch.parametersEntry()).length
            + ": the manifest does not describe the entry, refusing the bundle");
      }
    }
    this.manifest = manifest;
    this.parameters = Map.copyOf(parameters);
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /**
   * The bytes of a branch's parameter entry: DJL parameters, or for an int8 branch the layers laid
   * out as its {@link Int8Quantisation} says.
   */
  public byte[] parameters(BranchManifest branch) {
    return parameters.get(branch.parametersEntry()).clone();
  }

  /** The manifest as JSON, as stored in the bundle. */
  public static String manifestJson(BundleManifest manifest) {
    try {
      return JSON.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write bundle manifest", e);
    }
  }

  /** The bundle file's bytes. Entries are written in a fixed order with fixed times, so equal bundles give equal bytes. */
  public byte[] toBytes() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MANIFEST, manifestJson(manifest).getBytes(StandardCharsets.UTF_8));
    new TreeMap<>(parameters).forEach(entries::put);
    StringBuilder sums = new StringBuilder();
    entries.forEach((name, bytes) -> sums.append(sha256(bytes)).append("  ").append(name).append('\n'));
    entries.put(CHECKSUMS, sums.toString().getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(0);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write bundle", e);
    }
    return out.toByteArray();
  }

  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    Files.write(tmp, toBytes());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static ModelBundle read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidBundleException("no model bundle at " + file);
    }
    try {
      return fromBytes(Files.readAllBytes(file));
    } catch (InvalidBundleException e) {
      throw new InvalidBundleException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads and verifies a bundle: checksums of every entry, the manifest, one parameter entry per branch.
   * The bytes may come from the network: entry names, their number and their inflated sizes are
   * bounded before anything is kept, so a crafted zip (path traversal, a zip bomb, duplicate
   * entries) is refused with a reason instead of exhausting the heap.
   */
  public static ModelBundle fromBytes(byte[] bytes) {
    return fromBytes(bytes, MAX_TOTAL_BYTES);
  }

  /**
   * As {@link #fromBytes(byte[])}, refusing a bundle whose entries inflate to more than
   * {@code maxInflatedBytes} in all before they are allocated (a zip bomb from the network).
   */
  public static ModelBundle fromBytes(byte[] bytes, long maxInflatedBytes) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = e.getName();
        if (!SAFE_ENTRY_NAME.matcher(name).matches()) {
          throw new InvalidBundleException("bundle entry name '" + name + "' is not a safe relative path"
              + " (segments of letters, digits, '.', '_', '-', none starting with '.'): refusing it");
        }
        if (entries.size() >= MAX_ENTRIES) {
          throw new InvalidBundleException("bundle has more than " + MAX_ENTRIES + " entries: refusing it");
        }
        byte[] content = readBounded(zip, Math.min(MAX_ENTRY_BYTES, Math.min(maxInflatedBytes, MAX_TOTAL_BYTES) - total), name);
        total += content.length;
        if (entries.put(name, content) != null) {
          throw new InvalidBundleException("bundle entry " + name + " appears twice: refusing it");
        }
      }
    } catch (IOException e) {
      throw new InvalidBundleException("not a model bundle (unreadable zip: " + e.getMessage() + ")", e);
    }
    if (entries.isEmpty()) {
      throw new InvalidBundleException("not a model bundle (no zip entries)");
    }
    byte[] sums = entries.remove(CHECKSUMS);
    if (sums == null) {
      throw new InvalidBundleException("bundle has no " + CHECKSUMS + " entry");
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : new String(sums, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        String[] parts = line.split("  ", 2);
        if (parts.length != 2) {
          throw new InvalidBundleException("malformed " + CHECKSUMS + " line: " + line);
        }
        expected.put(parts[1], parts[0]);
      }
    }
    if (!expected.keySet().equals(entries.keySet())) {
      throw new InvalidBundleException("bundle entries " + entries.keySet() + " do not match its checksums " + expected.keySet());
    }
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      if (!sha256(e.getValue()).equals(expected.get(e.getKey()))) {
        throw new InvalidBundleException("checksum mismatch for bundle entry " + e.getKey() + ": the file is corrupt");
      }
    }
    byte[] manifestBytes = entries.remove(MANIFEST);
    if (manifestBytes == null) {
      throw new InvalidBundleException("bundle has no " + MANIFEST);
    }
    BundleManifest manifest;
    try {
      manifest = JSON.readValue(manifestBytes, BundleManifest.class);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof RuntimeException r ? r : e;
      throw new InvalidBundleException("invalid " + MANIFEST + ": " + cause.getMessage().lines().findFirst().orElse(""), e);
    }
    return new ModelBundle(manifest, entries);
  }

  /** Reads the current zip entry, refusing it once it inflates past {@code limit} bytes. */
  private static byte[] readBounded(ZipInputStream zip, long limit, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
      if (out.size() + (long) n > limit) {
        throw new InvalidBundleException("bundle entries inflate to more than the " + limit + " bytes left for entry "
            + name + " (at most " + MAX_ENTRY_BYTES + " bytes an entry, " + MAX_TOTAL_BYTES
            + " in all): refused as a zip bomb or an oversized bundle before reading further");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
