package ai.brandtune.text.jinja;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code {% macro %}} bound to the scope it was defined in (jinja2 resolves a macro's free names
 * there, live, not in the caller's scope). Calling it renders the body to a string.
 */
final class MacroValue implements PyCallable {

  private final Stmt.Macro definition;
  private final Frame closure;
  private final Interpreter interpreter;
  private final boolean catchesVarargs;
  private final boolean catchesKwargs;

  MacroValue(Stmt.Macro definition, Frame closure, Interpreter interpreter) {
    this.definition = definition;
    this.closure = closure;
    this.interpreter = interpreter;
    this.catchesVarargs = References.uses(definition.body(), "varargs");
    this.catchesKwargs = References.uses(definition.body(), "kwargs");
  }

  @Override
  public Object call(Args args) {
    List<String> params = definition.params();
    String name = definition.name();
    Frame frame = new Frame(closure);
    List<Object> positional = args.positional();
    if (positional.size() > params.size() && !catchesVarargs) {
      throw PyException.typeError(
          "macro '" + name + "' takes not more than " + params.size() + " argument(s)");
    }
    Map<String, Object> extraKwargs = new LinkedHashMap<>();
    Map<String, Object> named = new LinkedHashMap<>();
    for (Map.Entry<String, Object> kw : args.keywords().entrySet()) {
      int at = params.indexOf(kw.getKey());
      if (at < 0) {
        if (!catchesKwargs) {
          throw PyException.typeError(
              "macro '" + name + "' takes no keyword argument '" + kw.getKey() + "'");
        }
        extraKwargs.put(kw.getKey(), kw.getValue());
      } else if (at < positional.size()) {
        throw PyException.typeError(
            "macro '" + name + "' got multiple values for argument '" + kw.getKey() + "'");
      } else {
        named.put(kw.getKey(), kw.getValue());
      }
    }
    int firstDefault = params.size() - definition.defaults().size();
    for (int i = 0; i < params.size(); i++) {
      String param = params.get(i);
      Object value;
      if (i < positional.size()) {
        value = positional.get(i);
      } else if (named.containsKey(param)) {
        value = named.get(param);
      } else if (i >= firstDefault) {
        value = interpreter.eval(definition.defaults().get(i - firstDefault), frame);
      } else {
        value = Undefined.hint("parameter '" + param + "' was not provided");
      }
      frame.set(param, value);
    }
    if (catchesVarargs) {
      List<Object> rest =
          positional.size() > params.size()
              ? positional.subList(params.size(), positional.size())
              : new ArrayList<>();
      frame.set("varargs", new PyTuple(rest));
    }
    // {% call %} blocks are not supported, so a macro is never given a caller.
    frame.set("caller", Undefined.hint("No caller defined"));
    if (catchesKwargs) {
      frame.set("kwargs", new LinkedHashMap<Object, Object>(extraKwargs));
    }
    return interpreter.renderMacroBody(definition, frame);
  }

  @Override
  public String toString() {
    return "<Macro '" + definition.name() + "'>";
  }
}
