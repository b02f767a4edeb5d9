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
 *
 * <p>{@link ai.brandtune.synth.SplitStage} splits by product ({@link
 * ai.brandtune.synth.ProductSplit}, {@code split.json}); {@link ai.brandtune.synth.ExportStage}
 * writes SFT, preference and GRPO JSONL, LLaMA-Factory's {@code dataset_info.json} and verl Parquet
 * ({@link ai.brandtune.synth.VerlParquet}) under {@code export/}; {@link
 * ai.brandtune.synth.ValidateStage} reports every problem as {@code file:line}; {@link
 * ai.brandtune.synth.StatsStage} tabulates per content type. {@link ai.brandtune.synth.DataBuild}
 * runs all stages in order and skips those whose inputs are unchanged ({@link
 * ai.brandtune.synth.BuildManifest}, {@code manifest.json}); {@link ai.brandtune.synth.DataDir}
 * names the files of a run directory.
 */
package ai.brandtune.synth;
