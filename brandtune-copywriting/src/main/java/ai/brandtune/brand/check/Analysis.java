package ai.brandtune.brand.check;

import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import java.util.List;

/**
 * One copy prepared once for all rules: folded and compacted views, where the product's own name
 * occurs (folded ranges), the ingredient and effect mentions and the percentages.
 */
record Analysis(
    String text,
    FoldedText folded,
    FoldedText compact,
    Product product,
    ContentType type,
    List<int[]> ownName,
    List<Mention> ingredients,
    List<Mention> effects,
    List<PercentExpr> percents) {}
