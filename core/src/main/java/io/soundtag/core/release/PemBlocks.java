package io.soundtag.core.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PEM blocks ({@code -----BEGIN TYPE-----} … {@code -----END TYPE-----}) of a key file. */
final class PemBlocks {

  /** Bounds what a key file may make us read: a PEM RSA key of 16384 bits is under 13 KiB. */
  private static final long MAX_FILE_BYTES = 64 * 1024;
  private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private PemBlocks() {}

  /** Type to decoded bytes, for every block of {@code file}. */
  static Map<String, byte[]> read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException("key file " + file + " is " + Files.size(file) + " bytes; a PEM key file is a few KiB at most");
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      Map<String, byte[]> blocks = new LinkedHashMap<>();
      Matcher m = BLOCK.matcher(text);
      while (m.find()) {
        blocks.put(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
      }
      return blocks;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** One block, lines of 64 characters. */
  static String format(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
