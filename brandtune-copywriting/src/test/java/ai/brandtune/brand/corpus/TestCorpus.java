package ai.brandtune.brand.corpus;

/** Hand-written copies for the test brand 山野手记 that pass its rules. */
final class TestCorpus {
  static final String T01_AD = "换季时脸颊总是发干泛红？积雪草舒缓面霜含1%积雪草提取物和0.5%神经酰胺，温和舒缓。点击了解。";

  static final String T02_NOTE =
      "标题：油皮的日常洁面笔记\n\n"
          + "夏天出油多，我试过不少洁面，烟酰胺控油洁面是留下来的那一支。\n\n"
          + "它含2%烟酰胺，泡沫细腻，洗完不紧绷。取适量加水揉出泡沫，按摩后冲净就好，不含皂基，日常用着很温和。\n\n"
          + "#洁面 #油皮";

  static final String T03_AD = "出门总怕晒？清透防晒乳SPF30 PA+++，轻薄乳液，日常通勤很温和。点击了解。";

  static final String T03_AD_FABRICATED = "出门总怕晒？清透防晒乳SPF50 PA+++，轻薄乳液，日常通勤很温和。点击了解。";

  static String golden(String product, String type, String completion) {
    return "{\"meta\":{\"product_id\":\""
        + product
        + "\",\"content_type\":\""
        + type
        + "\"},\"completion\":\""
        + completion.replace("\n", "\\n")
        + "\"}\n";
  }

  static String preference(
      String product, String type, String chosen, String rejected, String kind, String fact) {
    return "{\"meta\":{\"product_id\":\""
        + product
        + "\",\"content_type\":\""
        + type
        + "\"},\"chosen\":\""
        + chosen.replace("\n", "\\n")
        + "\",\"rejected\":\""
        + rejected.replace("\n", "\\n")
        + "\",\"rejected_type\":\""
        + kind
        + "\""
        + (fact == null ? "" : ",\"fabricated_facts\":[\"" + fact + "\"]")
        + "}\n";
  }

  private TestCorpus() {}
}
