package ai.brandtune.synth;

import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.KitFiles;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.corpus.CorpusFiles;
import ai.brandtune.brand.corpus.GoldenRecord;
import ai.brandtune.brand.corpus.Numbered;
import ai.brandtune.llm.ChatRequest;
import ai.brandtune.llm.ChatResult;
import ai.brandtune.llm.LlmClient;
import ai.brandtune.text.ChatMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code data generate}: one copy for every selected (product, content type), in catalog and
 * content-type order, into {@code generated.jsonl}. With a teacher, the copy is the teacher's
 * answer to the {@code generate} prompt file (by default the prompt builder's two messages as they
 * are); answers are saved as they arrive, so a killed run resumes without asking again. Without a
 * teacher, copies come from the kit's golden corpus, which covers only some products: the others
 * are skipped and the summary says so.
 *
 * <p>Every record's {@code prompt} is the prompt builder's output (what the trained model will
 * see), whatever the teacher was asked.
 */
public final class GenerateStage {
  public static final String STAGE = "generate";
  public static final String OUTPUT = "generated.jsonl";

  private final SynthContext ctx;

  public GenerateStage(SynthContext ctx) {
    this.ctx = ctx;
  }

  /** Opens a context for {@code config}, runs the stage into {@code outDir} and closes it. */
  public static StageSummary run(SynthConfig config, Path outDir) {
    try (SynthContext ctx = SynthContext.open(config)) {
      return new GenerateStage(ctx).run(outDir);
    }
  }

  public StageSummary run(Path outDir) {
    Path out = outDir.resolve(OUTPUT);
    Optional<LlmClient> teacher = ctx.teacher();
    StageSummary.Builder summary = StageSummary.builder(STAGE);
    List<CopyRecord> records =
        teacher.isPresent() ? fromTeacher(teacher.get(), out, summary) : fromGolden(summary);
    SynthFiles.writeCopies(out, records);
    // only now: until the output is written, the partial file is the only copy of the answers
    PartialFile.delete(out);
    summary.output(out);
    return summary.build();
  }

  private record Item(Product product, ContentType type, List<ChatMessage> prompt, String key) {}

  private List<Item> items() {
    List<Item> items = new ArrayList<>();
    for (Product p : ctx.selectedProducts()) {
      for (ContentType t : ctx.selectedContentTypes()) {
        List<ChatMessage> prompt = ctx.prompts().build(p, t, null);
        items.add(new Item(p, t, prompt, p.id() + "/" + t.id()));
      }
    }
    return items;
  }

  private List<CopyRecord> fromGolden(StageSummary.Builder summary) {
    String label = ctx.kit().source().label(KitFiles.GOLDEN);
    Map<String, String> golden = new HashMap<>();
    ctx.kit()
        .source()
        .read(KitFiles.GOLDEN)
        .ifPresent(
            text -> {
              for (Numbered<GoldenRecord> n : CorpusFiles.readGolden(label, text).orThrow()) {
                GoldenRecord g = n.value();
                golden.putIfAbsent(
                    g.meta().productId() + "/" + g.meta().contentType(), g.completion());
              }
            });
    summary.declare("written", "no_golden");
    List<CopyRecord> records = new ArrayList<>();
    Set<String> covered = new LinkedHashSet<>();
    List<Item> items = items();
    for (Item item : items) {
      String completion = golden.get(item.key());
      if (completion == null) {
        summary.increment("no_golden");
        continue;
      }
      covered.add(item.product().id());
      records.add(new CopyRecord(item.prompt(), completion, meta(item, "golden", null, null)));
      summary.increment("written");
    }
    long products = items.stream().map(i -> i.product().id()).distinct().count();
    summary.note(
        "offline (no teacher): copies come from the golden corpus "
            + label
            + "; "
            + covered.size()
            + " of "
            + products
            + " selected products have golden copies, the other products are skipped");
    return records;
  }

  private List<CopyRecord> fromTeacher(LlmClient teacher, Path out, StageSummary.Builder summary) {
    TeacherPrompt prompt = ctx.teacherPrompts().get(TeacherPrompts.GENERATE);
    String model = teacher.config().model();
    List<Item> items = items();
    summary.declare("written", "resumed", "requested", "from_cache", "failed");
    List<String> failures = new ArrayList<>();
    try (PartialFile partial =
        PartialFile.open(out, Fingerprint.of(STAGE, model, prompt.versionId()))) {
      List<Item> pending = new ArrayList<>();
      List<ChatRequest> requests = new ArrayList<>();
      Map<String, String> keys = new LinkedHashMap<>();
      for (Item item : items) {
        List<ChatMessage> messages =
            prompt.render(PromptValues.of(ctx, item.product(), item.type()));
        // the request's text is in the key: an edited prompt file does not reuse old answers
        String key = item.key() + "@" + Fingerprint.of(model, messages).substring(0, 16);
        keys.put(item.key(), key);
        if (partial.isDone(key)) {
          summary.increment("resumed");
          continue;
        }
        pending.add(item);
        requests.add(ChatRequest.of(messages));
      }
      List<ChatResult> results =
          teacher.chatAll(
              requests,
              STAGE,
              r -> {
                Item item = pending.get(r.index());
                if (!r.ok() || r.response().content().isBlank()) {
                  return;
                }
                Map<String, Object> meta = meta(item, "teacher", model, prompt.versionId());
                if (r.response().truncated()) {
                  meta.put("truncated", true);
                }
                CopyRecord rec =
                    new CopyRecord(item.prompt(), r.response().content().strip(), meta);
                String key = keys.get(item.key());
                partial.append(key, "ok", PartialFile.tree(SynthFiles.copyLine(rec)));
                ctx.itemDone(STAGE, key);
              });
      for (ChatResult r : results) {
        summary.increment(r.cached() ? "from_cache" : "requested");
        if (!r.ok() || r.response().content().isBlank()) {
          String why = r.ok() ? "empty answer" : r.failure().message();
          failures.add(pending.get(r.index()).key() + ": " + why);
        }
      }
      List<CopyRecord> records = new ArrayList<>();
      for (Item item : items) {
        PartialFile.Item done = partial.done().get(keys.get(item.key()));
        if (done == null) {
          summary.increment("failed");
          continue;
        }
        records.add(SynthFiles.parseCopy(done.record().toString(), null));
        summary.increment("written");
      }
      failures.stream()
          .limit(5)
          .forEach(f -> summary.note("failed " + f + " (a rerun asks again)"));
      summary.note("teacher " + model + ", prompt " + prompt.versionId());
      summary.note(teacher.usage().summary());
      return records;
    }
  }

  private static Map<String, Object> meta(
      Item item, String source, String teacher, String promptVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("product_id", item.product().id());
    m.put("content_type", item.type().id());
    m.put("stage", STAGE);
    m.put("source", source);
    m.put("teacher", teacher);
    m.put("prompt_version", promptVersion);
    return m;
  }
}
