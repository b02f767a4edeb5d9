package ai.brandtune.serve;

import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.GenerationRequest;
import ai.brandtune.generate.SamplingParams;
import ai.brandtune.text.ChatMessage;
import ai.brandtune.train.reward.RewardScorer;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studio's API: the brand kit's products and content types, and {@code POST /api/generate},
 * which builds the prompt from a product and a content type, generates variants, checks each
 * against the brand rules and scores it with the reward model when one is loaded.
 */
final class StudioEndpoints {
  private static final Logger log = LoggerFactory.getLogger(StudioEndpoints.class);
  private static final int MAX_EXTRA_CHARS = 2000;

  private final ServeConfig config;
  private final ServedModel model;
  private final JobRunner runner;
  private final ModelWorker worker;
  private final BrandKit kit;
  private final PromptBuilder prompts;
  private final BrandChecker checker;
  private final RewardScorer scorer;

  StudioEndpoints(
      ServeConfig config,
      ServedModel model,
      JobRunner runner,
      ModelWorker worker,
      BrandKit kit,
      RewardScorer scorer) {
    this.config = config;
    this.model = model;
    this.runner = runner;
    this.worker = worker;
    this.kit = kit;
    this.prompts = new PromptBuilder(kit);
    this.checker = new BrandChecker(kit);
    this.scorer = scorer;
  }

  void products(Context ctx) {
    WireJson.respond(
        ctx,
        200,
        kit.products().stream()
            .map(p -> new StudioWire.ProductSummary(p.id(), p.name(), p.category()))
            .toList());
  }

  void contentTypes(Context ctx) {
    WireJson.respond(
        ctx,
        200,
        kit.contentTypes().stream()
            .map(t -> new StudioWire.ContentTypeSummary(t.id(), t.name(), t.channel().id()))
            .toList());
  }

  void generate(Context ctx) throws IOException {
    RequestFields f = new RequestFields(WireJson.readBody(ctx, config.maxRequestBytes()));
    String productId = f.requiredString("product_id");
    String typeId = f.requiredString("content_type_id");
    String extra = f.optionalString("extra_instruction", "");
    if (extra.length() > MAX_EXTRA_CHARS) {
      throw ApiException.invalid(
          "extra_instruction",
          "'extra_instruction' is "
              + extra.length()
              + " characters; at most "
              + MAX_EXTRA_CHARS
              + " are allowed.");
    }
    int n = f.integer("n", Math.min(3, config.maxN()), 1, config.maxN());
    double temperature = f.number("temperature", 0.8, 0, 2, false);
    Integer asked = f.integer("max_tokens", null, 1, config.maxTokens());
    Long seed = f.longValue("seed");
    boolean stream = f.bool("stream", false);
    Product product =
        kit.product(productId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Unknown product '" + productId + "'; see GET /api/products.",
                        "product_id",
                        "product_not_found"));
    ContentType type =
        kit.contentType(typeId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "Unknown content type '" + typeId + "'; see GET /api/content-types.",
                        "content_type_id",
                        "content_type_not_found"));
    List<ChatMessage> messages = prompts.build(product, type, extra.isBlank() ? null : extra);
    long[] prompt = model.promptIds(messages);
    int maxTokens = PromptBudget.maxTokens(model, config, prompt.length, asked);
    SamplingParams params =
        new SamplingParams(maxTokens, temperature, 0, 1, 0, 1, seed, null, false);
    GenerationRequest request = GenerationRequest.of(prompt, n, params);
    if (!stream) {
      List<Generation> rows = runner.run(request);
      WireJson.respond(ctx, 200, result(product, type, messages, prompt.length, rows));
      return;
    }
    JobRunner.Streaming started = runner.startStreaming(request);
    SseStream sse = JobRunner.open(ctx, started);
    try {
      List<Generation> rows =
          runner.relay(
              started,
              sse,
              p -> sse.send(new StudioWire.Event("delta", p.row(), p.text(), null, null)));
      if (rows != null) {
        StudioWire.GenerateResult result = result(product, type, messages, prompt.length, rows);
        sse.send(new StudioWire.Event("result", null, null, result, null));
      }
    } catch (ApiException e) {
      sse.send(new StudioWire.Event("error", null, null, null, e.body().error()));
    }
    sse.done();
  }

  private StudioWire.GenerateResult result(
      Product product,
      ContentType type,
      List<ChatMessage> messages,
      int promptLen,
      List<Generation> rows) {
    double[] rewards = rewards(messages, rows);
    List<StudioWire.Variant> variants = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Generation g = rows.get(i);
      CheckResult check = checker.check(g.text(), product, type);
      List<StudioWire.FindingView> findings = new ArrayList<>();
      for (Finding x : check.findings()) {
        findings.add(
            new StudioWire.FindingView(
                x.rule().id(),
                x.severity().id(),
                x.severity().label(),
                x.message(),
                x.start(),
                x.end(),
                x.evidence()));
      }
      variants.add(
          new StudioWire.Variant(
              i,
              g.text(),
              g.finishReason().wireName(),
              check.score().total(),
              rewards == null ? null : rewards[i],
              findings));
    }
    return new StudioWire.GenerateResult(
        product.id(), type.id(), variants, ChatCompletionsEndpoint.usage(promptLen, rows));
  }

  /** Reward scores on the model thread (tensor work), or null without a reward model. */
  private double[] rewards(List<ChatMessage> messages, List<Generation> rows) {
    if (scorer == null) {
      return null;
    }
    List<String> texts = rows.stream().map(Generation::text).toList();
    try {
      return worker
          .call(() -> scorer.score(Collections.nCopies(texts.size(), messages), texts))
          .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      log.warn("reward scoring failed: {}", String.valueOf(e.getCause()));
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
