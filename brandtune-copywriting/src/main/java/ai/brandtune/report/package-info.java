/**
 * Evaluation results and the reports made from them: the results model ({@link
 * ai.brandtune.report.ResultRow}, one row per prompt x model x judge, as JSONL and CSV), the
 * statistics ({@link ai.brandtune.report.ReportStats}: means, best-model counts, pairwise win rates
 * with seeded bootstrap intervals, violation rates, length statistics, the prompts where models
 * differ most; {@link ai.brandtune.report.RunDiff} between two runs), and the Markdown + HTML
 * report with XChart PNG charts ({@link ai.brandtune.report.ReportWriter}).
 */
package ai.brandtune.report;
