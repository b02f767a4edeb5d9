package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.KitSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code data build}: runs the synthesis stages in order in one run directory and resumes where a
 * previous build stopped. After each stage it records in {@code manifest.json} ({@link
 * BuildManifest}) the hashes of the stage's inputs (the config keys it reads, the kit's files, the
 * files earlier stages wrote) and of its outputs. A stage is skipped when it completed before with
 * the same input hashes and its outputs are still there, unchanged; otherwise it runs, and so does
 * every later stage whose inputs it changed. Every stage writes its files atomically, so a build
 * killed midway leaves complete files only, and the next build picks up at the interrupted stage.
 */
public final class DataBuild {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private final SynthConfig config;
  private final List<Step> steps;

  /**
   * One stage of the build.
   *
   * @param name the stage
   * @param configKeys the {@code data.yaml} keys whose values the stage's output depends on
   * @param usesKit whether the output depends on the kit's files
   * @param run runs the stage in a directory
   */
  record Step(
      String name,
      List<String> configKeys,
      boolean usesKit,
      BiFunction<Session, Path, StageSummary> run) {}

  /**
   * What the stages of one build share, opened on first use: the synthesis context (kit, checker
   * and the teacher's client, so one cache and one usage report serve all stages), or the kit alone
   * when only the later stages run. A build whose synthesis stages are all skipped never opens the
   * teacher, so it needs no API key.
   */
  static final class Session implements AutoCloseable {
    private final SynthConfig config;
    private SynthContext context;
    private BrandKit kit;

    Session(SynthConfig config) {
      this.config = config;
    }

    SynthContext context() {
      if (context == null) {
        context = SynthContext.open(config);
      }
      return context;
    }

    BrandKit kit() {
      if (context != null) {
        return context.kit();
      }
      if (kit == null) {
        kit = config.loadKit();
      }
      return kit;
    }

    @Override
    public void close() {
      if (context != null) {
        context.close();
      }
    }
  }

  /**
   * What a build did.
   *
   * @param summaries the summary of every stage that ran, in order
   * @param skipped the stages skipped because their inputs were unchanged
   */
  public record Result(List<StageSummary> summaries, List<String> skipped) {
    public Result {
      summaries = List.copyOf(summaries);
      skipped = List.copyOf(skipped);
    }
  }

  public DataBuild(SynthConfig config) {
    this.config = config;
    this.steps =
        List.of(
            new Step(
                GenerateStage.STAGE,
                List.of("kit", "teacher", "seed", "products", "content_types", "prompts_dir"),
                true,
                (session, dir) -> new GenerateStage(session.context()).run(dir)),
            new Step(
                CleanStage.STAGE,
                List.of("kit", "teacher", "seed", "llm_clean", "llm_clean_passes", "prompts_dir"),
                true,
                (session, dir) -> new CleanStage(session.context()).run(dir)),
            new Step(
                RejectsStage.STAGE,
                List.of(
                    "kit",
                    "teacher",
                    "seed",
                    "reject_mix",
                    "rejects_per_chosen",
                    "reject_attempts",
                    "weak_model",
                    "prompts_dir"),
                true,
                (session, dir) -> new RejectsStage(session.context()).run(dir)),
            new Step(
                SplitStage.STAGE,
                List.of("val_ratio", "seed"),
                false,
                (session, dir) -> new SplitStage(config).run(dir)),
            new Step(
                ExportStage.STAGE,
                List.of("export"),
                false,
                (session, dir) -> new ExportStage(config).run(dir)),
            new Step(
                ValidateStage.STAGE,
                List.of("kit"),
                true,
                (session, dir) -> new ValidateStage(session.kit()).run(dir)),
            new Step(
                StatsStage.STAGE,
                List.of("kit"),
                true,
                (session, dir) -> new StatsStage(session.kit()).run(dir)));
  }

  /** The stage names in the order they run. */
  public List<String> stages() {
    return steps.stream().map(Step::name).toList();
  }

  /**
   * Runs the build in {@code dir}.
   *
   * @param force run every stage, whatever the manifest says
   * @param log receives one line per stage as it starts or is skipped
   */
  public Result run(Path dir, boolean force, Consumer<String> log) {
    try (Session session = new Session(config)) {
      return run(dir, force, log, session);
    }
  }

  private Result run(Path dir, boolean force, Consumer<String> log, Session session) {
    BuildManifest manifest = BuildManifest.read(dir);
    Map<String, String> upstream = new LinkedHashMap<>();
    List<StageSummary> summaries = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    String kitHash = null;
    for (Step step : steps) {
      Map<String, String> inputs = new LinkedHashMap<>();
      inputs.put("config", configHash(config, step.configKeys()));
      if (step.usesKit()) {
        kitHash = kitHash == null ? kitHash() : kitHash;
        inputs.put("kit", kitHash);
      }
      inputs.putAll(upstream);
      var previous = manifest.stage(step.name());
      if (!force && previous.isPresent() && upToDate(previous.get(), inputs, dir)) {
        log.accept(step.name() + ": skipped (completed before; inputs unchanged)");
        skipped.add(step.name());
        upstream.putAll(previous.get().outputs());
        continue;
      }
      log.accept(step.name() + ": running");
      if (previous.isPresent()) {
        // until this run of the stage completes, its old entry must not count as complete
        BuildManifest.Entry p = previous.get();
        manifest.put(
            step.name(), new BuildManifest.Entry(false, p.inputs(), p.outputs(), p.counts()));
        manifest.write(dir);
      }
      StageSummary summary = step.run().apply(session, dir);
      summaries.add(summary);
      Map<String, String> outputs = new LinkedHashMap<>();
      for (Path out : summary.outputs()) {
        outputs.put(relative(dir, out), Sha256.ofFile(out));
      }
      boolean complete = failures(summary) == 0;
      manifest.put(
          step.name(), new BuildManifest.Entry(complete, inputs, outputs, summary.counts()));
      manifest.write(dir);
      upstream.putAll(outputs);
    }
    return new Result(summaries, skipped);
  }

  /**
   * Teacher requests that gave up ({@code failed}, {@code llm_failed}, {@code llm.enrich.failed},
   * ...): a stage with any is run again by the next build, which asks only for what is missing.
   */
  static long failures(StageSummary summary) {
    return summary.counts().entrySet().stream()
        .filter(e -> e.getKey().endsWith("failed"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  private static boolean upToDate(BuildManifest.Entry entry, Map<String, String> inputs, Path dir) {
    if (!entry.complete() || !entry.inputs().equals(inputs)) {
      return false;
    }
    for (Map.Entry<String, String> out : entry.outputs().entrySet()) {
      Path file = dir.resolve(out.getKey());
      if (!Files.isRegularFile(file) || !Sha256.ofFile(file).equals(out.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** A hash of the config keys a stage reads, in a canonical JSON form. */
  static String configHash(SynthConfig config, List<String> keys) {
    JsonNode all = CANONICAL.valueToTree(config);
    ObjectNode picked = CANONICAL.createObjectNode();
    for (String key : keys.stream().sorted().toList()) {
      if (!all.has(key)) {
        throw new IllegalStateException("no config key " + key + " in " + all.fieldNames());
      }
      picked.set(key, all.get(key));
    }
    Sha256 h = new Sha256().add(picked.toString());
    String promptsDir = config.promptsDir();
    if (keys.contains("prompts_dir") && promptsDir != null && !promptsDir.isBlank()) {
      addFiles(h, Path.of(promptsDir));
    }
    return h.hex();
  }

  private String kitHash() {
    KitSource source =
        config.kit() == null || config.kit().isBlank()
            ? KitSource.builtIn()
            : KitSource.directory(Path.of(config.kit()));
    Sha256 h = new Sha256();
    for (String file :
        List.of(
            KitFiles.BRAND,
            KitFiles.CONTENT_TYPES,
            KitFiles.PRODUCTS,
            KitFiles.INGREDIENTS,
            KitFiles.EFFECTS,
            KitFiles.GOLDEN,
            KitFiles.PREFERENCE_EVAL)) {
      h.add(file).add(source.read(file).orElse("\u0000absent"));
    }
    return h.hex();
  }

  private static void addFiles(Sha256 h, Path dir) {
    if (!Files.isDirectory(dir)) {
      return; // the stage reports the missing directory
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        h.add(f.getFileName().toString()).add(Sha256.ofFile(f));
      }
    } catch (IOException e) {
      throw new BrandtuneException(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  private static String relative(Path dir, Path file) {
    Path abs = dir.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    return (f.startsWith(abs) ? abs.relativize(f) : f).toString().replace('\\', '/');
  }
}
