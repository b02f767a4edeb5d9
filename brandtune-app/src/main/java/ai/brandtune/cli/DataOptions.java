package ai.brandtune.cli;

import ai.brandtune.synth.StageSummary;
import ai.brandtune.synth.SynthConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What every {@code data} command takes: the config, overrides, the kit and the run directory. */
final class DataOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "data.yaml (see docs/data.md); default: built-in kit, offline, every default.")
  Path config;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "runs/data",
      description = "Run directory the stages read and write.")
  Path out;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Override a data.yaml key, e.g. --set val_ratio=0.2 (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--kit",
      paramLabel = "DIR",
      description = "Brand kit directory; overrides the config's kit. Default: the built-in kit.")
  Path kit;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  /** The config file with --set overrides and --kit applied. */
  SynthConfig config() {
    SynthConfig c = SynthConfig.load(config, overrides);
    return kit == null ? c : c.toBuilder().kit(kit).build();
  }

  /** Prints a stage summary, as text or as one JSON line. */
  void print(PrintWriter out, StageSummary summary) {
    if (json) {
      out.println(Json.line(summaryJson(summary)));
    } else {
      out.println(summary.format());
    }
    out.flush();
  }

  static ObjectNode summaryJson(StageSummary summary) {
    ObjectNode o = Json.object();
    o.put("stage", summary.stage());
    ObjectNode counts = o.putObject("counts");
    summary.counts().forEach(counts::put);
    var notes = o.putArray("notes");
    summary.notes().forEach(notes::add);
    var outputs = o.putArray("outputs");
    summary.outputs().forEach(p -> outputs.add(p.toString()));
    return o;
  }
}
