package ai.brandtune.cli;

import ai.brandtune.generate.TokenListener;
import java.io.PrintWriter;

/** Writes each token's text to the terminal as soon as it is decoded. */
final class StreamingPrinter implements TokenListener {
  private final PrintWriter out;

  StreamingPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onToken(int row, long tokenId, String textDelta) {
    if (!textDelta.isEmpty()) {
      out.print(textDelta);
      out.flush();
    }
  }
}
