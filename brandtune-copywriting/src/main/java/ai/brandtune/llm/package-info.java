/**
 * The client for OpenAI-compatible chat-completions APIs (DeepSeek, DashScope compatible mode,
 * vLLM, Ollama, brandtune's own server) that the data-synthesis teacher and the LLM judge share.
 *
 * <p>{@link ai.brandtune.llm.LlmClient} sends one {@link ai.brandtune.llm.ChatRequest} or a batch
 * of them with bounded concurrency, retries rate limits, server errors and timeouts with
 * exponential backoff that honours {@code Retry-After}, gives up on an item after {@code
 * max_attempts} and records it as a failed {@link ai.brandtune.llm.ChatResult} while the batch goes
 * on, caches every answer on disk keyed by a hash of the full request (a rerun or a resumed run
 * never pays twice) and counts tokens and estimated cost per model. The HTTP transport is the
 * official OpenAI Java SDK with its own retries turned off, so that retry timing, logging and
 * give-up are brandtune's. The API key is read from the environment variable that {@link
 * ai.brandtune.llm.LlmConfig#apiKeyEnv()} names, and never appears in logs, messages, config
 * strings, cache files or cache keys.
 */
package ai.brandtune.llm;
