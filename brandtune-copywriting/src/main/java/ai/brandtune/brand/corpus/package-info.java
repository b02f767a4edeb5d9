/**
 * The brand kit's corpora: the golden corpus ({@code golden.jsonl}: prompt, reference completion)
 * and the preference evaluation set ({@code preference_eval.jsonl}: prompt, chosen, rejected),
 * their JSONL readers and writers, the tool that assembles drafts and fills in prompts, and the
 * measurement of how well the checker's score ranks chosen above rejected.
 */
package ai.brandtune.brand.corpus;
