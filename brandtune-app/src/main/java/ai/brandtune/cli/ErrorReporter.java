package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one {@code error: ...} line on stderr. Usage errors exit 2, everything else
 * 1; {@code --verbose} adds the stack trace. Anything that is not a known user error is reported as
 * an internal error, so a bug still says what happened without flooding the terminal.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("error: " + ex.getMessage() + " (see '" + commandPath(cmd) + " --help')");
    if (verboseIn(args)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    cmd.getOut().flush(); // a half-streamed completion goes out before the error line
    boolean verbose = Verbosity.requested(parseResult);
    err.println("error: " + message(ex, verbose));
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return CommandLine.ExitCode.SOFTWARE;
  }

  /** The user-facing message: ours verbatim, file problems by path, anything else as a bug. */
  static String message(Throwable ex, boolean verbose) {
    Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    if (t instanceof BrandtuneException) {
      return t.getMessage();
    }
    if (t instanceof NoSuchFileException || t instanceof FileNotFoundException) {
      return "no such file: " + t.getMessage();
    }
    if (t instanceof AccessDeniedException) {
      return "permission denied: " + t.getMessage();
    }
    if (t instanceof java.io.IOException) {
      return "I/O error: " + t.getMessage();
    }
    String hint = verbose ? "" : " (rerun with --verbose for the stack trace)";
    return "internal error: "
        + t.getClass().getSimpleName()
        + ": "
        + oneLine(t.getMessage())
        + hint;
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    int newline = s.indexOf('\n');
    return newline < 0 ? s : s.substring(0, newline);
  }

  private static String commandPath(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName();
  }

  /** The parse failed, so there is no parse result to ask; look at the raw arguments instead. */
  private static boolean verboseIn(String[] args) {
    for (String a : args) {
      if (a.equals(Verbosity.OPTION)) {
        return true;
      }
    }
    return false;
  }
}
