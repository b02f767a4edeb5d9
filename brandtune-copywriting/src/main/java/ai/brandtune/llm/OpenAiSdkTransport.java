package ai.brandtune.llm;

import ai.brandtune.BrandtuneException;
import ai.brandtune.text.ChatMessage;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.LogLevel;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP transport: the official OpenAI Java SDK, configured for any OpenAI-compatible server.
 * Its own retries are off (brandtune's {@link RetryPolicy} retries, with configurable backoff and
 * logging), its stderr logging and telemetry headers are off, and its exceptions are turned into
 * {@link TransportException}s from redacted text only.
 */
final class OpenAiSdkTransport implements ChatTransport {
  /** Sent as the bearer token to servers that need no key; the SDK insists on one. */
  static final String NO_KEY = "no-key";

  private static final int DETAIL_CHARS = 300;

  private final OpenAIClient client;
  private final String endpoint;
  private final double timeoutSeconds;
  private final String apiKeyEnv;
  private final SecretRedactor redactor;

  OpenAiSdkTransport(LlmConfig config, String apiKey, SecretRedactor redactor) {
    this.endpoint = "POST " + config.endpoint();
    this.timeoutSeconds = config.timeout();
    this.apiKeyEnv = config.apiKeyEnv();
    this.redactor = redactor;
    this.client =
        OpenAIOkHttpClient.builder()
            .baseUrl(config.baseUrl())
            .apiKey(apiKey == null ? NO_KEY : apiKey)
            .maxRetries(0)
            .timeout(config.timeoutDuration())
            .logLevel(LogLevel.OFF)
            .disableTelemetry(true)
            .build();
  }

  @Override
  public ChatResponse send(ResolvedRequest request) throws TransportException {
    ChatCompletion completion;
    try {
      completion = client.chat().completions().create(params(request));
    } catch (OpenAIServiceException e) {
      throw serviceError(e);
    } catch (OpenAIIoException e) {
      throw ioError(e);
    } catch (OpenAIInvalidDataException e) {
      throw new TransportException(
          LlmFailure.Kind.INVALID_RESPONSE,
          endpoint + " returned an answer that is not a chat completion: " + detail(e));
    } catch (OpenAIException e) {
      // anything else the SDK reports fails this attempt, never the whole batch
      throw new TransportException(
          LlmFailure.Kind.INVALID_RESPONSE,
          endpoint + " failed: " + e.getClass().getSimpleName() + ": " + detail(e));
    }
    try {
      return response(completion, request.model());
    } catch (OpenAIInvalidDataException e) {
      throw new TransportException(
          LlmFailure.Kind.INVALID_RESPONSE,
          endpoint + " returned an incomplete chat completion: " + detail(e));
    }
  }

  private static ChatCompletionCreateParams params(ResolvedRequest r) {
    ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(r.model());
    for (ChatMessage m : r.messages()) {
      String content = m.content() == null ? "" : m.content();
      switch (m.role()) {
        case "system" -> b.addSystemMessage(content);
        case "user" -> b.addUserMessage(content);
        case "assistant" ->
            b.addMessage(ChatCompletionAssistantMessageParam.builder().content(content).build());
        default ->
            throw new BrandtuneException(
                "chat message role '" + m.role() + "' is not system, user or assistant");
      }
    }
    if (r.temperature() != null) {
      b.temperature(r.temperature());
    }
    if (r.topP() != null) {
      b.topP(r.topP());
    }
    if (r.maxTokens() != null) {
      // max_tokens, not max_completion_tokens: the name every compatible server reads
      b.putAdditionalBodyProperty("max_tokens", JsonValue.from(r.maxTokens()));
    }
    if (r.seed() != null) {
      // OpenAI deprecated seed, but vLLM, DeepSeek-compatible and Ollama servers still honour it
      b.putAdditionalBodyProperty("seed", JsonValue.from(r.seed()));
    }
    if (r.jsonMode()) {
      b.responseFormat(ResponseFormatJsonObject.builder().build());
    }
    if (r.topLogprobs() != null) {
      b.logprobs(true).topLogprobs(r.topLogprobs().longValue());
    }
    return b.build();
  }

  private ChatResponse response(ChatCompletion completion, String requestedModel)
      throws TransportException {
    List<ChatCompletion.Choice> choices = completion.choices();
    if (choices.isEmpty()) {
      throw new TransportException(
          LlmFailure.Kind.INVALID_RESPONSE, endpoint + " returned a completion with no choices");
    }
    ChatCompletion.Choice choice = choices.get(0);
    String content = choice.message().content().orElse("");
    String finishReason =
        choice._finishReason().isMissing() || choice._finishReason().isNull()
            ? null
            : choice.finishReason().asString();
    String model = completion._model().asString().orElse(requestedModel);
    TokenUsage usage =
        completion
            .usage()
            .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens()))
            .orElse(TokenUsage.NONE);
    List<TokenLogprob> logprobs =
        choice
            .logprobs()
            .flatMap(ChatCompletion.Choice.Logprobs::content)
            .map(tokens -> tokens.stream().map(OpenAiSdkTransport::logprob).toList())
            .orElse(List.of());
    return new ChatResponse(content, finishReason, model, usage, logprobs);
  }

  private static TokenLogprob logprob(ChatCompletionTokenLogprob t) {
    return new TokenLogprob(
        t.token(),
        t.logprob(),
        t.topLogprobs().stream()
            .map(a -> new TokenLogprob.Alternative(a.token(), a.logprob()))
            .toList());
  }

  private TransportException serviceError(OpenAIServiceException e) {
    int status = e.statusCode();
    boolean retryable = RetryPolicy.retryableStatus(status);
    String hint =
        (status == 401 || status == 403) && apiKeyEnv != null
            ? " (check the key in the environment variable " + apiKeyEnv + ")"
            : status == 401 ? " (the server wants a key: set api_key_env)" : "";
    String message = endpoint + " returned HTTP " + status + hint + ": " + detail(e);
    return new TransportException(
        retryable ? LlmFailure.Kind.HTTP_STATUS : LlmFailure.Kind.REJECTED,
        status,
        e.headers().values("Retry-After").stream().findFirst().orElse(null),
        e.headers().values("Retry-After-Ms").stream().findFirst().orElse(null),
        message);
  }

  private TransportException ioError(OpenAIIoException e) {
    if (Thread.currentThread().isInterrupted()) {
      return new TransportException(LlmFailure.Kind.INTERRUPTED, endpoint + " was interrupted");
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedIOException) {
        return new TransportException(
            LlmFailure.Kind.TIMEOUT,
            String.format(Locale.ROOT, "%s timed out after %.1f s", endpoint, timeoutSeconds));
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new TransportException(
        LlmFailure.Kind.CONNECTION,
        endpoint + " failed: " + root.getClass().getSimpleName() + ": " + detail(root));
  }

  /** The first characters of an error's text, with any "NNN: " status prefix and the key gone. */
  private String detail(Throwable t) {
    String text = t.getMessage() == null ? "" : t.getMessage();
    text = text.replaceFirst("^\\d{3}: ", "").replaceAll("\\s+", " ").trim();
    text = redactor.redact(text);
    return text.length() > DETAIL_CHARS ? text.substring(0, DETAIL_CHARS) + "..." : text;
  }

  @Override
  public void close() {
    client.close();
  }
}
