/**
 * Text around the model: chat messages, the model's own chat template (rendered like transformers
 * does) and the tokenizer configuration that supplies its special tokens.
 */
package ai.brandtune.text;
