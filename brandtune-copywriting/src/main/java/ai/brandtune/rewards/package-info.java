/**
 * Brand-rule reward functions for GRPO, built on the brand kit's checks: one function per rule
 * family ({@code brand_banned}, {@code brand_hype}, {@code brand_cta}, {@code brand_structure},
 * {@code brand_length}, {@code brand_facts}, {@code brand_meta}) so users weight them separately.
 * {@link ai.brandtune.rewards.BrandRewards#addTo} registers them with core's {@link
 * ai.brandtune.train.grpo.RewardRegistry}.
 */
package ai.brandtune.rewards;
