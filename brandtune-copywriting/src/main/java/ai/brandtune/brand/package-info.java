/**
 * The brand kit: brand guide ({@code brand.yaml}), content types, product catalog and the
 * ingredient and effect dictionaries, loaded from a directory or the built-in resources ({@link
 * ai.brandtune.brand.BrandKit}); the {@link ai.brandtune.brand.PromptBuilder} that turns brand x
 * product x content type into chat messages; and the {@link ai.brandtune.brand.KitValidator} that
 * checks a kit and its corpora against each other. Brand-rule checks live in {@code brand.check},
 * corpus records in {@code brand.corpus}.
 */
package ai.brandtune.brand;
