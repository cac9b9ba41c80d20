package io.soundtag.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The dashboard's write token: given, or kept in a file that the first start creates (readable by
 * its owner only).
 *
 * @param value the token
 * @param created whether this start made it (and so should show it)
 */
record WriteToken(String value, boolean created) {

  static WriteToken resolve(DashboardConfig config) {
    if (config.token() != null) {
      return new WriteToken(config.token(), false);
    }
    Path file = config.tokenFile();
    try {
      if (Files.exists(file)) {
        String t = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (t.length() < 16) {
          throw new IllegalArgumentException("the token in " + file + " is shorter than 16 characters; delete the file to make a new one");
        }
        return new WriteToken(t, false);
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String t = HexFormat.of().formatHex(random);
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      try {
        // Owner-only from the moment it exists, not after.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system: the file gets the directory's permissions
      }
      Files.writeString(file, t + "\n", StandardCharsets.UTF_8);
      return new WriteToken(t, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the dashboard token file " + file + ": " + e.getMessage()
          + " (give --token or a writable --token-file)", e);
    }
  }
}
