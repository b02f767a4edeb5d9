package ai.brandtune.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ParseResult;

/** Whether {@code --verbose} was given at any command level, and what it switches on. */
final class Verbosity {
  static final String OPTION = "--verbose";

  private Verbosity() {}

  static boolean requested(ParseResult parseResult) {
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(OPTION)) {
        return true;
      }
    }
    return false;
  }

  static void enableDebugLogging() {
    if (LoggerFactory.getLogger("ai.brandtune") instanceof Logger logger) {
      logger.setLevel(Level.DEBUG);
    }
  }
}
