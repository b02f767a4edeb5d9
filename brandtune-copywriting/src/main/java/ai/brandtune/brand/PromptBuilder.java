package ai.brandtune.brand;

import ai.brandtune.text.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the chat prompt for brand x product x content type: a system message with the brand's
 * persona, philosophy, principles, vocabulary and rules, and a user message with the task, its
 * format and length, and the product's catalog facts. The same builder serves training data,
 * evaluation, GRPO prompts and the web studio, so a model sees one prompt shape everywhere.
 *
 * <p>Deterministic: the output depends only on the kit's files (lists keep file order; no dates, no
 * maps). The golden corpus stores these prompts and {@code brand validate} checks they match.
 */
public final class PromptBuilder {
  private final BrandKit kit;

  public PromptBuilder(BrandKit kit) {
    this.kit = kit;
  }

  /** [system, user] for a product and content type, both by id (user errors if unknown). */
  public List<ChatMessage> build(String productId, String contentTypeId) {
    return build(kit.requireProduct(productId), kit.requireContentType(contentTypeId), null);
  }

  /**
   * [system, user]. {@code extraInstructions} (may be null or blank) is appended to the user
   * message as 补充要求, for one-off wishes such as a season or an audience.
   */
  public List<ChatMessage> build(Product product, ContentType type, String extraInstructions) {
    return List.of(
        ChatMessage.system(systemMessage()),
        ChatMessage.user(userMessage(product, type, extraInstructions)));
  }

  /** The system message: the same for every product and content type of the brand. */
  public String systemMessage() {
    Brand b = kit.brand();
    BrandRules r = b.rules();
    StringBuilder s = new StringBuilder();
    s.append("你是品牌「").append(b.name()).append("」的文案撰稿人。\n");
    s.append("品牌人格：").append(b.persona()).append('\n');
    s.append("品牌理念：").append(b.philosophy()).append("\n\n");
    s.append("沟通要点：\n");
    for (Brand.Principle p : b.principles()) {
      s.append("- ").append(p.name()).append("：").append(p.description()).append('\n');
    }
    s.append('\n');
    s.append("鼓励使用的词");
    if (r.minEncouragedKeywords() > 0) {
      s.append("（自然融入，每篇至少").append(r.minEncouragedKeywords()).append("个）");
    }
    s.append("：").append(String.join("、", b.encouragedKeywords())).append('\n');
    s.append("坚决避免的词（拆开写、夹符号也不行）：").append(String.join("、", b.bannedKeywords())).append("\n\n");
    List<String> rules = new ArrayList<>();
    if (r.maxExclamationMarks() == 0) {
      rules.add("不使用感叹号，语气冷静克制。");
    } else if (r.maxExclamationMarks() < Integer.MAX_VALUE) {
      rules.add("感叹号最多" + r.maxExclamationMarks() + "个，语气冷静克制。");
    }
    if (!r.absoluteTerms().isEmpty()) {
      rules.add("不使用绝对化用语：" + String.join("、", r.absoluteTerms()) + "。");
    }
    if (!r.hypeTerms().isEmpty()) {
      rules.add("不用夸张的网络用语：" + String.join("、", r.hypeTerms()) + "。");
    }
    if (!r.anxietyTerms().isEmpty()) {
      rules.add("不贩卖焦虑，不写：" + String.join("、", r.anxietyTerms()) + "。");
    }
    if (!r.mysteryTerms().isEmpty()) {
      rules.add("不用神秘、模糊的词：" + String.join("、", r.mysteryTerms()) + "。");
    }
    rules.addAll(b.writingRules());
    if (!rules.isEmpty()) {
      s.append("写作规则：\n");
      for (int i = 0; i < rules.size(); i++) {
        s.append(i + 1).append(". ").append(rules.get(i)).append('\n');
      }
    }
    return s.toString().stripTrailing();
  }

  /** The user message: task, form, length and the product's facts. */
  public String userMessage(Product product, ContentType type, String extraInstructions) {
    StringBuilder s = new StringBuilder();
    s.append("内容类型：").append(type.name()).append('\n');
    s.append("任务：").append(type.task()).append('\n');
    s.append("格式：").append(type.format()).append('\n');
    if (!type.structure().isEmpty()) {
      s.append("结构：\n");
      for (ContentType.StructureElement e : type.structure()) {
        s.append("- ").append(e.name()).append("：").append(e.description()).append('\n');
      }
    }
    s.append("长度：")
        .append(type.length().min())
        .append("-")
        .append(type.length().max())
        .append("字（不计空白字符）。\n");
    s.append("渠道说明：").append(type.channelNotes()).append("\n\n");
    s.append("产品资料：\n");
    s.append("- 产品名称：").append(product.name()).append('\n');
    String category =
        kit.brand()
            .category(product.category())
            .map(Brand.Category::name)
            .orElse(product.category());
    s.append("- 品类：").append(category).append('\n');
    List<String> ingredients = new ArrayList<>();
    for (Product.ProductIngredient i : product.ingredients()) {
      ingredients.add(
          i.concentration() == null ? i.name() : i.name() + "（" + i.concentration() + "）");
    }
    s.append("- 核心成分：").append(String.join("、", ingredients)).append('\n');
    s.append("- 功效：").append(String.join("、", product.effects())).append('\n');
    s.append("- 适用肤质：").append(String.join("、", product.skinTypes())).append('\n');
    s.append("- 质地：").append(product.texture()).append('\n');
    s.append("- 用法：").append(product.usage()).append('\n');
    if (!product.cautions().isEmpty()) {
      s.append("- 注意事项：").append(String.join("；", product.cautions())).append('\n');
    }
    if (!product.freeFrom().isEmpty()) {
      s.append("- 不含：").append(String.join("、", product.freeFrom())).append('\n');
    }
    s.append("- 规格：").append(product.size()).append('\n');
    if (product.spf() != null || product.pa() != null) {
      List<String> sun = new ArrayList<>();
      if (product.spf() != null) {
        sun.add("SPF" + product.spf());
      }
      if (product.pa() != null) {
        sun.add(product.pa());
      }
      s.append("- 防晒指数：").append(String.join(" ", sun)).append('\n');
    }
    if (extraInstructions != null && !extraInstructions.isBlank()) {
      s.append('\n').append("补充要求：").append(extraInstructions.strip()).append('\n');
    }
    return s.toString().stripTrailing();
  }
}
