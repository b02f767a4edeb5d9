/**
 * The brand kit: brand guide ({@code brand.yaml}), content types, product catalog and the
 * ingredient and effect dictionaries, loaded from a directory or the built-in resources ({@link
 * ai.brandtune.brand.BrandKit}), with every file problem located by file, line, column and field;
 * and the {@link ai.brandtune.brand.PromptBuilder} that turns brand x product x content type into
 * chat messages. Brand-rule checks live in {@code brand.check}; the corpora, the prompt filler and
 * the kit validator in {@code brand.corpus}. See docs/brand-kit.md.
 */
package ai.brandtune.brand;
