/**
 * Data synthesis: the stages that turn a brand kit (and optionally a teacher LLM) into training
 * data.
 *
 * <p>{@code generate} writes a copy for every product and content type ({@code generated.jsonl}),
 * {@code clean} fixes and filters them ({@code cleaned.jsonl}, {@code clean_excluded.jsonl}),
 * {@code rejects} adds rejected variants for preference training ({@code preferences.jsonl});
 * {@code split}, {@code export}, {@code validate} and {@code stats} make the files trainers read.
 * Every stage reads and writes plain JSONL ({@link ai.brandtune.synth.SynthFiles}) with provenance
 * in {@code meta}, is configured by one {@link ai.brandtune.synth.SynthConfig} ({@code data.yaml})
 * and returns a {@link ai.brandtune.synth.StageSummary} of counts by outcome.
 */
package ai.brandtune.synth;
