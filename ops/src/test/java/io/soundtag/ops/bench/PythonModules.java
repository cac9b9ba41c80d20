package io.soundtag.ops.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether a Python interpreter can import the modules a peer test needs, so the test can skip with a reason. */
final class PythonModules {

  private PythonModules() {}

  /** True when {@code python -c "import MODULES"} exits 0 within two minutes. */
  static boolean importable(String python, String modules) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import " + modules).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
