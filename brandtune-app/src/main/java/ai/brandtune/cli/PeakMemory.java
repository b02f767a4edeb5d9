package ai.brandtune.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.cuda.DeviceStats;
import org.bytedeco.pytorch.global.torch;

/**
 * The peak memory of one stretch of work, measured from {@link #start} to {@link #peakBytes}: on
 * CUDA the caching allocator's peak of allocated bytes (what {@code
 * torch.cuda.max_memory_allocated} reports), on the CPU the growth of the process's peak resident
 * set over its size at the start. The CPU number includes everything the process touches
 * (libtorch's allocations, the Java heap, allocator slack), so it is an upper bound on what the
 * tensors need.
 */
abstract class PeakMemory {
  /** How the peak is measured, for reports: {@code cuda-allocator}, {@code rss-hwm}, ... */
  abstract String source();

  /** Marks the start: the baseline, and a reset of the peak where the source allows one. */
  abstract void start();

  /** Takes a reading; call after every step, for sources that cannot see a peak by themselves. */
  abstract void sample();

  /** Peak bytes above the baseline since {@link #start}, or empty when it cannot be measured. */
  abstract OptionalLong peakBytes();

  static PeakMemory forDevice(Device device) {
    if (device.is_cuda()) {
      return new CudaAllocatorPeak(device.index());
    }
    return new ProcessPeak();
  }

  /**
   * The CUDA caching allocator's statistics through {@code at::accelerator::getDeviceStats}, which
   * the CPU build of libtorch also declares (so this compiles and loads without the CUDA natives).
   */
  static final class CudaAllocatorPeak extends PeakMemory {
    private final byte index;
    private long baseline;

    CudaAllocatorPeak(byte index) {
      this.index = index;
    }

    @Override
    String source() {
      return "cuda-allocator";
    }

    @Override
    void start() {
      torch.synchronizeDevice(index);
      torch.emptyCache();
      torch.resetPeakStats(index);
      baseline = allocated(false);
    }

    @Override
    void sample() {
      // the allocator tracks its peak itself
    }

    @Override
    OptionalLong peakBytes() {
      return OptionalLong.of(Math.max(0, allocated(true) - baseline));
    }

    private long allocated(boolean peak) {
      try (PointerScope s = new PointerScope()) {
        DeviceStats stats = torch.getDeviceStats(index);
        // allocated_bytes is a StatArray; the first entry is the aggregate over all pools
        return peak ? stats.allocated_bytes().peak() : stats.allocated_bytes().current();
      }
    }
  }

  /**
   * The process's resident set from {@code /proc/self/status}. Linux keeps the peak ({@code VmHWM})
   * and resets it when "5" is written to {@code /proc/self/clear_refs}, which catches the peak
   * inside a backward pass that a reading between steps would miss. Where the reset is not allowed,
   * the peak is the largest {@code VmRSS} read between steps; without {@code /proc}, the largest of
   * JavaCPP's {@code Pointer.physicalBytes()}.
   */
  static final class ProcessPeak extends PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final boolean proc = Files.isReadable(STATUS);
    private boolean peakReset;
    private long baseline;
    private long largest;

    @Override
    String source() {
      if (!proc) {
        return "physical-bytes-sampled";
      }
      return peakReset ? "rss-hwm" : "rss-sampled";
    }

    @Override
    void start() {
      // hand the heap's free pages back first, or the last cell's freed tensors would still be
      // resident and this cell could reuse them without its peak showing it
      Pointer.trimMemory();
      baseline = resident();
      largest = baseline;
      peakReset = proc && resetPeak();
    }

    @Override
    void sample() {
      largest = Math.max(largest, resident());
    }

    @Override
    OptionalLong peakBytes() {
      sample();
      long peak = peakReset ? Math.max(largest, status("VmHWM")) : largest;
      if (baseline < 0 || peak < 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Math.max(0, peak - baseline));
    }

    private long resident() {
      return proc ? status("VmRSS") : Pointer.physicalBytes();
    }

    private static boolean resetPeak() {
      try {
        Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
        return true;
      } catch (IOException | SecurityException e) {
        return false;
      }
    }

    /** A {@code kB} field of /proc/self/status in bytes, or -1 when it cannot be read. */
    private static long status(String field) {
      try {
        for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
          if (line.startsWith(field + ":")) {
            String kb = line.substring(field.length() + 1).trim().split("\\s+")[0];
            return Long.parseLong(kb) * 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        // fall through: unreadable
      }
      return -1;
    }
  }
}
