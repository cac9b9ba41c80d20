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
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A model bundle: one zip file holding {@code bundle.json}, each branch's DJL parameters and
 * {@code SHA256SUMS}, the SHA-256 of every other entry. Reading verifies all of it.
 */
public final class ModelBundle {

  static final String MANIFEST = "bundle.json";
  static final String CHECKSUMS = "SHA256SUMS";

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
    }
    this.manifest = manifest;
    this.parameters = Map.copyOf(parameters);
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** The DJL parameter bytes of a branch. */
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

  /** Reads and verifies a bundle: checksums of every entry, the manifest, one parameter entry per branch. */
  public static ModelBundle fromBytes(byte[] bytes) {
    return fromBytes(bytes, Long.MAX_VALUE);
  }

  /**
   * As {@link #fromBytes(byte[])}, refusing a bundle whose entries inflate to more than
   * {@code maxInflatedBytes} in all before they are allocated (a zip bomb from the network).
   */
  public static ModelBundle fromBytes(byte[] bytes, long maxInflatedBytes) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long inflated = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        for (int n = zip.read(buffer); n > 0; n = zip.read(buffer)) {
          inflated += n;
          if (inflated > maxInflatedBytes) {
            throw new InvalidBundleException("bundle entries inflate to more than " + maxInflatedBytes
                + " bytes; refused before reading further");
          }
          entry.write(buffer, 0, n);
        }
        entries.put(e.getName(), entry.toByteArray());
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

  /** Lower-case hex SHA-256. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
