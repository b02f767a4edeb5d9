package ai.brandtune.synth;

import ai.brandtune.brand.Brand;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.check.CheckResult;
import ai.brandtune.brand.check.Finding;
import ai.brandtune.brand.check.Severity;
import ai.brandtune.text.ChatMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The placeholder values teacher prompt files may use (listed in docs/data.md). */
final class PromptValues {
  private PromptValues() {}

  static Map<String, String> of(SynthContext ctx, Product product, ContentType type) {
    List<ChatMessage> prompt = ctx.prompts().build(product, type, null);
    Brand b = ctx.kit().brand();
    String user = prompt.get(1).content();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("system", prompt.get(0).content());
    v.put("user", user);
    v.put("brand_name", b.name());
    v.put("persona", b.persona());
    v.put("product_name", product.name());
    v.put("type_name", type.name());
    v.put("product_facts", facts(user));
    v.put("length_min", Integer.toString(type.length().min()));
    v.put("length_max", Integer.toString(type.length().max()));
    v.put("encouraged_keywords", String.join("、", b.encouragedKeywords()));
    v.put("banned_keywords", String.join("、", b.bannedKeywords()));
    v.put("hype_terms", String.join("、", b.rules().hypeTerms()));
    v.put("absolute_terms", String.join("、", b.rules().absoluteTerms()));
    v.put("anxiety_terms", String.join("、", b.rules().anxietyTerms()));
    v.put("cta_phrases", String.join("、", b.rules().ctaPhrases()));
    return v;
  }

  /** The catalog part of the prompt builder's user message (after 产品资料：). */
  static String facts(String userMessage) {
    int at = userMessage.indexOf("产品资料：\n");
    String s = at < 0 ? userMessage : userMessage.substring(at + "产品资料：\n".length());
    int extra = s.indexOf("\n\n补充要求：");
    return (extra < 0 ? s : s.substring(0, extra)).strip();
  }

  /** The checker's errors and warnings as a list for a prompt. */
  static String problems(CheckResult r) {
    StringBuilder s = new StringBuilder();
    for (Finding f : r.findings()) {
      if (f.severity() == Severity.INFO) {
        continue;
      }
      s.append("- ").append(f.message());
      if (!f.evidence().isEmpty()) {
        s.append("（“").append(f.evidence()).append("”）");
      }
      s.append('\n');
    }
    return s.isEmpty() ? "- 无" : s.toString().stripTrailing();
  }
}
