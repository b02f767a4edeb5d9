package ai.brandtune.tensor;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * libtorch autocast for a block of forward code: matmuls and attention run in {@code dtype} while
 * the parameters stay float32, as {@code torch.autocast} does. Thread-local, like libtorch's own
 * state; closing restores what was set before.
 */
public final class Autocast implements AutoCloseable {
  private final DeviceType type;
  private final boolean wasEnabled;
  private final ScalarType previousDtype;
  private final boolean active;

  private Autocast(DeviceType type, ScalarType dtype, boolean active) {
    this.type = type;
    this.active = active;
    this.wasEnabled = active && torch.is_autocast_enabled(type);
    this.previousDtype = active ? torch.get_autocast_dtype(type) : null;
    if (active) {
      torch.set_autocast_dtype(type, dtype);
      torch.set_autocast_enabled(type, true);
      torch.increment_nesting();
    }
  }

  /** Autocast to {@code dtype} on {@code device}'s type when {@code enabled}; else a no-op. */
  public static Autocast on(Device device, ScalarType dtype, boolean enabled) {
    return new Autocast(device.type(), dtype, enabled);
  }

  @Override
  public void close() {
    if (active) {
      torch.set_autocast_enabled(type, wasEnabled);
      torch.set_autocast_dtype(type, previousDtype);
      // as torch.autocast's __exit__: the outermost block drops the cached low-precision weights
      if (torch.decrement_nesting() == 0) {
        torch.clear_cache();
      }
    }
  }
}
