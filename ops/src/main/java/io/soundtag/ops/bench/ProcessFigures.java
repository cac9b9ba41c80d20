package io.soundtag.ops.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the Linux kernel says about this process (resident memory, open files), another process's
 * threads (CPU time by thread name) and bytes on disk under a directory.
 */
final class ProcessFigures {

  /** Linux reports thread CPU in USER_HZ ticks, 100 a second on every architecture it exposes to user space. */
  private static final long NANOS_PER_TICK = 10_000_000L;

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

  /**
   * CPU time (user + system, ns) of the live threads of process {@code pid}, summed by thread name
   * as the kernel keeps it (at most 15 characters) without its trailing number, so that
   * {@code GC Thread#0} and {@code GC Thread#1} are one group. Threads that have ended are missing.
   */
  static Map<String, Long> threadCpuNanos(long pid) throws IOException {
    Map<String, Long> byName = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm")).trim().replaceFirst("[#\\d]+$", "");
          stat = Files.readString(task.resolve("stat"));
        } catch (NoSuchFileException e) {
          continue; // ended while listing
        }
        // Fields after the parenthesised name: state is field 3, utime 14 and stime 15, in clock ticks.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        byName.merge(name, ticks * NANOS_PER_TICK, Long::sum);
      }
    }
    return byName;
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
