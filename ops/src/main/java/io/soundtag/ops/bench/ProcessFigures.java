package io.soundtag.ops.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** What the Linux kernel says about this process: resident memory, open files, and bytes on disk under a directory. */
final class ProcessFigures {

  private ProcessFigures() {}

  /** VmRSS of {@code /proc/self/status}, KiB: heap, native memory and mapped code that is resident. */
  static long residentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
      }
    }
    throw new IOException("/proc/self/status has no VmRSS line (not Linux?)");
  }

  /** Entries of {@code /proc/self/fd}: files, sockets and pipes open. */
  static int openFiles() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    }
  }

  /** Bytes of the regular files under {@code dir}; files removed while walking (RocksDB compacts all the time) are skipped. */
  static long bytesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (attrs.isRegularFile()) {
          total[0] += attrs.size();
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    return total[0];
  }
}
