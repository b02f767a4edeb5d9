/**
 * General preference data for reward models (the WorldPM recipe): streaming readers of public
 * preference datasets that turn each row into a {@link ai.brandtune.data.PreferenceExample}, with
 * filters and counts of what each filter dropped.
 *
 * <ul>
 *   <li>{@link ai.brandtune.data.pairs.StackExchangePairs}: the stack-exchange-paired layout
 *       ({@code qid, question, response_j, response_k}, j preferred);
 *   <li>{@link ai.brandtune.data.pairs.HelpSteer2Pairs}: HelpSteer2's preference set ({@code
 *       prompt, response_1, response_2, preference_strength}, the sign picks the winner);
 * </ul>
 *
 * Both read CSV, JSONL or Parquet lazily ({@link ai.brandtune.data.table.TableReader}) and return a
 * {@link ai.brandtune.data.pairs.PreferencePairs}: an iterator (or stream) to close, whose {@link
 * ai.brandtune.data.pairs.FilterCounts} grow as it is read. {@link
 * ai.brandtune.data.pairs.PairFilters} holds the filters; {@link
 * ai.brandtune.data.pairs.MarkupCleaner} the markup cleanup.
 */
package ai.brandtune.data.pairs;
