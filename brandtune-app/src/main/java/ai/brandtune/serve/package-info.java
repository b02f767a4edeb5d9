/**
 * {@code brandtune serve}: an OpenAI-compatible HTTP API ({@code /v1/chat/completions}, {@code
 * /v1/models}) and the web copy studio ({@code /} and its {@code /api} endpoints), on Javalin.
 * Request and response bodies are snake_case wire records kept apart from the core types. All
 * tensor work runs on one model thread ({@link ai.brandtune.serve.ModelWorker}) that batches queued
 * requests into shared decode steps; HTTP threads only parse, validate, wait and write.
 */
package ai.brandtune.serve;
