package ai.brandtune.cli;

import ai.brandtune.tensor.Devices;
import ai.brandtune.tensor.Torch;
import ai.brandtune.text.ByteLevelTokenizer;
import ai.brandtune.text.HfTokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code brandtune doctor}: what this machine and JVM give brandtune, and whether the native parts
 * (libtorch, the DJL tokenizer) load. The first thing to run when something fails to start.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = "Check the environment: libtorch, CUDA, memory limits and the tokenizer library.")
final class DoctorCommand implements Callable<Integer> {
  private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
  private static final long MIB = 1024 * 1024;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = true;
    row(out, "brandtune", VersionProvider.brandtuneVersion());
    row(
        out,
        "java",
        System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    row(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    row(out, "cpu cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    row(out, "max heap", mib(Runtime.getRuntime().maxMemory()));
    row(out, "libtorch", Torch.version());
    row(out, "libtorch threads", String.valueOf(Torch.threads()));
    boolean cuda = Devices.cudaAvailable();
    row(
        out,
        "cuda",
        cuda ? "available, " + Devices.cudaDeviceCount() + " device(s)" : "not available");
    row(out, "javacpp physical bytes", mib(Pointer.physicalBytes()));
    long maxPhysical = Pointer.maxPhysicalBytes();
    row(out, "javacpp max physical bytes", maxPhysical <= 0 ? "unlimited" : mib(maxPhysical));
    String property = System.getProperty(MAX_PHYSICAL_BYTES);
    boolean unlimited = "0".equals(property);
    row(
        out,
        "-D" + MAX_PHYSICAL_BYTES + "=0",
        unlimited
            ? "set"
            : "NOT set ("
                + (property == null ? "absent" : property)
                + "): large models may fail"
                + " with 'Physical memory usage is too high'; run through bin/brandtune");
    String waitPolicy = System.getenv("OMP_WAIT_POLICY");
    row(
        out,
        "OMP_WAIT_POLICY",
        waitPolicy != null
            ? waitPolicy
            : "unset: idle OpenMP and OpenBLAS threads spin, which can slow small machines"
                + " many times over; bin/brandtune sets PASSIVE");
    row(out, "ai.djl.offline", String.valueOf(System.getProperty("ai.djl.offline")));
    try {
      row(out, "tokenizer (DJL)", "ok: " + tokenizerProbe());
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      row(out, "tokenizer (DJL)", "FAILED: " + e);
      ok = false;
    }
    out.flush();
    return ok ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
  }

  /** Loads the native tokenizer library by encoding a string with the built-in tokenizer. */
  private static String tokenizerProbe() throws IOException {
    Path dir = Files.createTempDirectory("brandtune-doctor");
    try {
      ByteLevelTokenizer.writeTo(dir);
      String sample = "Hello, brandtune! 你好";
      try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
        long[] ids = tokenizer.encode(sample);
        String back = tokenizer.decode(ids);
        if (!back.equals(sample)) {
          throw new IllegalStateException("round trip changed the text: " + back);
        }
        return "encoded " + sample.length() + " chars into " + ids.length + " tokens and back";
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void row(PrintWriter out, String name, String value) {
    out.printf(Locale.ROOT, "%-44s %s%n", name, value);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%,d MiB", bytes / MIB);
  }
}
