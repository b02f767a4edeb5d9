package ai.brandtune.tensor;

import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Process-wide libtorch setup. libtorch's intra-op pool is separate from Java's and defaults differ
 * between builds, so the thread count is set explicitly once.
 */
public final class Torch {
  private static volatile boolean initialized;

  private Torch() {}

  /**
   * Idempotent: sets libtorch's thread count to the available cores (or {@code BRANDTUNE_THREADS}).
   */
  public static synchronized void init() {
    if (initialized) {
      return;
    }
    String fromEnv = System.getenv("BRANDTUNE_THREADS");
    int threads =
        fromEnv != null && !fromEnv.isBlank()
            ? Integer.parseInt(fromEnv.trim())
            : Runtime.getRuntime().availableProcessors();
    set_num_threads(Math.max(1, threads));
    initialized = true;
  }

  public static int threads() {
    init();
    return get_num_threads();
  }

  /** The version of the libtorch bindings, e.g. {@code 2.10.0-1.5.13} (libtorch 2.10.0). */
  public static String version() {
    try {
      String version = Loader.getVersion("org.bytedeco", "pytorch");
      return version != null ? version : "unknown";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  /** Seeds libtorch's global generators (parameter initialization). */
  public static void seed(long seed) {
    init();
    torch.manual_seed(seed);
  }
}
