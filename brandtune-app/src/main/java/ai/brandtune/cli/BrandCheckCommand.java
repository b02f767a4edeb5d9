package ai.brandtune.cli;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Rule;
import ai.brandtune.brand.check.Score;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune brand check}: brand-rule findings and score of one copy. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check a copy against the brand rules for a product and content type: banned and hype words,"
          + " tone, format, length and facts from the catalog. Prints each finding and the score"
          + " (0-1).",
      "Exit code 0 even when there are findings; read the score or --json to decide."
    })
final class BrandCheckCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KitOptions kit;

  @Option(
      names = "--product",
      required = true,
      paramLabel = "ID",
      description = "Product id, e.g. P001.")
  String product;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "Content type id, e.g. paid_ad_pas.")
  String type;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Exactly one of a literal text or a file. */
  static final class Input {
    @Option(names = "--text", paramLabel = "TEXT", description = "The copy to check.")
    String text;

    @Option(names = "--file", paramLabel = "FILE", description = "A UTF-8 file holding the copy.")
    Path file;
  }

  @Option(
      names = "--json",
      description =
          "Print one JSON object: score, components, length, findings (rule, severity, message,"
              + " start, end, evidence, subject).")
  boolean json;

  @Override
  public Integer call() {
    BrandKit k = kit.load();
    String text = text();
    CheckResult result =
        new BrandChecker(k).check(text, k.requireProduct(product), k.requireContentType(type));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.line(toJson(result)));
    } else {
      print(out, result);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private String text() {
    if (input.text != null) {
      return input.text;
    }
    if (!Files.isRegularFile(input.file)) {
      throw new BrandtuneException("--file " + input.file + ": no such file");
    }
    try {
      return Files.readString(input.file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException("--file " + input.file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static ObjectNode toJson(CheckResult r) {
    ObjectNode n = Json.object();
    n.put("score", r.score().total());
    ObjectNode c = n.putObject("components");
    for (Rule.Component comp : Rule.Component.values()) {
      c.put(comp.id(), r.score().component(comp));
    }
    n.put("length", r.length());
    n.put("errors", r.errors().size());
    ArrayNode fs = n.putArray("findings");
    for (Finding f : r.findings()) {
      ObjectNode o = fs.addObject();
      o.put("rule", f.rule().id());
      o.put("severity", f.severity().id());
      o.put("message", f.message());
      o.put("start", f.start());
      o.put("end", f.end());
      o.put("evidence", f.evidence());
      o.put("subject", f.subject());
    }
    return n;
  }

  private static void print(PrintWriter out, CheckResult r) {
    Score s = r.score();
    out.printf(
        Locale.ROOT,
        "得分 %.3f（禁用词 %.2f，夸张 %.2f，语气 %.2f，事实 %.2f，格式 %.2f，长度 %.2f，鼓励词 %.2f），长度 %d字%n",
        s.total(),
        s.banned(),
        s.hype(),
        s.tone(),
        s.facts(),
        s.format(),
        s.length(),
        s.encouraged(),
        r.length());
    long shown =
        r.findings().stream()
            .filter(f -> f.severity() != ai.brandtune.brand.check.Severity.INFO)
            .count();
    if (shown == 0) {
      out.println("没有发现问题。");
    }
    for (Finding f : r.findings()) {
      if (f.severity() == ai.brandtune.brand.check.Severity.INFO) {
        continue;
      }
      String where = f.start() == f.end() ? "全文" : f.start() + "-" + f.end();
      out.println(
          "[" + f.severity().label() + "] " + f.rule().id() + " " + where + "：" + f.message());
    }
  }
}
