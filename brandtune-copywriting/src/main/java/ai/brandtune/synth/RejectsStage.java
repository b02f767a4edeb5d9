package ai.brandtune.synth;

import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.llm.ChatRequest;
import ai.brandtune.llm.ChatResult;
import ai.brandtune.llm.LlmClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code data rejects}: for each chosen copy of {@code cleaned.jsonl}, {@code rejects_per_chosen}
 * rejected variants into {@code preferences.jsonl}. Types follow {@code reject_mix} exactly over
 * all variants, assigned by seed ({@link RejectPlan}). With a teacher, each variant is the answer
 * to the prompt file of its type ({@code rejects_weak}, {@code rejects_exaggerated}, {@code
 * rejects_fabricated}; weak ones from {@code weak_model} when set); offline, {@link RuleRejects}
 * writes it. Every variant must pass {@link RejectVerifier}; one that fails is made again (another
 * seed) up to {@code reject_attempts} times, then dropped and counted. A chosen copy left without
 * any variant is left out and counted. With a teacher, finished records are saved as they complete,
 * so a killed run resumes.
 */
public final class RejectsStage {
  public static final String STAGE = "rejects";
  public static final String OUTPUT = "preferences.jsonl";

  private final SynthContext ctx;
  private final RuleCleaner cleaner;
  private final RuleRejects rules;
  private final RejectVerifier verifier;

  public RejectsStage(SynthContext ctx) {
    this.ctx = ctx;
    this.cleaner = new RuleCleaner(ctx.kit().brand());
    this.rules = new RuleRejects(ctx.kit(), ctx.offlineRules());
    this.verifier = new RejectVerifier(ctx.kit());
  }

  /** Reads {@code dir/cleaned.jsonl}, writes {@code dir/preferences.jsonl}. */
  public static StageSummary run(SynthConfig config, Path dir) {
    return run(config, dir.resolve(CleanStage.OUTPUT), dir);
  }

  public static StageSummary run(SynthConfig config, Path input, Path outDir) {
    try (SynthContext ctx = SynthContext.open(config)) {
      return new RejectsStage(ctx).run(input, outDir);
    }
  }

  public StageSummary run(Path dir) {
    return run(dir.resolve(CleanStage.OUTPUT), dir);
  }

  /** One rejected variant in the making. */
  private static final class Slot {
    final RejectType type;
    int attempts;
    String text;
    List<String> facts = List.of();
    String source;
    String promptVersion;
    String lastReason;
    boolean done;

    Slot(RejectType type) {
      this.type = type;
    }

    boolean accepted() {
      return text != null;
    }
  }

  /** One chosen copy and its slots. */
  private static final class Work {
    final CopyRecord chosen;
    final String key;
    final Product product;
    final ContentType type;
    final CheckResult check;
    final List<Slot> slots = new ArrayList<>();
    PreferenceRecord result;
    boolean finished;

    Work(CopyRecord chosen, String key, Product product, ContentType type, CheckResult check) {
      this.chosen = chosen;
      this.key = key;
      this.product = product;
      this.type = type;
      this.check = check;
    }

    boolean allDone() {
      return slots.stream().allMatch(s -> s.done);
    }
  }

  public StageSummary run(Path input, Path outDir) {
    List<CopyRecord> records = SynthFiles.readCopies(input);
    Path out = outDir.resolve(OUTPUT);
    SynthConfig config = ctx.config();
    int perChosen = config.rejectsPerChosen();
    List<RejectType> plan =
        RejectPlan.assign(config.rejectMix(), records.size(), perChosen, config.seed());
    List<Work> all = new ArrayList<>();
    Items.KeyMaker keys = new Items.KeyMaker();
    for (int i = 0; i < records.size(); i++) {
      CopyRecord r = records.get(i);
      Product p = Items.product(ctx.kit(), r.productId(), r.where());
      ContentType t = Items.type(ctx.kit(), r.contentType(), r.where());
      List<RejectType> types = plan.subList(i * perChosen, (i + 1) * perChosen);
      Work w =
          new Work(
              r,
              keys.key(p.id(), t.id(), r.prompt(), r.completion(), types),
              p,
              t,
              ctx.checker().check(r.completion(), p, t));
      types.forEach(type -> w.slots.add(new Slot(type)));
      all.add(w);
    }
    StageSummary.Builder summary = StageSummary.builder(STAGE);
    summary.declare("chosen", "written", "variants", "weak", "exaggerated", "fabricated");
    summary.declare("dropped", "regenerated", "no_rejected", "resumed");
    summary.add("chosen", records.size());
    LlmClient teacher = ctx.teacher().orElse(null);
    if (teacher == null) {
      for (Work w : all) {
        offline(w);
      }
      summary.note("offline (no teacher): rule-based variants");
    } else {
      withTeacher(teacher, all, out, summary);
    }
    List<PreferenceRecord> written = new ArrayList<>();
    int dropNotes = 0;
    for (Work w : all) {
      if (w.result != null) {
        written.add(w.result);
        summary.increment("written");
        summary.add("variants", w.result.rejected().size());
        for (String type : w.result.rejectedTypes()) {
          summary.increment(type);
        }
        summary.add("dropped", perChosen - w.result.rejected().size());
      } else {
        summary.increment("no_rejected");
        summary.add("dropped", perChosen);
      }
      for (Slot s : w.slots) {
        summary.add("regenerated", Math.max(0, s.attempts - 1));
        if (s.done && !s.accepted()) {
          summary.increment("dropped." + s.type.id());
          if (dropNotes++ < 5) {
            summary.note(
                "dropped a "
                    + s.type.id()
                    + " variant of "
                    + w.chosen.where()
                    + " after "
                    + s.attempts
                    + " attempt(s): "
                    + s.lastReason);
          }
        }
      }
    }
    SynthFiles.writePreferences(out, written);
    PartialFile.delete(out);
    return summary.output(out).build();
  }

  private void offline(Work w) {
    for (int j = 0; j < w.slots.size(); j++) {
      Slot s = w.slots.get(j);
      while (!s.done) {
        s.attempts++;
        RuleRejects.Variant v =
            rules.generate(
                s.type,
                w.chosen.completion(),
                w.product,
                w.type,
                Seeds.random(ctx.config().seed(), "reject", w.key, j, s.attempts));
        if (v != null) {
          accept(w, s, v.text(), v.facts(), "rules", null);
        } else {
          s.lastReason = "the " + s.type.id() + " generator cannot apply to this copy";
        }
        if (s.attempts >= ctx.config().rejectAttempts()) {
          s.done = true;
        }
      }
    }
    finish(w);
  }

  /** Verifies a variant for the slot; on success the slot is done. */
  private void accept(
      Work w, Slot s, String text, List<String> planted, String source, String promptVersion) {
    CheckResult check = ctx.checker().check(text, w.product, w.type);
    RejectVerifier.Verdict v =
        verifier.verify(s.type, w.chosen.completion(), w.check, text, check, planted);
    if (v.ok()) {
      for (Slot other : w.slots) {
        if (other != s && other.accepted() && CopyText.sameText(other.text, text)) {
          s.lastReason = "same as another variant of this copy";
          return;
        }
      }
      s.text = text;
      s.facts = v.facts();
      s.source = source;
      s.promptVersion = promptVersion;
      s.done = true;
    } else {
      s.lastReason = v.reason();
    }
  }

  private void finish(Work w) {
    List<String> rejected = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<Object> versions = new ArrayList<>();
    List<List<String>> facts = new ArrayList<>();
    for (Slot s : w.slots) {
      if (s.accepted()) {
        rejected.add(s.text);
        types.add(s.type.id());
        sources.add(s.source);
        versions.add(s.promptVersion);
        facts.add(s.facts);
      }
    }
    w.finished = true;
    if (rejected.isEmpty()) {
      return;
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : w.chosen.meta().entrySet()) {
      if (!List.of("stage", "history", "findings").contains(e.getKey())) {
        meta.put(e.getKey(), e.getValue());
      }
    }
    meta.put("stage", STAGE);
    meta.put("reject_sources", sources);
    if (versions.stream().anyMatch(v -> v != null)) {
      meta.put("reject_prompt_versions", versions);
    }
    meta.put("fabricated_facts", facts);
    w.result =
        new PreferenceRecord(w.chosen.prompt(), w.chosen.completion(), rejected, types, meta);
  }

  private void withTeacher(
      LlmClient teacher, List<Work> all, Path out, StageSummary.Builder summary) {
    String model = teacher.config().model();
    String weakModel = ctx.config().weakModel();
    Map<RejectType, TeacherPrompt> prompts = new LinkedHashMap<>();
    prompts.put(RejectType.WEAK, ctx.teacherPrompts().get(TeacherPrompts.REJECTS_WEAK));
    prompts.put(
        RejectType.EXAGGERATED, ctx.teacherPrompts().get(TeacherPrompts.REJECTS_EXAGGERATED));
    prompts.put(RejectType.FABRICATED, ctx.teacherPrompts().get(TeacherPrompts.REJECTS_FABRICATED));
    List<String> promptTexts = new ArrayList<>();
    prompts
        .values()
        .forEach(p -> promptTexts.add(p.versionId() + "\n" + p.system() + "\n" + p.user()));
    String fingerprint =
        Fingerprint.of(
            STAGE,
            model,
            weakModel,
            promptTexts,
            ctx.config().rejectAttempts(),
            ctx.config().seed(),
            ctx.config().rejectMix());
    long baseSeed = teacher.config().seed() != null ? teacher.config().seed() : ctx.config().seed();
    try (PartialFile partial = PartialFile.open(out, fingerprint)) {
      List<Work> pending = new ArrayList<>();
      for (Work w : all) {
        PartialFile.Item done = partial.done().get(w.key);
        if (done == null) {
          pending.add(w);
          continue;
        }
        summary.increment("resumed");
        w.finished = true;
        if (done.outcome().equals("written")) {
          w.result = SynthFiles.parsePreference(done.record().toString(), null);
        }
        // variants keep slot order, so the saved types tell which slots were filled; attempt
        // counts are not saved, a resumed record counts as made at once
        List<String> saved = w.result == null ? List.of() : w.result.rejectedTypes();
        int next = 0;
        for (Slot s : w.slots) {
          s.done = true;
          s.attempts = 1;
          if (next < saved.size() && saved.get(next).equals(s.type.id())) {
            s.text = w.result.rejected().get(next++);
          }
        }
      }
      for (int attempt = 1; attempt <= ctx.config().rejectAttempts(); attempt++) {
        List<Work> owners = new ArrayList<>();
        List<Slot> batch = new ArrayList<>();
        List<ChatRequest> requests = new ArrayList<>();
        for (Work w : pending) {
          for (Slot s : w.slots) {
            if (s.done) {
              continue;
            }
            Map<String, String> values = PromptValues.of(ctx, w.product, w.type);
            values.put("copy", w.chosen.completion());
            ChatRequest request = ChatRequest.of(prompts.get(s.type).render(values));
            if (attempt > 1) {
              // another seed is another cache key: a fresh sample instead of the same answer
              request = request.withSeed(baseSeed + attempt - 1);
            }
            if (s.type == RejectType.WEAK && weakModel != null) {
              request = request.withModel(weakModel);
            }
            owners.add(w);
            batch.add(s);
            requests.add(request);
          }
        }
        if (requests.isEmpty()) {
          break;
        }
        int round = attempt;
        List<ChatResult> results =
            teacher.chatAll(
                requests,
                STAGE + (round > 1 ? " (attempt " + round + ")" : ""),
                r -> {
                  Work w = owners.get(r.index());
                  Slot s = batch.get(r.index());
                  s.attempts++;
                  if (r.ok()) {
                    String text =
                        cleaner
                            .clean(r.response().content(), w.product, w.type, RuleCleaner.ARTIFACTS)
                            .text();
                    String used =
                        s.type == RejectType.WEAK && weakModel != null ? weakModel : model;
                    accept(w, s, text, null, "teacher:" + used, prompts.get(s.type).versionId());
                  } else {
                    s.lastReason = r.failure().message();
                  }
                  if (round >= ctx.config().rejectAttempts()) {
                    s.done = true;
                  }
                  if (w.allDone() && !w.finished) {
                    finish(w);
                    partial.append(
                        w.key,
                        w.result == null ? "none" : "written",
                        w.result == null
                            ? null
                            : PartialFile.tree(SynthFiles.preferenceLine(w.result)));
                    ctx.itemDone(STAGE, w.key);
                  }
                });
        for (ChatResult r : results) {
          summary.increment(r.cached() ? "from_cache" : "requested");
          if (!r.ok()) {
            summary.increment("llm_failed");
          }
        }
      }
      for (Work w : pending) {
        if (!w.finished) {
          finish(w);
        }
      }
    }
    summary.note(
        "teacher " + model + (weakModel != null ? ", weak variants from " + weakModel : ""));
    summary.note(teacher.usage().summary());
  }
}
