package ai.brandtune.brand.check;

/**
 * A dictionary term found in a copy: the canonical entry it names, where it is in the folded text
 * and in the original, and the original words.
 */
record Mention(String canonical, int foldedStart, int foldedEnd, int start, int end, String text) {}
