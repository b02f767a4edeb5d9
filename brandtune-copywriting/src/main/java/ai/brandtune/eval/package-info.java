/**
 * The eval run ({@code brandtune eval}): generate each configured model's copies for the validation
 * prompts ({@link ai.brandtune.eval.EvalRun}), score them with the configured judges, write results
 * (JSONL, CSV) and the report; and the judge-reliability check on the brand kit's preference eval
 * set ({@link ai.brandtune.eval.JudgeCheck}). Loading checkpoints is the caller's part ({@link
 * ai.brandtune.eval.ModelLoader}, implemented in the app next to its model loading), so this
 * package needs no device or tokenizer code of its own.
 */
package ai.brandtune.eval;
