package ai.brandtune.cli;

import ai.brandtune.tensor.Torch;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: brandtune's own version (filtered in at build time) and libtorch's. */
final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "/ai/brandtune/cli/version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "brandtune " + brandtuneVersion(),
      "libtorch bindings " + Torch.version(),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  static String brandtuneVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
