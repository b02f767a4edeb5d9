package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import ai.brandtune.tensor.Torch;
import ai.brandtune.train.StopSignal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the stages in order in {@code runs/<name>/}. A stage is skipped when its manifest says it
 * completed with the same config hash and input hashes and its outputs still match their
 * fingerprints. A stage that runs makes every later stage run too. A stage whose last attempt did
 * not complete (killed, stopped, failed) with the same config and inputs keeps its directory, so a
 * training stage resumes from its last checkpoint; a stage whose config or inputs changed starts
 * from an empty directory.
 */
public final class Pipeline {
  /** The stage's resolved config, in each stage directory. */
  public static final String CONFIG_FILE = "config.yaml";

  static final YAMLMapper YAML =
      (YAMLMapper) new YAMLMapper().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER);

  private final List<Stage> stages;

  public Pipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * Which stages to run.
   *
   * @param from rerun this stage and every later one (earlier ones must be complete); null for all
   * @param only run this stage alone (its input stages must be complete); null for all
   */
  public record Options(String from, String only) {
    public static final Options ALL = new Options(null, null);
  }

  /**
   * What happened to one stage.
   *
   * @param status {@code ran}, {@code skipped}, {@code stopped} or {@code not selected}
   */
  public record StageOutcome(String stage, String status, double seconds, String note, Path dir) {}

  /**
   * @param report the report a stage wrote, or null
   * @param stopped whether a stop request ended the run early
   */
  public record Result(List<StageOutcome> stages, Path report, boolean stopped) {}

  /** The stages that take part in a run of this project, in order. */
  public List<Stage> enabled(PipelineContext context) {
    return stages.stream().filter(s -> s.enabled(context)).toList();
  }

  public Result run(
      PipelineContext context, Options options, StopSignal stop, Consumer<String> out) {
    List<Stage> active = enabled(context);
    List<String> names = active.stream().map(Stage::name).toList();
    int fromIndex = index(names, options.from(), "--from");
    int onlyIndex = index(names, options.only(), "--only");
    if (fromIndex >= 0 && onlyIndex >= 0) {
      throw new BrandtuneException("--from and --only exclude each other: give one");
    }
    Map<String, String> versions = versions();
    Map<String, String> outputHashes = new LinkedHashMap<>();
    List<StageOutcome> outcomes = new ArrayList<>();
    Path report = null;
    boolean upstreamRan = false;
    for (int i = 0; i < active.size(); i++) {
      Stage stage = active.get(i);
      String name = stage.name();
      Path dir = context.stageDir(name);
      Optional<StageManifest> previous = StageManifest.read(dir);
      boolean selected = onlyIndex >= 0 ? i == onlyIndex : fromIndex < 0 || i >= fromIndex;
      if (!selected) {
        previous
            .filter(StageManifest::complete)
            .ifPresent(m -> outputHashes.put(name, Fingerprints.combine(m.outputs())));
        outcomes.add(new StageOutcome(name, "not selected", 0, "", dir));
        continue;
      }
      ObjectNode config = stage.config(context);
      String configText = yaml(config);
      String configHash = Fingerprints.text(configText);
      Map<String, String> inputs = inputHashes(stage, context, outputHashes);
      boolean named = i == onlyIndex || i == fromIndex;
      boolean forced = upstreamRan || named;
      if (!forced
          && previous.isPresent()
          && previous.get().complete()
          && previous.get().configHash().equals(configHash)
          && previous.get().inputs().equals(inputs)
          && outputsIntact(previous.get(), dir)) {
        outputHashes.put(name, Fingerprints.combine(previous.get().outputs()));
        Object written = previous.get().summary().get(StageResult.REPORT);
        if (written != null) {
          report = Path.of(written.toString());
        }
        StageOutcome skipped =
            new StageOutcome(name, "skipped", 0, "complete; config and inputs unchanged", dir);
        outcomes.add(skipped);
        out.accept(line(skipped));
        continue;
      }
      // a stage named by --from/--only starts over; any other unfinished one resumes
      boolean resume =
          !named
              && previous.isPresent()
              && !previous.get().complete()
              && previous.get().configHash().equals(configHash)
              && previous.get().inputs().equals(inputs);
      if (stop.requested(0)) {
        // Ctrl-C during a stage that does not train (data) lands here: stop before the next one
        StageOutcome stopped =
            new StageOutcome(name, "stopped", 0, "not started: stop requested", dir);
        outcomes.add(stopped);
        out.accept(line(stopped));
        return new Result(outcomes, report, true);
      }
      if (!resume) {
        clear(dir);
      }
      writeConfig(dir, configText);
      int attempts = resume ? previous.get().attempts() + 1 : 1;
      long seed = context.project().seed();
      Instant started = Instant.now();
      long t0 = System.nanoTime();
      StageManifest attempt =
          new StageManifest(
              name,
              StageManifest.RUNNING,
              config,
              configHash,
              inputs,
              versions,
              seed,
              context.quick(),
              started.toString(),
              null,
              null,
              attempts,
              null,
              null,
              null,
              null);
      attempt.write(dir);
      out.accept(
          String.format(
              Locale.ROOT, "%-9s %s", name, resume ? "resuming (interrupted before)" : "running"));
      StageResult result;
      try {
        result =
            stage.run(new StageRun(name, context, dir, config, stage.inputs(context), stop, out));
      } catch (StageStopped e) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        StageOutcome stopped = new StageOutcome(name, "stopped", seconds, e.getMessage(), dir);
        outcomes.add(stopped);
        out.accept(line(stopped));
        return new Result(outcomes, report, true);
      } catch (RuntimeException | Error e) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        attempt
            .ended(StageManifest.FAILED, seconds, null, null, null, String.valueOf(e.getMessage()))
            .write(dir);
        throw e;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, String> outputs = new LinkedHashMap<>();
      for (String p : result.outputs()) {
        Map<String, String> files = Fingerprints.of(dir, dir.resolve(p));
        if (files.isEmpty()) {
          throw new BrandtuneException(
              name + ": promised output " + dir.resolve(p) + " is missing");
        }
        outputs.putAll(files);
      }
      attempt
          .ended(StageManifest.COMPLETE, seconds, result.outputs(), outputs, result.summary(), null)
          .write(dir);
      outputHashes.put(name, Fingerprints.combine(outputs));
      upstreamRan = true;
      if (result.report() != null) {
        report = result.report();
      }
      StageOutcome ran = new StageOutcome(name, "ran", seconds, result.note(), dir);
      outcomes.add(ran);
      out.accept(line(ran));
    }
    return new Result(outcomes, report, false);
  }

  private static int index(List<String> names, String stage, String flag) {
    if (stage == null) {
      return -1;
    }
    int i = names.indexOf(stage);
    if (i < 0) {
      throw new BrandtuneException(
          flag + " " + stage + ": no such stage in this run; stages: " + String.join(", ", names));
    }
    return i;
  }

  private static Map<String, String> inputHashes(
      Stage stage, PipelineContext context, Map<String, String> outputHashes) {
    Map<String, String> inputs = new LinkedHashMap<>();
    for (String upstream : stage.inputs(context)) {
      String hash = outputHashes.get(upstream);
      if (hash == null) {
        throw new BrandtuneException(
            stage.name()
                + " needs the outputs of stage "
                + upstream
                + ", which has not completed in "
                + context.runDir()
                + ": run the pipeline without --only/--from first");
      }
      inputs.put("stage:" + upstream, hash);
    }
    for (Path external : stage.externalInputs(context)) {
      Path abs = external.toAbsolutePath().normalize();
      inputs.put("external:" + abs, Fingerprints.combine(Fingerprints.of(abs, abs)));
    }
    return inputs;
  }

  private static boolean outputsIntact(StageManifest m, Path dir) {
    if (m.outputPaths() == null || m.outputs() == null) {
      return false;
    }
    Map<String, String> now = new LinkedHashMap<>();
    for (String p : m.outputPaths()) {
      now.putAll(Fingerprints.of(dir, dir.resolve(p)));
    }
    return now.equals(m.outputs());
  }

  static String yaml(ObjectNode config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeConfig(Path dir, String text) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(CONFIG_FILE), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write " + dir.resolve(CONFIG_FILE) + ": " + e, e);
    }
  }

  private static void clear(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new BrandtuneException("cannot clear " + dir + ": " + e.getMessage(), e);
    }
  }

  static String line(StageOutcome o) {
    String time =
        o.status().equals("ran") || o.status().equals("stopped")
            ? String.format(Locale.ROOT, "%6.1fs", o.seconds())
            : "";
    return String.format(Locale.ROOT, "%-9s %-8s %7s  %s", o.stage(), o.status(), time, o.note())
        .stripTrailing();
  }

  private static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("brandtune", brandtuneVersion());
    v.put("java", System.getProperty("java.version"));
    try {
      v.put("libtorch", Torch.version());
    } catch (RuntimeException | LinkageError e) {
      v.put("libtorch", "unavailable");
    }
    return v;
  }

  private static String brandtuneVersion() {
    try (InputStream in =
        Pipeline.class.getResourceAsStream("/ai/brandtune/cli/version.properties")) {
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
