package ai.brandtune.text.jinja;

import java.util.function.Function;

/** A named Java function callable from templates (globals and bound methods). */
record Builtin(String name, Function<Args, Object> body) implements PyCallable {

  @Override
  public Object call(Args args) {
    return body.apply(args);
  }
}
