package ai.brandtune.synth;

import ai.brandtune.brand.Channel;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Rule;
import ai.brandtune.brand.check.Severity;
import ai.brandtune.llm.ChatRequest;
import ai.brandtune.llm.ChatResult;
import ai.brandtune.llm.LlmClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code data clean}: fixes the copies of {@code generated.jsonl} and keeps those the brand checker
 * passes. Every record first goes through the {@link RuleCleaner} (tags, markdown, hashtags where
 * the channel has none, meta-commentary, leftovers, exclamation marks); then, with a teacher, the
 * LLM passes of {@code llm_clean_passes} that its check calls for, in order:
 *
 * <ul>
 *   <li>{@code rewrite}: any error except a missing call to action (banned words, wrong facts,
 *       hype, length, form): the teacher rewrites the copy with the findings listed;
 *   <li>{@code add_cta}: an ad whose last sentence has no call to action;
 *   <li>{@code enrich}: a social note without persona or story (no first-person or character voice,
 *       or a structure element missing).
 * </ul>
 *
 * An ad still without a call to action gets a CTA sentence appended by rule (the offline fix).
 * Records with checker errors after all that go to {@code clean_excluded.jsonl} with their
 * findings, never silently into {@code cleaned.jsonl}. Each record's {@code meta.history} lists its
 * passes. With a teacher, records are saved as they finish, so a killed run resumes.
 */
public final class CleanStage {
  public static final String STAGE = "clean";
  public static final String OUTPUT = "cleaned.jsonl";
  public static final String EXCLUDED = "clean_excluded.jsonl";

  private static final Set<Rule> STORY_RULES = Set.of(Rule.STRUCTURE);

  private final SynthContext ctx;
  private final RuleCleaner cleaner;
  private final CtaAppender cta;

  public CleanStage(SynthContext ctx) {
    this.ctx = ctx;
    this.cleaner = new RuleCleaner(ctx.kit().brand());
    this.cta = new CtaAppender(ctx.kit().brand().rules(), ctx.offlineRules());
  }

  /** Cleans {@code dir/generated.jsonl} into {@code dir}. */
  public static StageSummary run(SynthConfig config, Path dir) {
    return run(config, dir.resolve(GenerateStage.OUTPUT), dir);
  }

  public static StageSummary run(SynthConfig config, Path input, Path outDir) {
    try (SynthContext ctx = SynthContext.open(config)) {
      return new CleanStage(ctx).run(input, outDir);
    }
  }

  public StageSummary run(Path dir) {
    return run(dir.resolve(GenerateStage.OUTPUT), dir);
  }

  /** One record on its way through the passes. */
  private static final class Work {
    final CopyRecord in;
    final String key;
    final Product product;
    final ContentType type;
    final List<Map<String, Object>> history = new ArrayList<>();
    String text;
    boolean finished;
    boolean llmFailed;
    PartialFile.Item result;

    Work(CopyRecord in, String key, Product product, ContentType type) {
      this.in = in;
      this.key = key;
      this.product = product;
      this.type = type;
      this.text = in.completion();
    }
  }

  public StageSummary run(Path input, Path outDir) {
    List<CopyRecord> records = SynthFiles.readCopies(input);
    Path out = outDir.resolve(OUTPUT);
    Path excludedOut = outDir.resolve(EXCLUDED);
    LlmClient teacher = ctx.teacher().orElse(null);
    List<String> passes =
        teacher != null && ctx.config().llmClean() ? ctx.config().llmCleanPasses() : List.of();
    List<String> versions =
        passes.stream()
            .map(p -> prompt(p))
            .map(p -> p.versionId() + "\n" + p.system() + "\n" + p.user())
            .toList();
    String fingerprint =
        Fingerprint.of(
            STAGE, ctx.teacherModel(), versions, ctx.offlineRules().version(), ctx.config().seed());
    StageSummary.Builder summary = StageSummary.builder(STAGE);
    summary.declare("in", "kept", "excluded", "fixed_by_rules", "cta_appended", "resumed");
    summary.add("in", records.size());
    try (PartialFile partial =
        teacher == null ? PartialFile.inMemory() : PartialFile.open(out, fingerprint)) {
      List<Work> all = new ArrayList<>();
      Items.KeyMaker keys = new Items.KeyMaker();
      for (CopyRecord r : records) {
        Product p = Items.product(ctx.kit(), r.productId(), r.where());
        ContentType t = Items.type(ctx.kit(), r.contentType(), r.where());
        all.add(new Work(r, keys.key(p.id(), t.id(), r.prompt(), r.completion()), p, t));
      }
      List<Work> pending = new ArrayList<>();
      for (Work w : all) {
        if (partial.isDone(w.key)) {
          summary.increment("resumed");
        } else {
          pending.add(w);
        }
      }
      for (Work w : pending) {
        RuleCleaner.Result c = cleaner.clean(w.text, w.product, w.type, RuleCleaner.ALL);
        w.text = c.text();
        w.history.add(entry("rules", c.changed(), String.join(", ", c.fixes())));
      }
      for (Work w : pending) {
        if (nextPass(w, passes, 0) < 0) {
          finish(w, partial);
        }
      }
      for (int i = 0; i < passes.size(); i++) {
        runPass(teacher, passes, i, pending, partial);
      }
      for (Work w : pending) {
        if (!w.finished) {
          finish(w, partial);
        }
      }
      List<CopyRecord> kept = new ArrayList<>();
      List<CopyRecord> excluded = new ArrayList<>();
      for (Work w : all) {
        PartialFile.Item item = w.result != null ? w.result : partial.done().get(w.key);
        CopyRecord r = SynthFiles.parseCopy(item.record().toString(), null);
        (item.outcome().equals("kept") ? kept : excluded).add(r);
        count(r, item.outcome(), summary);
      }
      SynthFiles.writeCopies(out, kept);
      SynthFiles.writeCopies(excludedOut, excluded);
    }
    PartialFile.delete(out);
    if (teacher == null) {
      summary.note(
          "offline (no teacher): rule-based fixes and CTA sentences only; other failures are"
              + " excluded");
    } else {
      summary.note("teacher " + ctx.teacherModel() + ", passes " + String.join(", ", passes));
      summary.note(teacher.usage().summary());
    }
    return summary.output(out).output(excludedOut).build();
  }

  private void runPass(
      LlmClient teacher, List<String> passes, int index, List<Work> pending, PartialFile partial) {
    String pass = passes.get(index);
    TeacherPrompt prompt = prompt(pass);
    List<Work> batch = new ArrayList<>();
    List<ChatRequest> requests = new ArrayList<>();
    for (Work w : pending) {
      if (w.finished || nextPass(w, passes, index) != index) {
        continue;
      }
      Map<String, String> values = PromptValues.of(ctx, w.product, w.type);
      values.put("copy", w.text);
      values.put("problems", PromptValues.problems(check(w)));
      batch.add(w);
      requests.add(ChatRequest.of(prompt.render(values)));
    }
    teacher.chatAll(
        requests,
        STAGE + " " + pass,
        r -> {
          Work w = batch.get(r.index());
          apply(w, pass, prompt, r);
          if (nextPass(w, passes, index + 1) < 0) {
            finish(w, partial);
          }
        });
  }

  private void apply(Work w, String pass, TeacherPrompt prompt, ChatResult r) {
    int before = check(w).errors().size();
    if (!r.ok()) {
      w.llmFailed = true;
      w.history.add(entry(pass, false, prompt.versionId() + ": failed: " + r.failure().message()));
      return;
    }
    String text = cleaner.clean(r.response().content(), w.product, w.type, RuleCleaner.ALL).text();
    if (text.isBlank()) {
      w.history.add(entry(pass, false, prompt.versionId() + ": empty answer, copy kept"));
      return;
    }
    boolean changed = !CopyText.sameText(text, w.text);
    w.text = text;
    int after = check(w).errors().size();
    w.history.add(
        entry(
            pass,
            changed,
            prompt.versionId() + ": " + before + " error(s) before, " + after + " after"));
  }

  /** The index of the first pass at or after {@code from} that the copy calls for, or -1. */
  private int nextPass(Work w, List<String> passes, int from) {
    if (from >= passes.size()) {
      return -1;
    }
    CheckResult r = check(w);
    for (int i = from; i < passes.size(); i++) {
      if (applies(passes.get(i), w, r)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean applies(String pass, Work w, CheckResult r) {
    return switch (pass) {
      case "rewrite" -> r.errors().stream().anyMatch(f -> f.rule() != Rule.CTA);
      case "add_cta" -> w.type.ctaRequired() && !r.of(Rule.CTA).isEmpty();
      case "enrich" ->
          w.type.channel() == Channel.SOCIAL_NOTE
              && wantsVoice(w.type)
              && (lacksVoice(w.text)
                  || r.findings().stream().anyMatch(f -> STORY_RULES.contains(f.rule())));
      default -> false;
    };
  }

  private static final Pattern VOICE_TASK = Pattern.compile("口吻|人物|经历|故事|第一人称|亲身");
  private static final Pattern VOICE = Pattern.compile("我|她|(?<!其)他");

  /**
   * Whether the content type asks for a narrator or a character (a review in a user's voice, a
   * story), by its task and structure; explanatory notes are written without one.
   */
  static boolean wantsVoice(ContentType type) {
    StringBuilder s = new StringBuilder(type.task());
    type.structure().forEach(e -> s.append(e.name()).append(e.description()));
    return VOICE_TASK.matcher(s).find();
  }

  /** No first-person narrator and no character: the note reads like a spec sheet. */
  static boolean lacksVoice(String text) {
    return !VOICE.matcher(text).find();
  }

  private void finish(Work w, PartialFile partial) {
    CheckResult r = check(w);
    if (w.type.ctaRequired() && !r.of(Rule.CTA).isEmpty() && cta.canAppend()) {
      String[] appended = cta.append(w.text, Seeds.random(ctx.config().seed(), "cta", w.key));
      w.text = appended[0];
      w.history.add(entry("cta_rule", true, "appended " + appended[1]));
      r = check(w);
    }
    Map<String, Object> meta = new LinkedHashMap<>(w.in.meta());
    meta.put("stage", STAGE);
    meta.put("history", w.history);
    String outcome = "kept";
    if (r.hasErrors()) {
      outcome = "excluded";
      List<Map<String, Object>> findings = new ArrayList<>();
      for (Finding f : r.findings()) {
        if (f.severity() == Severity.ERROR) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("rule", f.rule().id());
          m.put("message", f.message());
          m.put("evidence", f.evidence());
          findings.add(m);
        }
      }
      meta.put("findings", findings);
    }
    CopyRecord rec = new CopyRecord(w.in.prompt(), w.text, meta);
    w.result = new PartialFile.Item(w.key, outcome, PartialFile.tree(SynthFiles.copyLine(rec)));
    w.finished = true;
    // a record whose LLM pass failed is not saved for resume: a resumed run tries the pass again
    if (!w.llmFailed) {
      partial.append(w.key, outcome, w.result.record());
    }
    ctx.itemDone(STAGE, w.key);
  }

  private CheckResult check(Work w) {
    return ctx.checker().check(w.text, w.product, w.type);
  }

  private TeacherPrompt prompt(String pass) {
    return ctx.teacherPrompts()
        .get(
            switch (pass) {
              case "rewrite" -> TeacherPrompts.CLEAN_REWRITE;
              case "add_cta" -> TeacherPrompts.CLEAN_ADD_CTA;
              default -> TeacherPrompts.CLEAN_ENRICH;
            });
  }

  private static Map<String, Object> entry(String pass, boolean changed, String note) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pass", pass);
    m.put("changed", changed);
    m.put("note", note);
    return m;
  }

  /** Counts from the record's own history, so resumed records count like fresh ones. */
  @SuppressWarnings("unchecked")
  private static void count(CopyRecord r, String outcome, StageSummary.Builder summary) {
    summary.increment(outcome);
    Set<String> seen = new LinkedHashSet<>();
    Object h = r.meta().get("history");
    if (h instanceof List<?> list) {
      for (Object o : list) {
        Map<String, Object> e = (Map<String, Object>) o;
        String pass = String.valueOf(e.get("pass"));
        boolean changed = Boolean.TRUE.equals(e.get("changed"));
        String note = String.valueOf(e.get("note"));
        switch (pass) {
          case "rules" -> {
            if (changed) {
              summary.increment("fixed_by_rules");
              for (String fix : note.split(",\\s*")) {
                summary.increment("rule." + fix);
              }
            }
          }
          case "cta_rule" -> summary.increment("cta_appended");
          default -> {
            if (seen.add(pass)) {
              summary.increment("llm." + pass);
              if (changed) {
                summary.increment("llm." + pass + ".changed");
              }
              if (note.contains(": failed: ")) {
                summary.increment("llm." + pass + ".failed");
              }
            }
          }
        }
      }
    }
    if (outcome.equals("excluded") && r.meta().get("findings") instanceof List<?> fs) {
      Set<String> rules = new LinkedHashSet<>();
      for (Object o : fs) {
        rules.add(String.valueOf(((Map<String, Object>) o).get("rule")));
      }
      rules.forEach(rule -> summary.increment("excluded." + rule));
    }
  }
}
