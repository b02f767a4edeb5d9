package ai.brandtune.text.jinja;

import java.util.List;

/** Finds whether a template body reads a name (jinja2 decides macro signatures this way). */
final class References {

  private References() {}

  static boolean uses(List<Stmt> body, String name) {
    for (Stmt s : body) {
      if (uses(s, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean uses(Stmt s, String name) {
    if (s instanceof Stmt.Print p) {
      return uses(p.value(), name);
    }
    if (s instanceof Stmt.If i) {
      for (Stmt.Branch b : i.branches()) {
        if (uses(b.test(), name) || uses(b.body(), name)) {
          return true;
        }
      }
      return uses(i.otherwise(), name);
    }
    if (s instanceof Stmt.For f) {
      return uses(f.iterable(), name)
          || (f.filter() != null && uses(f.filter(), name))
          || uses(f.body(), name)
          || uses(f.otherwise(), name);
    }
    if (s instanceof Stmt.Set set) {
      return uses(set.value(), name);
    }
    if (s instanceof Stmt.SetBlock sb) {
      return uses(sb.filter(), name) || uses(sb.body(), name);
    }
    if (s instanceof Stmt.FilterBlock fb) {
      return uses(fb.filter(), name) || uses(fb.body(), name);
    }
    if (s instanceof Stmt.With w) {
      return w.values().stream().anyMatch(v -> uses(v, name)) || uses(w.body(), name);
    }
    if (s instanceof Stmt.Generation g) {
      return uses(g.body(), name);
    }
    // Nested macros have their own varargs/kwargs; text and loop controls read nothing.
    return false;
  }

  private static boolean uses(Expr e, String name) {
    if (e == null) {
      return false;
    }
    if (e instanceof Expr.Name n) {
      return n.name().equals(name);
    }
    if (e instanceof Expr.ListLiteral l) {
      return any(l.items(), name);
    }
    if (e instanceof Expr.TupleLiteral t) {
      return any(t.items(), name);
    }
    if (e instanceof Expr.DictLiteral d) {
      return any(d.keys(), name) || any(d.values(), name);
    }
    if (e instanceof Expr.GetAttr g) {
      return uses(g.object(), name);
    }
    if (e instanceof Expr.GetItem g) {
      return uses(g.object(), name) || uses(g.key(), name);
    }
    if (e instanceof Expr.Slice s) {
      return uses(s.object(), name)
          || uses(s.start(), name)
          || uses(s.stop(), name)
          || uses(s.step(), name);
    }
    if (e instanceof Expr.Call c) {
      return uses(c.callee(), name) || any(c.args(), name) || keywords(c.kwargs(), name);
    }
    if (e instanceof Expr.Filter f) {
      return uses(f.value(), name) || any(f.args(), name) || keywords(f.kwargs(), name);
    }
    if (e instanceof Expr.Test t) {
      return uses(t.value(), name) || any(t.args(), name) || keywords(t.kwargs(), name);
    }
    if (e instanceof Expr.Unary u) {
      return uses(u.operand(), name);
    }
    if (e instanceof Expr.Binary b) {
      return uses(b.left(), name) || uses(b.right(), name);
    }
    if (e instanceof Expr.And a) {
      return uses(a.left(), name) || uses(a.right(), name);
    }
    if (e instanceof Expr.Or o) {
      return uses(o.left(), name) || uses(o.right(), name);
    }
    if (e instanceof Expr.Compare c) {
      return uses(c.first(), name) || c.rest().stream().anyMatch(op -> uses(op.value(), name));
    }
    if (e instanceof Expr.Concat c) {
      return any(c.parts(), name);
    }
    if (e instanceof Expr.Conditional c) {
      return uses(c.test(), name) || uses(c.then(), name) || uses(c.otherwise(), name);
    }
    return false;
  }

  private static boolean any(List<Expr> items, String name) {
    return items.stream().anyMatch(x -> uses(x, name));
  }

  private static boolean keywords(List<Expr.Keyword> kwargs, String name) {
    return kwargs.stream().anyMatch(k -> uses(k.value(), name));
  }
}
