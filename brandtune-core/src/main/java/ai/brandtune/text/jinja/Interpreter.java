package ai.brandtune.text.jinja;

import ai.brandtune.text.jinja.Stmt.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the AST and writes output. Scoping follows jinja2: each for-loop iteration, macro call,
 * with block and {@code generation} body gets a fresh scope; if blocks share their parent's. A
 * Python-level error becomes a {@code BrandtuneException} naming the line of the innermost node.
 */
final class Interpreter {

  private static final int MAX_MACRO_DEPTH = 100;

  private enum Flow {
    NORMAL,
    BREAK,
    CONTINUE
  }

  private final String templateName;
  private final Clock clock;
  private int macroDepth;

  Interpreter(String templateName, Clock clock) {
    this.templateName = templateName;
    this.clock = clock;
  }

  String render(List<Stmt> body, Map<String, Object> context) {
    Frame globals = new Frame(null);
    Globals.install(globals, clock);
    Frame top = new Frame(globals);
    context.forEach(top::set);
    StringBuilder out = new StringBuilder();
    exec(body, top, out);
    return out.toString();
  }

  String renderMacroBody(Stmt.Macro macro, Frame frame) {
    if (macroDepth >= MAX_MACRO_DEPTH) {
      throw new PyException("RecursionError", "macro '" + macro.name() + "' nests too deeply");
    }
    macroDepth++;
    try {
      StringBuilder out = new StringBuilder();
      exec(macro.body(), frame, out);
      return out.toString();
    } finally {
      macroDepth--;
    }
  }

  // ---- statements ----

  private Flow exec(List<Stmt> body, Frame frame, StringBuilder out) {
    for (Stmt s : body) {
      Flow flow = execOne(s, frame, out);
      if (flow != Flow.NORMAL) {
        return flow;
      }
    }
    return Flow.NORMAL;
  }

  private Flow execOne(Stmt s, Frame frame, StringBuilder out) {
    try {
      if (s instanceof Stmt.Text t) {
        out.append(t.text());
      } else if (s instanceof Stmt.Print p) {
        out.append(PyObjects.str(eval(p.value(), frame)));
      } else if (s instanceof Stmt.If i) {
        return execIf(i, frame, out);
      } else if (s instanceof Stmt.For f) {
        execFor(f, frame, out);
      } else if (s instanceof Stmt.Set set) {
        assign(set.target(), eval(set.value(), frame), frame);
      } else if (s instanceof Stmt.SetBlock sb) {
        assign(sb.target(), renderBlock(sb.body(), sb.filter(), frame), frame);
      } else if (s instanceof Stmt.Macro m) {
        frame.set(m.name(), new MacroValue(m, frame, this));
      } else if (s instanceof Stmt.FilterBlock fb) {
        out.append(PyObjects.str(renderBlock(fb.body(), fb.filter(), frame)));
      } else if (s instanceof Stmt.With w) {
        Frame inner = new Frame(frame);
        List<Object> values = new ArrayList<>();
        for (Expr v : w.values()) {
          values.add(eval(v, frame));
        }
        for (int k = 0; k < values.size(); k++) {
          assign(w.targets().get(k), values.get(k), inner);
        }
        return exec(w.body(), inner, out);
      } else if (s instanceof Stmt.Generation g) {
        exec(g.body(), new Frame(frame), out);
      } else if (s instanceof Stmt.Break) {
        return Flow.BREAK;
      } else if (s instanceof Stmt.Continue) {
        return Flow.CONTINUE;
      }
      return Flow.NORMAL;
    } catch (PyException e) {
      throw TemplateErrors.render(templateName, s.line(), e);
    }
  }

  private Flow execIf(Stmt.If node, Frame frame, StringBuilder out) {
    for (Stmt.Branch b : node.branches()) {
      if (PyObjects.truthy(eval(b.test(), frame))) {
        return exec(b.body(), frame, out);
      }
    }
    return exec(node.otherwise(), frame, out);
  }

  private void execFor(Stmt.For node, Frame frame, StringBuilder out) {
    List<Object> items = PyObjects.iterate(eval(node.iterable(), frame));
    if (node.filter() != null) {
      List<Object> kept = new ArrayList<>();
      for (Object item : items) {
        Frame probe = new Frame(frame);
        assign(node.target(), item, probe);
        if (PyObjects.truthy(eval(node.filter(), probe))) {
          kept.add(item);
        }
      }
      items = kept;
    }
    if (items.isEmpty()) {
      exec(node.otherwise(), new Frame(frame), out);
      return;
    }
    LoopInfo loop = new LoopInfo(items);
    for (int i = 0; i < items.size(); i++) {
      loop.moveTo(i);
      Frame iteration = new Frame(frame);
      iteration.set("loop", loop);
      assign(node.target(), items.get(i), iteration);
      if (exec(node.body(), iteration, out) == Flow.BREAK) {
        return;
      }
    }
  }

  /** Renders a set/filter block's body, then runs it through the block's filters. */
  private Object renderBlock(List<Stmt> body, Expr filter, Frame frame) {
    StringBuilder buffer = new StringBuilder();
    Frame inner = new Frame(frame);
    exec(body, inner, buffer);
    inner.set(Parser.BLOCK_VALUE, buffer.toString());
    return eval(filter, inner);
  }

  private void assign(Target target, Object value, Frame frame) {
    if (target instanceof Stmt.NameTarget n) {
      frame.set(n.name(), value);
    } else if (target instanceof Stmt.NamespaceTarget ns) {
      Object holder = frame.lookup(ns.namespace());
      if (!(holder instanceof Namespace namespace)) {
        throw new PyException(
            "TemplateRuntimeError", "cannot assign attribute on non-namespace object");
      }
      namespace.attributes.put(ns.attribute(), value);
    } else if (target instanceof Stmt.TupleTarget t) {
      List<Object> values = PyObjects.iterate(value);
      int expected = t.items().size();
      if (values.size() < expected) {
        throw PyException.valueError(
            "not enough values to unpack (expected " + expected + ", got " + values.size() + ")");
      }
      if (values.size() > expected) {
        throw PyException.valueError("too many values to unpack (expected " + expected + ")");
      }
      for (int i = 0; i < expected; i++) {
        assign(t.items().get(i), values.get(i), frame);
      }
    }
  }

  // ---- expressions ----

  Object eval(Expr e, Frame frame) {
    try {
      return evalNode(e, frame);
    } catch (PyException ex) {
      throw TemplateErrors.render(templateName, e.line(), ex);
    }
  }

  private Object evalNode(Expr e, Frame frame) {
    if (e instanceof Expr.Const c) {
      return c.value();
    }
    if (e instanceof Expr.Name n) {
      Object v = frame.lookup(n.name());
      return v == Frame.MISSING ? Undefined.name(n.name()) : v;
    }
    if (e instanceof Expr.GetAttr g) {
      return Lookup.getattr(eval(g.object(), frame), g.name());
    }
    if (e instanceof Expr.GetItem g) {
      Object obj = eval(g.object(), frame);
      return Lookup.getitem(obj, eval(g.key(), frame));
    }
    if (e instanceof Expr.Slice s) {
      Object obj = eval(s.object(), frame);
      return Lookup.slice(
          obj,
          evalOrNull(s.start(), frame),
          evalOrNull(s.stop(), frame),
          evalOrNull(s.step(), frame));
    }
    if (e instanceof Expr.Call c) {
      return call(eval(c.callee(), frame), args(c.args(), c.kwargs(), frame));
    }
    if (e instanceof Expr.Filter f) {
      Object value = eval(f.value(), frame);
      return Filters.apply(f.name(), value, args(f.args(), f.kwargs(), frame));
    }
    if (e instanceof Expr.Test t) {
      Object value = eval(t.value(), frame);
      return Tests.apply(t.name(), value, args(t.args(), t.kwargs(), frame));
    }
    if (e instanceof Expr.Unary u) {
      Object v = eval(u.operand(), frame);
      return switch (u.op()) {
        case NOT -> !PyObjects.truthy(v);
        case NEG -> Operators.negate(v);
        case POS -> Operators.plus(v);
      };
    }
    if (e instanceof Expr.Binary b) {
      Object left = eval(b.left(), frame);
      return Operators.binary(b.op(), left, eval(b.right(), frame));
    }
    if (e instanceof Expr.And a) {
      Object left = eval(a.left(), frame);
      return PyObjects.truthy(left) ? eval(a.right(), frame) : left;
    }
    if (e instanceof Expr.Or o) {
      Object left = eval(o.left(), frame);
      return PyObjects.truthy(left) ? left : eval(o.right(), frame);
    }
    if (e instanceof Expr.Compare c) {
      return compare(c, frame);
    }
    if (e instanceof Expr.Concat c) {
      StringBuilder out = new StringBuilder();
      for (Expr part : c.parts()) {
        out.append(PyObjects.str(eval(part, frame)));
      }
      return out.toString();
    }
    if (e instanceof Expr.Conditional c) {
      if (PyObjects.truthy(eval(c.test(), frame))) {
        return eval(c.then(), frame);
      }
      if (c.otherwise() == null) {
        return Undefined.hint(
            "the inline if-expression on line "
                + c.line()
                + " evaluated to false and no else section was defined.");
      }
      return eval(c.otherwise(), frame);
    }
    if (e instanceof Expr.ListLiteral l) {
      List<Object> items = new ArrayList<>();
      for (Expr item : l.items()) {
        items.add(eval(item, frame));
      }
      return items;
    }
    if (e instanceof Expr.TupleLiteral t) {
      List<Object> items = new ArrayList<>();
      for (Expr item : t.items()) {
        items.add(eval(item, frame));
      }
      return new PyTuple(items);
    }
    if (e instanceof Expr.DictLiteral d) {
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < d.keys().size(); i++) {
        Object key = eval(d.keys().get(i), frame);
        Dicts.put(map, key, eval(d.values().get(i), frame));
      }
      return map;
    }
    throw PyException.unsupported("the expression " + e.getClass().getSimpleName());
  }

  private Object evalOrNull(Expr e, Frame frame) {
    return e == null ? null : eval(e, frame);
  }

  private Args args(List<Expr> positional, List<Expr.Keyword> keywords, Frame frame) {
    List<Object> values = new ArrayList<>();
    for (Expr p : positional) {
      values.add(eval(p, frame));
    }
    Map<String, Object> named = new LinkedHashMap<>();
    for (Expr.Keyword k : keywords) {
      named.put(k.name(), eval(k.value(), frame));
    }
    return new Args(values, named);
  }

  private static Object call(Object callee, Args args) {
    if (callee instanceof Undefined u) {
      throw u.error();
    }
    if (callee instanceof PyCallable c) {
      return c.call(args);
    }
    throw PyException.typeError("'" + PyObjects.typeName(callee) + "' object is not callable");
  }

  private Object compare(Expr.Compare c, Frame frame) {
    Object left = eval(c.first(), frame);
    for (Expr.Operand op : c.rest()) {
      Object right = eval(op.value(), frame);
      boolean holds =
          switch (op.op()) {
            case "==" -> PyObjects.equal(left, right);
            case "!=" -> !PyObjects.equal(left, right);
            case "in" -> PyObjects.contains(right, left);
            case "notin" -> !PyObjects.contains(right, left);
            default -> PyObjects.order(left, right, op.op());
          };
      if (!holds) {
        return false;
      }
      left = right;
    }
    return true;
  }
}
