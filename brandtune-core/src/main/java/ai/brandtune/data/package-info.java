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
 */
package ai.brandtune.data;
