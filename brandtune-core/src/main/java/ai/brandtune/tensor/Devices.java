package ai.brandtune.tensor;

import ai.brandtune.BrandtuneException;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch;

/**
 * Parses device names as users write them: {@code cpu}, {@code cuda}, {@code cuda:1}, {@code auto}.
 */
public final class Devices {
  private Devices() {}

  public static Device cpu() {
    return new Device(torch.DeviceType.CPU);
  }

  public static boolean cudaAvailable() {
    try {
      return torch.cuda_is_available();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
  }

  public static int cudaDeviceCount() {
    return cudaAvailable() ? torch.cuda_device_count() : 0;
  }

  /** {@code auto} picks CUDA when available, else CPU. */
  public static Device parse(String name) {
    String n = name == null ? "auto" : name.trim().toLowerCase(java.util.Locale.ROOT);
    if (n.equals("auto")) {
      return cudaAvailable() ? new Device(torch.DeviceType.CUDA, (byte) 0) : cpu();
    }
    if (n.equals("cpu")) {
      return cpu();
    }
    if (n.equals("cuda") || n.matches("cuda:\\d+")) {
      int index = n.equals("cuda") ? 0 : Integer.parseInt(n.substring(5));
      if (index >= cudaDeviceCount()) {
        throw new BrandtuneException(
            "device '"
                + name
                + "' is not available: this machine has "
                + cudaDeviceCount()
                + " CUDA device(s) (GPU runs need the build's cuda profile); use --device cpu");
      }
      return new Device(torch.DeviceType.CUDA, (byte) index);
    }
    throw new BrandtuneException("unknown device '" + name + "': use cpu, cuda, cuda:N or auto");
  }

  public static String name(Device device) {
    return device.is_cuda() ? "cuda:" + Math.max(0, device.index()) : "cpu";
  }
}
