package ai.brandtune.pipeline;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.KitFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code brandtune init DIR}: a new brand project to edit. The brand kit files start from the
 * built-in kit's (its voice, rules, content types and dictionaries are a worked example) with the
 * brand's name, no coverage requirements and two placeholder products; {@code project.yaml} lists
 * the pipeline's keys with their defaults, commented where they are optional. The result passes
 * {@code brandtune brand validate --kit DIR}, and {@code brandtune pipeline --config
 * DIR/project.yaml} runs on it.
 */
public final class ProjectScaffold {
  private static final String BUILT_IN = "/ai/brandtune/brand/default/";

  private ProjectScaffold() {}

  /**
   * Writes the project into {@code dir} (created; it must be absent or empty).
   *
   * @param brand the brand's name, written into brand.yaml
   * @return the files written, relative to {@code dir}
   */
  public static List<String> write(Path dir, String brand) {
    if (Files.exists(dir) && !isEmptyDirectory(dir)) {
      throw new BrandtuneException(
          dir + ": exists and is not empty; give a new directory to create the project in");
    }
    if (brand.isBlank() || brand.contains("\n")) {
      throw new BrandtuneException("--name: give the brand's name on one line");
    }
    List<String> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      write(dir, KitFiles.BRAND, brandYaml(brand), written);
      write(dir, KitFiles.PRODUCTS, PRODUCTS, written);
      for (String f : List.of(KitFiles.CONTENT_TYPES, KitFiles.INGREDIENTS, KitFiles.EFFECTS)) {
        write(
            dir,
            f,
            "# Copied from brandtune's built-in kit as a starting point: edit it for your brand\n"
                + "# (docs/brand-kit.md documents every field).\n"
                + builtIn(f),
            written);
      }
      write(dir, "project.yaml", projectYaml(dir.getFileName().toString()), written);
    } catch (IOException e) {
      throw new BrandtuneException("cannot write the project into " + dir + ": " + e, e);
    }
    return written;
  }

  private static boolean isEmptyDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void write(Path dir, String name, String text, List<String> written)
      throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    written.add(name);
  }

  static String builtIn(String file) {
    try (InputStream in = ProjectScaffold.class.getResourceAsStream(BUILT_IN + file)) {
      if (in == null) {
        throw new IllegalStateException("built-in kit file missing: " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The built-in guide with this brand's name and no coverage requirements. */
  static String brandYaml(String brand) {
    List<String> out = new ArrayList<>();
    out.add(
        "# Brand guide of "
            + brand
            + ": who the brand is, how it speaks, and the brand-rule checks.");
    out.add(
        "# Started from brandtune's built-in example brand: rewrite philosophy, persona,"
            + " principles,");
    out.add("# keywords and rules for your brand. docs/brand-kit.md documents every field;");
    out.add("# `brandtune brand validate --kit .` checks the kit.");
    boolean coverage = false;
    for (String line : builtIn(KitFiles.BRAND).split("\n", -1)) {
      if (line.startsWith("#") && out.size() <= 4 && !line.startsWith("# What")) {
        continue; // the built-in file's own header
      }
      if (line.startsWith("name:")) {
        out.add("name: " + quote(brand));
        continue;
      }
      if (line.startsWith("coverage:")) {
        coverage = true;
        out.add("# What `brand validate` requires of golden.jsonl and preference_eval.jsonl once");
        out.add("# you add them; 0 = nothing required yet.");
        out.add("coverage:");
        out.add("  min_products: 1");
        out.add("  min_golden_products: 0");
        out.add("  min_preference_records: 0");
        out.add("  min_preference_per_type: 0");
        continue;
      }
      if (coverage && line.startsWith("  ")) {
        continue;
      }
      coverage = false;
      out.add(line);
    }
    return String.join("\n", out);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static final String PRODUCTS =
      """
      # Product catalog: the facts copy may state. Replace these two placeholders with your products.
      # Ingredient names are canonical names from ingredients.yaml, effect names from effects.yaml;
      # concentrations are the only numbers copy may quote. docs/brand-kit.md documents every field.
      products:
        - id: SKU001
          name: 示例温和洁面乳
          category: cleanser
          ingredients:
            - name: 氨基酸表活
            - name: 甘油
              concentration: "5%"
          effects: [清洁, 保湿]
          skin_types: [所有肤质, 干皮]
          texture: 乳白色细腻膏体，加水揉搓后起绵密细泡，洗后不紧绷
          usage: 早晚使用。取黄豆大小于掌心，加水揉出泡沫后轻柔按摩面部约30秒，再用温水冲洗干净。
          cautions: [避免进入眼睛，如不慎入眼请用清水冲洗]
          free_from: [皂基, 香精]
          size: 120g

        - id: SKU002
          name: 示例保湿精华
          category: serum
          ingredients:
            - name: 透明质酸钠
              concentration: "1%"
            - name: 泛醇
              concentration: "2%"
          effects: [保湿]
          skin_types: [所有肤质]
          texture: 清透水润的啫喱质地，延展性好，吸收后不黏腻
          usage: 洁面后取2-3滴于掌心，轻按于全脸至吸收，早晚使用。
          cautions: [避开眼周]
          free_from: [酒精, 香精]
          size: 30ml
      """;

  static String projectYaml(String name) {
    String run = name.matches("[A-Za-z0-9._-]+") ? name : "my-brand";
    return """
        # brandtune project: `brandtune pipeline --config project.yaml` runs every stage in
        # runs/<name>/. docs/pipeline.md documents every key; commented keys show their defaults.
        name: %s
        kit: .                    # the brand kit: brand.yaml, products.yaml, ... in this directory

        # The model to post-train (an HF directory: config.json, *.safetensors, tokenizer.json).
        # Absent: brandtune's built-in tiny model, pretrained on your brand text (a CPU smoke run).
        # base_model: /models/Qwen2.5-0.5B-Instruct

        # The teacher that writes the training copies (any OpenAI-compatible API). Absent: offline,
        # copies come from the kit's golden.jsonl (add one, see docs/data.md) and rejects from rules.
        # teacher:
        #   base_url: https://your-llm-endpoint/v1
        #   model: your-teacher-model
        #   api_key_env: TEACHER_API_KEY    # the environment variable holding the key
        #   concurrency: 4

        # The judge of the evaluation (same keys as teacher). Absent: the offline judges only.
        # judge:
        #   base_url: https://your-llm-endpoint/v1
        #   model: your-judge-model
        #   api_key_env: JUDGE_API_KEY

        device: auto              # auto, cpu, cuda, cuda:N
        precision: fp32           # fp32, or bf16 on a GPU
        seed: 42

        # Each stage's own keys, as in its own command's config (docs/data.md, docs/training.md).
        data:
          val_ratio: 0.1          # share of products held out for validation
          # rejects_per_chosen: 1
        # sft:
        #   finetuning_type: lora   # lora (default with base_model) or full
        #   learning_rate: 1.0e-4
        #   num_train_epochs: 3
        #   max_length: 2048
        # rm:
        #   learning_rate: 1.0e-4
        #   num_train_epochs: 1
        """
        .formatted(run);
  }
}
