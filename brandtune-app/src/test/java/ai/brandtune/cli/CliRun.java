package ai.brandtune.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return withInput("", args);
  }

  /** Runs with {@code stdin} as the chat command's input. */
  static CliRun withInput(String stdin, String... args) {
    CommandLine cli = BrandtuneCli.commandLine();
    InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    ((ChatCommand) cli.getSubcommands().get("chat").getCommand()).input = in;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  List<String> outLines() {
    return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
  }

  List<String> errLines() {
    return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank()).toList();
  }
}
