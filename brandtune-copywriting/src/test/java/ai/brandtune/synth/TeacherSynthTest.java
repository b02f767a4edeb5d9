package ai.brandtune.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.llm.LlmClient;
import ai.brandtune.llm.LlmConfig;
import ai.brandtune.llm.ScriptedChatServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, clean (LLM passes) and rejects against a local OpenAI-compatible server that plays the
 * teacher: it answers from the golden corpus, with the flaws a real teacher has, and writes
 * rejected variants as told. Runs are killed midway and resumed.
 */
class TeacherSynthTest {
  static final List<String> PRODUCTS = List.of("P001", "P002");
  // in the kit's file order, which is the order of the stage files
  static final List<String> TYPES = List.of("social_media_review", "paid_ad_pas", "paid_ad_cta");
  static final Pattern PRODUCT = Pattern.compile("- 产品名称：(.+)");
  static final Pattern TYPE = Pattern.compile("内容类型：(.+)");

  static BrandKit kit;

  @TempDir Path tmp;
  ScriptedChatServer server;

  @BeforeAll
  static void load() {
    kit = BrandKit.builtIn();
    CleanStageTest.load();
  }

  @BeforeEach
  void start() throws IOException {
    server = new ScriptedChatServer(TeacherSynthTest::answer);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The scripted teacher. */
  static String answer(JsonNode body) {
    String user = ScriptedChatServer.user(body);
    if (user.startsWith("内容类型：")) {
      String key = productId(user) + "/" + typeId(user);
      String g = CleanStageTest.golden.get(key);
      return switch (key) {
        case "P001/paid_ad_cta" -> g.substring(0, g.lastIndexOf("立即加入购物车。")); // no CTA
        case "P002/paid_ad_pas" -> g.replaceFirst("原素方程", "这个神器原素方程"); // banned word
        case "P001/social_media_review" -> "<think>先写肤质。</think>\n" + g;
        default -> g;
      };
    }
    if (user.contains("品牌检查发现了问题")) {
      return between(user, "【文案】\n", "\n\n【问题】").replace("这个神器", "");
    }
    if (user.contains("缺少行动号召")) {
      return between(user, "【广告】\n", "\n\n只输出") + "点击了解更多。";
    }
    if (user.contains("用平淡、笼统的说法")) {
      return name(user) + "是一款日常护肤产品，用起来还可以，适合日常使用。";
    }
    if (user.contains("违背品牌调性")) {
      return "绝绝子！" + between(user, "【文案】\n", "\n\n只输出");
    }
    if (user.contains("与产品资料矛盾")) {
      String copy = between(user, "【文案】\n", "\n\n只输出");
      if (!body.has("seed")) {
        return copy; // the first attempt changes nothing and must be redone
      }
      int at = copy.indexOf('。') + 1;
      return copy.substring(0, at) + "配方另含水杨酸。" + copy.substring(at);
    }
    return null;
  }

  static String name(String user) {
    Matcher m = PRODUCT.matcher(user);
    m.find();
    return m.group(1).strip();
  }

  static String productId(String user) {
    String name = name(user);
    return kit.products().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .map(Product::id)
        .orElseThrow();
  }

  static String typeId(String user) {
    Matcher m = TYPE.matcher(user);
    m.find();
    String name = m.group(1).strip();
    return kit.contentTypes().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .map(ContentType::id)
        .orElseThrow();
  }

  static String between(String s, String from, String to) {
    int a = s.indexOf(from) + from.length();
    return s.substring(a, s.indexOf(to, a));
  }

  LlmConfig teacher(int concurrency) {
    return LlmConfig.builder(server.baseUrl(), "test-teacher")
        .cacheDir(tmp.resolve("cache"))
        .maxAttempts(2)
        .backoffBase(0.01)
        .backoffMax(0.02)
        .timeout(10)
        .concurrency(concurrency)
        .progress(false)
        .build();
  }

  SynthConfig config(LlmConfig teacher) {
    return SynthConfig.defaults().toBuilder()
        .teacher(teacher)
        .products(PRODUCTS)
        .contentTypes(TYPES)
        .rejectsPerChosen(2)
        .build();
  }

  static List<String> keys(List<CopyRecord> records) {
    return records.stream().map(r -> r.productId() + "/" + r.contentType()).toList();
  }

  static final List<String> ALL =
      PRODUCTS.stream().flatMap(p -> TYPES.stream().map(t -> p + "/" + t)).toList();

  @Test
  void theApiKeyAppearsInNoLogAndNoFileTheStagesWrite() throws IOException {
    String secret = "sk-teacher-secret-0123456789abcdef";
    LlmConfig keyed =
        LlmConfig.builder(server.baseUrl(), "test-teacher")
            .apiKeyEnv("BRANDTUNE_TEST_TEACHER_KEY")
            .cacheDir(tmp.resolve("cache"))
            .maxAttempts(2)
            .backoffBase(0.01)
            .backoffMax(0.02)
            .progress(false)
            .build();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    ch.qos.logback.classic.Level level = root.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.DEBUG);
    Path out = tmp.resolve("keyed");
    try (SynthContext ctx =
        SynthContext.open(
            config(keyed), java.util.Map.of("BRANDTUNE_TEST_TEACHER_KEY", secret)::get)) {
      new GenerateStage(ctx).run(out);
      new CleanStage(ctx).run(out);
      new RejectsStage(ctx).run(out);
    } finally {
      root.setLevel(level);
      root.detachAppender(logs);
    }
    assertThat(server.count()).isPositive();
    for (var event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(secret);
    }
    try (var files = Files.walk(tmp)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        assertThat(f.toString()).doesNotContain(secret);
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8))
            .as(f.toString())
            .doesNotContain(secret);
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void teacherPipelineSurvivesKillsAndResumesWithoutDuplicatesOrLosses() throws IOException {
    Path out = tmp.resolve("run");
    LlmConfig sequential = teacher(1);

    // generate, killed after the second saved item
    try (LlmClient client = LlmClient.open(sequential);
        SynthContext ctx = SynthContext.of(config(sequential), kit, client)) {
      int[] seen = {0};
      ctx.onItemDone(
          (stage, key) -> {
            if (++seen[0] == 2) {
              throw new IllegalStateException("killed");
            }
          });
      assertThatThrownBy(() -> new GenerateStage(ctx).run(out)).hasMessage("killed");
    }
    assertThat(out.resolve(GenerateStage.OUTPUT)).doesNotExist();
    Path partial = PartialFile.pathFor(out.resolve(GenerateStage.OUTPUT));
    assertThat(Files.readAllLines(partial)).hasSize(1 + 2);
    List<String> savedPrompts =
        server.requests().subList(0, 2).stream().map(ScriptedChatServer::user).toList();
    int beforeResume = server.count();

    StageSummary gen;
    StageSummary clean;
    try (LlmClient client = LlmClient.open(teacher(4));
        SynthContext ctx = SynthContext.of(config(teacher(4)), kit, client)) {
      gen = new GenerateStage(ctx).run(out);
      // the resumed run did not ask again for what the partial file held
      assertThat(server.requests().subList(beforeResume, server.count()))
          .extracting(ScriptedChatServer::user)
          .doesNotContainAnyElementsOf(savedPrompts);
      clean = new CleanStage(ctx).run(out);
    }
    assertThat(partial).doesNotExist();
    List<CopyRecord> generated = SynthFiles.readCopies(out.resolve(GenerateStage.OUTPUT));
    assertThat(keys(generated)).containsExactlyElementsOf(ALL);
    assertThat(gen.count("resumed")).isEqualTo(2);
    assertThat(gen.count("written")).isEqualTo(6);
    assertThat(generated.get(0).meta())
        .containsEntry("source", "teacher")
        .containsEntry("teacher", "test-teacher")
        .containsEntry("prompt_version", "generate@1");

    // clean: the rules strip the think block, rewrite removes the banned word, add_cta adds a CTA
    List<CopyRecord> cleaned = SynthFiles.readCopies(out.resolve(CleanStage.OUTPUT));
    assertThat(keys(cleaned)).containsExactlyElementsOf(ALL);
    assertThat(clean.count("excluded")).isZero();
    assertThat(clean.count("llm.rewrite")).isEqualTo(1);
    assertThat(clean.count("llm.add_cta")).isEqualTo(1);
    assertThat(clean.count("rule.think")).isEqualTo(1);
    CopyRecord fixedCta = cleaned.get(ALL.indexOf("P001/paid_ad_cta"));
    assertThat(fixedCta.completion()).endsWith("点击了解更多。");
    assertThat(CleanStageTest.history(fixedCta))
        .anySatisfy(
            h ->
                assertThat(h)
                    .containsEntry("pass", "add_cta")
                    .containsEntry("changed", true)
                    .hasEntrySatisfying(
                        "note", n -> assertThat((String) n).startsWith("clean_add_cta@1")));
    assertThat(cleaned.get(ALL.indexOf("P002/paid_ad_pas")).completion()).doesNotContain("神器");

    // rejects, killed after the first finished record, then resumed; sequential, so no other
    // request can finish (and be saved) between the first one and the kill
    try (LlmClient client = LlmClient.open(sequential);
        SynthContext ctx = SynthContext.of(config(sequential), kit, client)) {
      ctx.onItemDone(
          (stage, key) -> {
            throw new IllegalStateException("killed");
          });
      assertThatThrownBy(() -> new RejectsStage(ctx).run(out)).hasMessage("killed");
    }
    assertThat(Files.readAllLines(PartialFile.pathFor(out.resolve(RejectsStage.OUTPUT))))
        .hasSize(1 + 1);
    StageSummary rejects;
    try (LlmClient client = LlmClient.open(teacher(4));
        SynthContext ctx = SynthContext.of(config(teacher(4)), kit, client)) {
      rejects = new RejectsStage(ctx).run(out);
    }
    List<PreferenceRecord> prefs = SynthFiles.readPreferences(out.resolve(RejectsStage.OUTPUT));
    assertThat(prefs.stream().map(p -> p.productId() + "/" + p.contentType()).toList())
        .containsExactlyElementsOf(ALL);
    assertThat(rejects.count("resumed")).isEqualTo(1);
    assertThat(rejects.count("variants")).isEqualTo(12);
    assertThat(rejects.count("dropped")).isZero();
    for (PreferenceRecord p : prefs) {
      assertThat(new HashSet<>(p.rejected())).hasSameSizeAs(p.rejected());
      assertThat((List<Object>) p.meta().get("reject_sources"))
          .containsOnly((Object) "teacher:test-teacher");
      RejectAssertions.assertIntendedDefects(kit, new BrandChecker(kit), p);
    }
    long fabricated =
        prefs.stream()
            .flatMap(p -> p.rejectedTypes().stream())
            .filter("fabricated"::equals)
            .count();
    assertThat(fabricated).isEqualTo(2);
    assertThat(
            prefs.stream()
                .flatMap(p -> ((List<?>) p.meta().get("fabricated_facts")).stream())
                .map(Object::toString))
        .contains("[水杨酸]");

    // the same stages again into another directory: everything comes from the cache
    int before = server.count();
    Path again = tmp.resolve("again");
    try (LlmClient client = LlmClient.open(teacher(4));
        SynthContext ctx = SynthContext.of(config(teacher(4)), kit, client)) {
      new GenerateStage(ctx).run(again);
      new CleanStage(ctx).run(again);
      new RejectsStage(ctx).run(again);
    }
    assertThat(server.count()).isEqualTo(before);
    for (String f : List.of(GenerateStage.OUTPUT, CleanStage.OUTPUT, RejectsStage.OUTPUT)) {
      assertThat(Files.readString(again.resolve(f)))
          .as(f)
          .isEqualTo(Files.readString(out.resolve(f)));
    }
  }

  @Test
  void failedTeacherItemsAreCountedAndTheRestIsWritten() {
    try (ScriptedChatServer failing =
        new ScriptedChatServer(
            body -> ScriptedChatServer.user(body).contains("产品名称：绿茶抗氧面膜") ? null : answer(body))) {
      LlmConfig t =
          LlmConfig.builder(failing.baseUrl(), "test-teacher")
              .cacheDir(tmp.resolve("cache2"))
              .maxAttempts(2)
              .backoffBase(0.01)
              .backoffMax(0.02)
              .progress(false)
              .build();
      try (LlmClient client = LlmClient.open(t);
          SynthContext ctx = SynthContext.of(config(t), kit, client)) {
        StageSummary s = new GenerateStage(ctx).run(tmp);
        assertThat(s.count("failed")).isEqualTo(3);
        assertThat(s.count("written")).isEqualTo(3);
        assertThat(s.notes()).anySatisfy(n -> assertThat(n).startsWith("failed P001/"));
        assertThat(keys(SynthFiles.readCopies(tmp.resolve(GenerateStage.OUTPUT))))
            .containsExactly("P002/social_media_review", "P002/paid_ad_pas", "P002/paid_ad_cta");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void editedPromptFileIsUsedAndItsVersionRecorded() throws IOException {
    Path prompts = Files.createDirectories(tmp.resolve("prompts"));
    Files.writeString(
        prompts.resolve("generate.yaml"),
        "id: generate\nversion: \"2-test\"\nsystem: \"{system}\"\nuser: \"{user}\\n\\n补充：请写得简洁。\"\n");
    SynthConfig c =
        config(teacher(2)).toBuilder()
            .promptsDir(prompts)
            .products(List.of("P002"))
            .contentTypes(List.of("paid_ad_cta"))
            .build();
    try (LlmClient client = LlmClient.open(teacher(2));
        SynthContext ctx = SynthContext.of(c, kit, client)) {
      new GenerateStage(ctx).run(tmp);
    }
    CopyRecord r = SynthFiles.readCopies(tmp.resolve(GenerateStage.OUTPUT)).get(0);
    assertThat(r.meta()).containsEntry("prompt_version", "generate@2-test");
    assertThat(ScriptedChatServer.user(server.requests().get(0))).endsWith("补充：请写得简洁。");
    // the record's prompt stays the prompt builder's: what the trained model will see
    assertThat(r.prompt().get(1).content()).doesNotContain("补充：请写得简洁。");

    Files.writeString(
        prompts.resolve("generate.yaml"),
        "id: generate\nversion: \"3\"\nuser: \"{user} {tone}\"\n");
    try (LlmClient client = LlmClient.open(teacher(2));
        SynthContext ctx = SynthContext.of(c, kit, client)) {
      assertThatThrownBy(() -> new GenerateStage(ctx).run(tmp))
          .hasMessageStartingWith(
              prompts.resolve("generate.yaml") + ": unknown placeholder {tone}");
    }
  }

  @Test
  void reviewWithoutANarratorIsEnrichedAndLlmCleanFalseSendsNothing() {
    String review = CleanStageTest.goldenOf("P002/social_media_review");
    assertThat(review).contains("我");
    String flat = review.replace("我们", "用户").replace("我", "用户");
    SynthFiles.writeCopies(
        tmp.resolve(GenerateStage.OUTPUT),
        List.of(CleanStageTest.record("P002", "social_media_review", flat)));
    try (ScriptedChatServer enricher =
        new ScriptedChatServer(
            body -> ScriptedChatServer.user(body).contains("缺少人设和故事感") ? review : null)) {
      LlmConfig t =
          LlmConfig.builder(enricher.baseUrl(), "test-teacher")
              .cacheDir(tmp.resolve("cache3"))
              .maxAttempts(1)
              .progress(false)
              .build();
      SynthConfig c = config(t).toBuilder().products(List.of("P002")).build();
      StageSummary s;
      try (LlmClient client = LlmClient.open(t);
          SynthContext ctx = SynthContext.of(c, kit, client)) {
        s = new CleanStage(ctx).run(tmp);
      }
      assertThat(enricher.count()).isEqualTo(1);
      assertThat(s.count("llm.enrich")).isEqualTo(1);
      assertThat(s.count("llm.enrich.changed")).isEqualTo(1);
      CopyRecord r = SynthFiles.readCopies(tmp.resolve(CleanStage.OUTPUT)).get(0);
      assertThat(r.completion()).isEqualTo(review);
      assertThat(CleanStageTest.history(r))
          .extracting(h -> h.get("pass"))
          .containsExactly("rules", "enrich");

      Path off = tmp.resolve("off");
      try (LlmClient client = LlmClient.open(t);
          SynthContext ctx = SynthContext.of(c.toBuilder().llmClean(false).build(), kit, client)) {
        s = new CleanStage(ctx).run(tmp.resolve(GenerateStage.OUTPUT), off);
      }
      assertThat(enricher.count()).isEqualTo(1);
      assertThat(s.count("llm.enrich")).isZero();
      assertThat(SynthFiles.readCopies(off.resolve(CleanStage.OUTPUT)).get(0).completion())
          .isEqualTo(flat);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
