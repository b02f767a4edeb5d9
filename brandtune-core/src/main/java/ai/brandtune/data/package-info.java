/**
 * Training data: dataset records and their JSONL readers, and the SFT path from records to batches.
 *
 * <p>SFT data flows {@link ai.brandtune.data.SftDataset#read} (JSONL in {@code messages}, ShareGPT
 * {@code conversations}, alpaca or prompt/completion form, each line a {@link
 * ai.brandtune.data.ChatExample}; bad lines fail with {@code file:line} or are skipped and counted
 * under {@link ai.brandtune.data.BadRecordPolicy#SKIP}) to {@link ai.brandtune.data.SftEncoder}
 * (rendered with the model's own chat template, labels on exactly the assistant turns and their
 * end-of-turn tokens, truncated to {@code max_length}), then {@link ai.brandtune.data.BatchPlan} (a
 * seeded, resumable order of batches, padded or packed) and {@link ai.brandtune.data.SftCollator}
 * (the {@link ai.brandtune.data.SftBatch} a training step eats).
 *
 * <p>Preference data (reward model, DPO) flows {@link ai.brandtune.data.PreferenceDataset#read}
 * (TRL's preference JSONL, one or several rejected per prompt, each line a {@link
 * ai.brandtune.data.PreferenceExample}) to {@link ai.brandtune.data.PreferenceEncoder} (the same
 * chat-template spans as SFT: the completion mask covers each answer and its end-of-turn token;
 * prompt left-truncated to {@code max_prompt_length}, then completions to {@code max_length}) and
 * {@link ai.brandtune.data.PreferenceCollator} (chosen rows first, then every rejected, in one
 * right-padded {@link ai.brandtune.data.PreferenceBatch}). Public preference sets
 * (stack-exchange-paired, HelpSteer2) are read as preference examples by {@code
 * ai.brandtune.data.pairs}, over the streaming CSV/JSONL/Parquet readers of {@code
 * ai.brandtune.data.table}.
 */
package ai.brandtune.data;
