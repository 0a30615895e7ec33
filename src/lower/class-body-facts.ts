// What the lowering of a class reads off its body: docstrings, decorators and their names,
// the names a statement binds or reads, methods redefined or passed in the body. Pure AST
// facts, no IR.

import type * as py from "../frontend/ast.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import type { LowerContext } from "./context.js";

/** A function's docstring, if it has one. */
export function docstringOf(s: py.FunctionDef | py.AsyncFunctionDef): string | null {
  const first = s.body[0];
  if (first?._type !== "Expr" || first.value._type !== "Constant" || first.value.value.kind !== "str") return null;
  return first.value.value.value;
}

/** `@property def name` with no `@name.setter` among the class's methods. */
export function isReadOnlyProperty(m: py.FunctionDef | py.AsyncFunctionDef, methods: (py.FunctionDef | py.AsyncFunctionDef)[]): boolean {
  const names = (f: py.FunctionDef | py.AsyncFunctionDef): string[] => f.decorator_list.map((d) => decoratorName(d) ?? "");
  return names(m).includes("property") && !methods.some((other) => names(other).includes(`${m.name}.setter`));
}

/** `@name.deleter def name(self)`. */
export function isDeleter(s: py.FunctionDef | py.AsyncFunctionDef): boolean {
  return s.decorator_list.length === 1 && decoratorName(s.decorator_list[0]!) === `${s.name}.deleter`;
}

export function decoratorName(d: py.Expr): string | null {
  if (NOT_ACCESSORS.has(d)) return null; // an ordinary decorator, called at run time
  if (d._type === "Name") return d.id;
  if (d._type === "Attribute" && d.value._type === "Name") return `${d.value.id}.${d.attr}`;
  return null;
}

/** `@x.setter` (`.getter`, `.deleter`) decorators whose `x` is no property of the class body. */
const NOT_ACCESSORS = new WeakSet<py.Expr>();

const ACCESSORS = new Set(["setter", "getter", "deleter"]);

/**
 * `@x.setter def x(...)` makes a property's accessor only where `x` is, at that point of the
 * body, a property made by `@property def x` (or by an accessor of it) and the def keeps the
 * name `x`; otherwise (a user descriptor with a `setter` method, `x` bound to something else,
 * `@x.setter def other`) it is an ordinary decorator: `x.setter(f)` runs as Python runs it.
 */
export function markOrdinaryAccessorDecorators(s: py.ClassDef): void {
  const properties = new Set<string>();
  for (const st of s.body) {
    if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") {
      let isProperty = false;
      for (const d of st.decorator_list) {
        if (d._type === "Attribute" && d.value._type === "Name" && ACCESSORS.has(d.attr)) {
          if (properties.has(d.value.id) && d.value.id === st.name) isProperty = true;
          else NOT_ACCESSORS.add(d);
        } else if (d._type === "Name" && d.id === "property") isProperty = true;
      }
      if (isProperty) properties.add(st.name);
      else properties.delete(st.name);
      continue;
    }
    for (const name of boundNames(st)) properties.delete(name);
  }
}

/** Does some def of the class body have an `@x.setter` that is an ordinary decorator? */
export function hasOrdinaryAccessorDecorators(s: py.ClassDef): boolean {
  return s.body.some((st) => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.decorator_list.some((d) => NOT_ACCESSORS.has(d)));
}

/** abc's deprecated `@abstractclassmethod` & co.: the built-in decorator under `@abstractmethod`. */
export const ABSTRACT_FORMS: Record<string, string> = { abstractclassmethod: "classmethod", abstractstaticmethod: "staticmethod", abstractproperty: "property" };

export function expandAbstractForms(s: py.ClassDef): void {
  for (const st of s.body) {
    if (st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") continue;
    st.decorator_list = st.decorator_list.flatMap((d) => {
      const name = decoratorName(d)?.replace(/^abc\./, "");
      const builtin = name === undefined ? undefined : ABSTRACT_FORMS[name];
      if (builtin === undefined) return [d];
      const at = { lineno: d.lineno, col_offset: d.col_offset, end_lineno: d.end_lineno, end_col_offset: d.end_col_offset };
      return [{ _type: "Name", id: builtin, ctx: "Load", ...at } as unknown as py.Expr, { _type: "Name", id: "abstractmethod", ctx: "Load", ...at } as unknown as py.Expr];
    });
  }
}

/** Names a statement binds in its own scope (not in nested defs, lambdas or comprehensions). */
export function boundNames(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) boundNames(n, into);
    return into;
  }
  if (node === null || typeof node !== "object") return into;
  const n = node as { _type?: string; ctx?: string; id?: string; name?: unknown };
  if (n._type === "Name" && n.ctx === "Store" && n.id && !into.includes(n.id)) into.push(n.id);
  if ((n._type === "FunctionDef" || n._type === "AsyncFunctionDef" || n._type === "ClassDef") && typeof n.name === "string") {
    if (!into.includes(n.name)) into.push(n.name);
    return into;
  }
  if (n._type === "Lambda" || n._type === "ListComp" || n._type === "SetComp" || n._type === "DictComp" || n._type === "GeneratorExp") return into;
  if (n._type === "ExceptHandler" && typeof n.name === "string" && !into.includes(n.name)) into.push(n.name);
  // a `match` capture (`case x`, `case [*rest]`, `case {**rest}`) binds too
  if ((n._type === "MatchAs" || n._type === "MatchStar") && typeof n.name === "string" && !into.includes(n.name)) into.push(n.name);
  const rest = n._type === "MatchMapping" ? (node as py.MatchMapping).rest : null;
  if (rest !== null && !into.includes(rest)) into.push(rest);
  if (n._type === "Import" || n._type === "ImportFrom") {
    for (const alias of (node as py.Import | py.ImportFrom).names) {
      const name = alias.asname ?? (n._type === "Import" ? alias.name.split(".")[0]! : alias.name);
      if (name !== "*" && !into.includes(name)) into.push(name);
    }
  }
  for (const v of Object.values(n)) if (typeof v === "object") boundNames(v, into);
  return into;
}

/**
 * A plain method def that a later plain def of the same name replaces, with nothing in the
 * class body reading the name in between: only the last one is ever seen.
 */
export function redefinedLater(cls: py.ClassDef, stmt: py.Stmt): boolean {
  if ((stmt._type !== "FunctionDef" && stmt._type !== "AsyncFunctionDef") || stmt.decorator_list.length) return false;
  const start = cls.body.indexOf(stmt);
  const later = cls.body.findIndex((st, i) => i > start && (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.name === stmt.name);
  if (later < 0) return false;
  const replacement = cls.body[later] as py.FunctionDef | py.AsyncFunctionDef;
  if (replacement.decorator_list.length) return false;
  return !cls.body.slice(start + 1, later + 1).some((st) => readsName(st._type === "FunctionDef" || st._type === "AsyncFunctionDef" ? [st.decorator_list, st.args.defaults, st.args.kw_defaults] : st, stmt.name));
}

/** Does the node (not counting nested defs' bodies) load `name`? */
export function readsName(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((n) => readsName(n, name));
  if (node === null || typeof node !== "object") return false;
  const n = node as { _type?: string; id?: string; ctx?: string };
  if (n._type === "Name" && n.id === name && n.ctx === "Load") return true;
  if (n._type === "FunctionDef" || n._type === "AsyncFunctionDef") return readsName([(node as py.FunctionDef).decorator_list, (node as py.FunctionDef).args.defaults], name);
  return Object.values(node).some((v) => typeof v === "object" && readsName(v, name));
}

export function hasHints(s: py.FunctionDef | py.AsyncFunctionDef): boolean {
  const a = s.args;
  return s.returns !== null || [...a.posonlyargs, ...a.args, a.vararg, ...a.kwonlyargs, a.kwarg].some((arg) => arg?.annotation);
}

/** Is method `name` passed to a call in the class body (`partialmethod(name, ...)`)? */
export function passedInBody(cls: py.ClassDef, name: string): boolean {
  const passes = (e: py.Expr): boolean =>
    e._type === "Call" ? [...e.args, ...e.keywords.map((k) => k.value)].some((a) => (a._type === "Name" && a.id === name) || passes(a)) || passes(e.func) : false;
  return cls.body.some((st) => (st._type === "Assign" || st._type === "AnnAssign" || st._type === "Expr") && st.value !== null && passes(st.value));
}

/** Methods Python calls on the class (the class arrives as `this`). */
export const IMPLICIT_CLASS_METHODS = new Set(["__new__", "__init_subclass__", "__class_getitem__"]);

/**
 * Defs of a class body whose decorators the JS class cannot apply in place, by the JS key their
 * function is emitted under: a def whose decorators stack on `classmethod`/`staticmethod`
 * (`@singledispatchmethod @classmethod`), and a decorated def whose name the body binds again
 * (`@area.register def _(...)` three times). Each is a plain method until its static block runs
 * the decorators (decorateMethod), in body order.
 */
const generalCache = new WeakMap<py.ClassDef, Map<py.Stmt, string>>();

export function generalDecorated(cls: py.ClassDef): Map<py.Stmt, string> {
  let out = generalCache.get(cls);
  if (out !== undefined) return out;
  out = new Map();
  const counts = new Map<string, number>();
  for (const st of cls.body) {
    for (const name of boundInClassBody(st)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  // (defs of a name that another def of the body binds again, the first not skipped by redefinedLater)
  const isAccessor = (d: py.Expr): boolean => {
    const n = decoratorName(d);
    return n === "property" || (n !== null && /\.(setter|getter|deleter)$/.test(n));
  };
  const defCounts = new Map<string, number>();
  for (const st of cls.body) {
    if ((st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && !st.decorator_list.some(isAccessor) && !redefinedLater(cls, st)) defCounts.set(st.name, (defCounts.get(st.name) ?? 0) + 1);
  }
  let index = 0;
  for (const st of cls.body) {
    if (st._type !== "FunctionDef" && st._type !== "AsyncFunctionDef") continue;
    if (st.decorator_list.some(isAccessor)) continue;
    // A def another def rebinds: each is bound where it stands (the later one replaces it then).
    if ((defCounts.get(st.name) ?? 0) > 1 && !redefinedLater(cls, st) && st.name !== "__init__" && !IMPLICIT_CLASS_METHODS.has(st.name)) {
      out.set(st, `${st.name}$${++index}`);
      continue;
    }
    if (st.decorator_list.length === 0) continue;
    const names = st.decorator_list.map(decoratorName);
    const builtins = names.filter((n) => n === "classmethod" || n === "staticmethod");
    const others = names.filter((n) => n !== "classmethod" && n !== "staticmethod");
    if (others.length === 0 || others.every((n) => n?.replace(/^abc\./, "") === "abstractmethod")) continue;
    const duplicated = (counts.get(st.name) ?? 0) > 1;
    const registers = st.decorator_list.some((d) => (d._type === "Attribute" && d.attr === "register") || (d._type === "Call" && d.func._type === "Attribute" && d.func.attr === "register"));
    // `@Base.prop.setter def prop(...)`: a base's property remade, under a key of its own (a
    // method named `prop` would clash with the base class's accessor in TypeScript).
    const remadeProperty = st.decorator_list.some((d) => d._type === "Attribute" && ACCESSORS.has(d.attr) && d.value._type !== "Name");
    if (builtins.length === 0 && !duplicated && !registers && !remadeProperty) continue;
    out.set(st, duplicated || remadeProperty ? `${st.name}$${++index}` : st.name);
  }
  generalCache.set(cls, out);
  return out;
}

/** `Enum` / `IntEnum` / `Flag` / `IntFlag` imported from enum, or `enum.Enum`. */
export function isEnumBase(cx: LowerContext, base: py.Expr): boolean {
  return enumBaseName(cx, base, new Set(["Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "ReprEnum"]));
}

/** An enumeration: a base from enum, or a program class that is one (`class Ord(AutoName)`). */
export function isEnumClassDef(cx: LowerContext, cls: py.ClassDef, seen: Set<py.ClassDef> = new Set()): boolean {
  if (seen.has(cls)) return false;
  seen.add(cls);
  return cls.bases.some((b) => {
    if (isEnumBase(cx, b)) return true;
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    return known?.k === "class" && isEnumClassDef(cx, known.def, seen);
  });
}

/** `base` is one of `names` imported from enum, or `enum.<name>`. */
export function enumBaseName(cx: LowerContext, base: py.Expr, names: ReadonlySet<string>): boolean {
  if (base._type === "Attribute") return names.has(base.attr) && base.value._type === "Name" && base.value.id === "enum";
  if (base._type !== "Name") return false;
  const bindings = cx.resolve(base.id)?.bindings.get(base.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  return stmt?._type === "ImportFrom" && stmt.module === "enum" && stmt.names.some((a) => (a.asname ?? a.name) === base.id && names.has(a.name));
}

/** The names a statement directly in a class body binds, in order (for `__prepare__`'s mapping). */
export function boundInClassBody(stmt: py.Stmt): string[] {
  const names = (t: py.Expr): string[] => (t._type === "Name" ? [t.id] : t._type === "Tuple" || t._type === "List" ? t.elts.flatMap(names) : t._type === "Starred" ? names(t.value) : []);
  switch (stmt._type) {
    case "FunctionDef":
    case "AsyncFunctionDef":
    case "ClassDef":
      return [stmt.name];
    case "Assign":
      return stmt.targets.flatMap(names);
    case "AnnAssign":
      return stmt.value ? names(stmt.target) : [];
    case "AugAssign":
      return names(stmt.target);
    default: {
      // A compound statement (`if`, `for`, `try`, `with`, ...): every name bound in its blocks,
      // as the class namespace holds them once it has run.
      const found = new Set<string>();
      const visit = (n: AnyNode): void => {
        if (n._type === "Lambda" || n._type === "ListComp" || n._type === "SetComp" || n._type === "DictComp" || n._type === "GeneratorExp") return;
        if (n._type === "NamedExpr") names(n.target).forEach((x) => found.add(x));
        if (n._type === "For" || n._type === "AsyncFor") names(n.target).forEach((x) => found.add(x));
        if (n._type === "withitem" && n.optional_vars) names(n.optional_vars).forEach((x) => found.add(x));
        if ((n._type === "MatchAs" || n._type === "MatchStar") && n.name !== null) found.add(n.name);
        if (n._type === "MatchMapping" && n.rest !== null) found.add(n.rest);
        if (n._type === "Import" || n._type === "ImportFrom") for (const alias of n.names) if (alias.name !== "*") found.add(alias.asname ?? alias.name.split(".")[0]!);
        if (n !== stmt && (n._type === "FunctionDef" || n._type === "AsyncFunctionDef" || n._type === "ClassDef" || n._type === "Assign" || n._type === "AnnAssign" || n._type === "AugAssign")) {
          boundInClassBody(n).forEach((x) => found.add(x));
          if (n._type !== "Assign" && n._type !== "AnnAssign" && n._type !== "AugAssign") return; // a nested scope's body binds its own names
        }
        forEachChild(n, visit);
      };
      visit(stmt);
      return [...found];
    }
  }
}

/**
 * A module-level class whose MRO (all of it program classes) defines no `__init__` or
 * `__new__` and has no metaclass: `object` refuses any argument (`Plain() takes no arguments`).
 */
export function bareClass(cx: LowerContext, cls: py.ClassDef, depth = 0): boolean {
  if (depth > 8 || cls.decorator_list.length || cls.keywords.length) return false;
  const defines = cls.body.some((st) => {
    if (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") return st.name === "__init__" || st.name === "__new__";
    if (st._type === "Assign") return st.targets.some((t) => t._type === "Name" && (t.id === "__init__" || t.id === "__new__"));
    return st._type !== "Expr" && st._type !== "Pass" && st._type !== "AnnAssign" && st._type !== "ClassDef";
  });
  if (defines) return false;
  return cls.bases.every((b) => {
    if (b._type === "Name" && b.id === "object" && cx.resolve("object") === null) return true;
    const known = b._type === "Name" ? cx.knownBinding(b.id) : null;
    return known?.k === "class" && bareClass(cx, known.def, depth + 1);
  });
}

/** Does some class of the module define `__new__`? */
export function definesNewSomewhere(cx: LowerContext): boolean {
  let found = NEW_DEFINED.get(cx.scopes);
  if (found === undefined) {
    found = [...cx.scopes.keys()].some((n) => (n as py.Stmt)._type === "ClassDef" && (n as py.ClassDef).body.some((st) => st._type === "FunctionDef" && st.name === "__new__"));
    NEW_DEFINED.set(cx.scopes, found);
  }
  return found;
}

const NEW_DEFINED = new WeakMap<object, boolean>();

/** `name = other` in a class body where `other` is a method the body defined before (undecorated). */
export function isMethodAlias(cls: py.ClassDef, stmt: py.Stmt): boolean {
  if (stmt._type !== "Assign" || stmt.targets.length !== 1 || stmt.targets[0]!._type !== "Name" || stmt.value._type !== "Name") return false;
  const source = stmt.value.id;
  const before = cls.body.slice(0, cls.body.indexOf(stmt));
  const defs = before.filter((st) => (st._type === "FunctionDef" || st._type === "AsyncFunctionDef") && st.name === source) as py.FunctionDef[];
  const rebound = before.some((st) => st._type === "Assign" && st.targets.some((t) => t._type === "Name" && t.id === source));
  // (the def in effect: a plain one, or one whose own decorators the class applies in place)
  const last = defs.at(-1);
  const inPlace = last !== undefined && last.decorator_list.every((d) => {
    const name = decoratorName(d);
    return !(name === "property" || name === "staticmethod" || name === "classmethod" || (name !== null && /\.(setter|getter|deleter)$/.test(name)));
  });
  return inPlace && (defs.length === 1 || generalDecorated(cls).has(last)) && !rebound && (stmt.targets[0] as py.Name).id !== "__init__";
}
