package ai.brandtune.cli;

import ai.brandtune.brand.Brand;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brandtune brand show}: the brand guide, content types and catalog at a glance. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show the brand guide, the content types and the product catalog (in Chinese).")
final class BrandShowCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin KitOptions kit;

  @Option(names = "--products", description = "List every product with its id and category.")
  boolean products;

  @Override
  public Integer call() {
    BrandKit k = kit.load();
    PrintWriter out = spec.commandLine().getOut();
    Brand b = k.brand();
    out.println("品牌：" + b.name() + "（" + k.source().name() + "）");
    out.println("理念：" + b.philosophy());
    out.println("人格：" + b.persona());
    out.println("沟通要点：");
    for (Brand.Principle p : b.principles()) {
      out.println("  - " + p.name() + "：" + p.description());
    }
    out.println("鼓励使用：" + String.join("、", b.encouragedKeywords()));
    out.println("坚决避免：" + String.join("、", b.bannedKeywords()));
    out.println();
    out.println("内容类型（" + k.contentTypes().size() + "）：");
    for (ContentType t : k.contentTypes()) {
      out.println("  " + t.id() + "  " + t.name() + "  " + t.length() + "字");
    }
    out.println();
    Map<String, Integer> perCategory = new LinkedHashMap<>();
    for (Brand.Category c : b.categories()) {
      perCategory.put(c.name(), 0);
    }
    for (Product p : k.products()) {
      String name = b.category(p.category()).map(Brand.Category::name).orElse(p.category());
      perCategory.merge(name, 1, Integer::sum);
    }
    StringBuilder cats = new StringBuilder();
    perCategory.forEach((c, n) -> cats.append(cats.length() == 0 ? "" : "，").append(c).append(n));
    out.println("产品（" + k.products().size() + "）：" + cats);
    out.println("词典：成分" + k.ingredients().size() + "个，功效" + k.effects().size() + "个");
    if (products) {
      for (Product p : k.products()) {
        String cat = b.category(p.category()).map(Brand.Category::name).orElse(p.category());
        out.println("  " + p.id() + "  " + p.name() + "  " + cat);
      }
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }
}
