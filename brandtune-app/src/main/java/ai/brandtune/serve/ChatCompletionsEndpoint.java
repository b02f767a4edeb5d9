package ai.brandtune.serve;

import ai.brandtune.BrandtuneException;
import ai.brandtune.generate.Generation;
import ai.brandtune.generate.GenerationRequest;
import ai.brandtune.generate.SamplingParams;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code POST /v1/chat/completions}: OpenAI's chat API, plain JSON or server-sent events. */
final class ChatCompletionsEndpoint {
  private final ServeConfig config;
  private final ServedModel model;
  private final JobRunner runner;
  private final ChatRequestParser parser;

  ChatCompletionsEndpoint(ServeConfig config, ServedModel model, JobRunner runner) {
    this.config = config;
    this.model = model;
    this.runner = runner;
    this.parser = new ChatRequestParser(config);
  }

  void handle(Context ctx) throws IOException {
    ChatRequest req = parser.parse(WireJson.readBody(ctx, config.maxRequestBytes()));
    long[] prompt = promptIds(model, req);
    int maxTokens = PromptBudget.maxTokens(model, config, prompt.length, req.maxTokens());
    SamplingParams params =
        new SamplingParams(
            maxTokens, req.temperature(), 0, req.topP(), 0, 1, req.seed(), req.stop(), false);
    GenerationRequest request = GenerationRequest.of(prompt, req.n(), params);
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    long created = System.currentTimeMillis() / 1000;
    if (req.stream()) {
      stream(ctx, req, request, id, created, prompt.length);
      return;
    }
    List<Generation> rows = runner.run(request);
    List<OpenAiWire.Choice> choices = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Generation g = rows.get(i);
      choices.add(
          new OpenAiWire.Choice(
              i, new OpenAiWire.Message("assistant", g.text()), null, finishReason(g)));
    }
    WireJson.respond(
        ctx,
        200,
        new OpenAiWire.ChatCompletion(
            id,
            "chat.completion",
            created,
            config.modelId(),
            choices,
            usage(prompt.length, rows),
            null));
  }

  private void stream(
      Context ctx,
      ChatRequest req,
      GenerationRequest request,
      String id,
      long created,
      int promptLen)
      throws IOException {
    // queue first: a full queue must still be able to answer 429 before any header is sent
    JobRunner.Streaming started = runner.startStreaming(request);
    SseStream sse = JobRunner.open(ctx, started);
    for (int i = 0; i < req.n(); i++) {
      sse.send(chunk(id, created, i, new OpenAiWire.Delta("assistant", ""), null));
    }
    List<Generation> rows;
    try {
      rows =
          runner.relay(
              started,
              sse,
              p ->
                  sse.send(
                      chunk(id, created, p.row(), new OpenAiWire.Delta(null, p.text()), null)));
    } catch (ApiException e) {
      sse.send(e.body());
      sse.done();
      return;
    }
    if (rows == null) {
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      sse.send(chunk(id, created, i, new OpenAiWire.Delta(null, null), finishReason(rows.get(i))));
    }
    if (req.includeUsage()) {
      sse.send(
          new OpenAiWire.ChatCompletionChunk(
              id,
              "chat.completion.chunk",
              created,
              config.modelId(),
              List.of(),
              usage(promptLen, rows)));
    }
    sse.done();
  }

  private OpenAiWire.ChatCompletionChunk chunk(
      String id, long created, int index, OpenAiWire.Delta delta, String finish) {
    return new OpenAiWire.ChatCompletionChunk(
        id,
        "chat.completion.chunk",
        created,
        config.modelId(),
        List.of(new OpenAiWire.ChunkChoice(index, delta, null, finish)),
        null);
  }

  static long[] promptIds(ServedModel model, ChatRequest req) {
    try {
      return model.promptIds(req.messages());
    } catch (BrandtuneException e) {
      throw ApiException.invalid(
          "messages", "The chat template rejected the messages: " + e.getMessage());
    }
  }

  /** OpenAI counts the prompt once however many choices share it. */
  static OpenAiWire.Usage usage(int promptLen, List<Generation> rows) {
    int completion = rows.stream().mapToInt(g -> g.tokenIds().length).sum();
    return new OpenAiWire.Usage(promptLen, completion, promptLen + completion);
  }

  static String finishReason(Generation g) {
    return g.finishReason().wireName();
  }
}
