package ai.brandtune.synth;

import ai.brandtune.BrandtuneException;
import ai.brandtune.brand.BrandKit;
import ai.brandtune.brand.ContentType;
import ai.brandtune.brand.Product;
import ai.brandtune.brand.PromptBuilder;
import ai.brandtune.brand.check.BrandChecker;
import ai.brandtune.llm.LlmClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the synthesis stages share: the config, the brand kit with its prompt builder and checker,
 * the teacher prompts and, when a teacher is configured, one LLM client (one usage report, one
 * cache). Open it once for a run of several stages; {@link #close()} closes the client it opened.
 */
public final class SynthContext implements AutoCloseable {
  private final SynthConfig config;
  private final BrandKit kit;
  private final PromptBuilder prompts;
  private final BrandChecker checker;
  private final TeacherPrompts teacherPrompts;
  private final OfflineRules offlineRules;
  private final LlmClient teacher;
  private final boolean ownsTeacher;
  private volatile ItemListener listener = (stage, key) -> {};

  /** Called after each finished item is saved for resume (tests stop a run with it). */
  @FunctionalInterface
  interface ItemListener {
    void itemDone(String stage, String key);
  }

  private SynthContext(SynthConfig config, BrandKit kit, LlmClient teacher, boolean ownsTeacher) {
    this.config = config;
    this.kit = kit;
    this.prompts = new PromptBuilder(kit);
    this.checker = new BrandChecker(kit);
    Path promptsDir = config.promptsDir() == null ? null : Path.of(config.promptsDir());
    this.teacherPrompts = new TeacherPrompts(promptsDir);
    this.offlineRules = OfflineRules.load(promptsDir);
    this.teacher = teacher;
    this.ownsTeacher = ownsTeacher;
  }

  /** Loads the config's kit and opens its teacher (API key from the environment). */
  public static SynthContext open(SynthConfig config) {
    return open(config, System::getenv);
  }

  /** As {@link #open(SynthConfig)}, looking the API key up with {@code environment}. */
  public static SynthContext open(SynthConfig config, Function<String, String> environment) {
    BrandKit kit = config.loadKit();
    LlmClient teacher = config.hasTeacher() ? LlmClient.open(config.teacher(), environment) : null;
    return new SynthContext(config, kit, teacher, true);
  }

  /** A context over a loaded kit and a client the caller owns (null: offline). */
  public static SynthContext of(SynthConfig config, BrandKit kit, LlmClient teacher) {
    return new SynthContext(config, kit, teacher, false);
  }

  public SynthConfig config() {
    return config;
  }

  public BrandKit kit() {
    return kit;
  }

  public PromptBuilder prompts() {
    return prompts;
  }

  public BrandChecker checker() {
    return checker;
  }

  public TeacherPrompts teacherPrompts() {
    return teacherPrompts;
  }

  OfflineRules offlineRules() {
    return offlineRules;
  }

  /** The teacher client; empty when the run is offline. */
  public Optional<LlmClient> teacher() {
    return Optional.ofNullable(teacher);
  }

  /** The teacher's model name, or null offline. */
  String teacherModel() {
    return teacher == null ? null : teacher.config().model();
  }

  SynthContext onItemDone(ItemListener l) {
    this.listener = l;
    return this;
  }

  void itemDone(String stage, String key) {
    listener.itemDone(stage, key);
  }

  /** The config's products (catalog order), or all; unknown ids are errors naming the key. */
  List<Product> selectedProducts() {
    if (config.products().isEmpty()) {
      return kit.products();
    }
    List<Product> out = new ArrayList<>();
    for (Product p : kit.products()) {
      if (config.products().contains(p.id())) {
        out.add(p);
      }
    }
    for (String id : config.products()) {
      if (kit.product(id).isEmpty()) {
        throw new BrandtuneException(
            "products: unknown product id '" + id + "' in kit " + kit.source().name());
      }
    }
    return out;
  }

  /** The config's content types (file order), or all; unknown ids are errors naming the key. */
  List<ContentType> selectedContentTypes() {
    if (config.contentTypes().isEmpty()) {
      return kit.contentTypes();
    }
    List<ContentType> out = new ArrayList<>();
    for (ContentType t : kit.contentTypes()) {
      if (config.contentTypes().contains(t.id())) {
        out.add(t);
      }
    }
    for (String id : config.contentTypes()) {
      if (kit.contentType(id).isEmpty()) {
        throw new BrandtuneException(
            "content_types: unknown content type '"
                + id
                + "'; one of: "
                + String.join(", ", kit.contentTypes().stream().map(ContentType::id).toList()));
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (ownsTeacher && teacher != null) {
      teacher.close();
    }
  }
}
