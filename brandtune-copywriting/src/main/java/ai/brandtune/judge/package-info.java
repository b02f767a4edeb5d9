/**
 * Judges of marketing copy: the per-content-type-group rubrics ({@link ai.brandtune.judge.Rubric},
 * Chinese YAML resources), the LLM judge in absolute, comparative and reference-guided modes
 * ({@link ai.brandtune.judge.LlmJudge}), robust JSON extraction and schema validation of its
 * answers, the offline judges that need no API ({@link ai.brandtune.judge.OfflineJudges}: brand
 * rules, fact findings, reward model, chrF), and the measures that show a judge's own reliability
 * ({@link ai.brandtune.judge.JudgeReliability}).
 */
package ai.brandtune.judge;
