/**
 * Brand-rule checks: {@link ai.brandtune.brand.check.BrandChecker} reads a copy for one product and
 * content type and returns {@link ai.brandtune.brand.check.Finding}s (rule, severity, message,
 * character span) and a score in [0, 1]. Rules: banned keywords (also obfuscated), encouraged
 * keywords, hype, anxiety and mystery words, format of the channel, meta-commentary and template
 * leftovers, length, and fact consistency with the product's catalog entry.
 */
package ai.brandtune.brand.check;
