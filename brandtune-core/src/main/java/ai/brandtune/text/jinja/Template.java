package ai.brandtune.text.jinja;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Jinja template, rendered as Python jinja2 renders it inside transformers ({@code
 * ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)} with loop controls). Parse
 * once, render many times; instances are immutable and thread-safe.
 */
public final class Template {

  private final String name;
  private final List<Stmt> body;

  private Template(String name, List<Stmt> body) {
    this.name = name;
    this.body = body;
  }

  /**
   * Parses {@code source}; {@code name} says where it came from in error messages. Syntax errors
   * and constructs this engine does not support fail here with the line.
   */
  public static Template parse(String source, String name) {
    return new Template(name, new Parser(source, name).parse());
  }

  /**
   * Renders with {@code context} as template variables (String, Number, Boolean, List, Map or null,
   * nested freely); {@code clock} drives {@code strftime_now}.
   */
  public String render(Map<String, ?> context, Clock clock) {
    Map<String, Object> vars = new LinkedHashMap<>();
    context.forEach((k, v) -> vars.put(k, JavaValues.toPython(v, k)));
    return new Interpreter(name, clock).render(body, vars);
  }
}
