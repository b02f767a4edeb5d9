/**
 * {@code brandtune pipeline}: the stages from brand kit to report (data, pretrain for the built-in
 * tiny model, sft, rm, then the stages registered after them), each in its own directory of {@code
 * runs/<name>/} with a {@code config.yaml} and a {@code manifest.json}; the runner skips a stage
 * whose config, inputs and outputs are unchanged, reruns a changed stage with every later one, and
 * resumes an interrupted stage from its checkpoint. {@link ai.brandtune.pipeline.Stage} is the one
 * interface a stage implements; {@link ai.brandtune.pipeline.PipelineStages} lists them in order.
 */
package ai.brandtune.pipeline;
