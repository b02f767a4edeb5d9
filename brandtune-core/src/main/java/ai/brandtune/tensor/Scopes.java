package ai.brandtune.tensor;

import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Native-memory scopes. Step work runs in a {@link PointerScope} so its temporaries are freed when
 * the step ends; long-lived tensors (parameters, optimizer state, KV caches) are made here instead,
 * in a scope of their own that lets the result escape whatever scope the caller is in. Such tensors
 * live until the process ends or {@link #release} is called.
 */
public final class Scopes {
  private Scopes() {}

  /** Runs {@code make} in a fresh scope, frees its temporaries and returns the result un-scoped. */
  public static Tensor persistent(Supplier<Tensor> make) {
    try (PointerScope scope = new PointerScope()) {
      Tensor t = make.get();
      // one reference more than the scope holds: closing the scope leaves it alive (detach alone
      // would drop the last reference and free it)
      t.retainReference();
      return t;
    }
  }

  /** Frees a tensor made by {@link #persistent} once nothing uses it any more. */
  public static void release(Tensor t) {
    if (t != null && !t.isNull()) {
      t.releaseReference();
    }
  }
}
