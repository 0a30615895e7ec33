// Reading a name: a local, a free or global variable (guarded where it may be unbound), a
// builtin, a class-body name, a module global set from outside, or a located error for a
// builtin pyts lacks.
import { qualname } from "./functions.js";
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Binding, Scope } from "./scope.js";
import { MODULE_ID } from "./program-imports.js";
import { BUILTIN_EXCEPTIONS, BUILTIN_FUNCTIONS, MISSING_BUILTINS } from "./builtins.js";
import { currentClass } from "./classes.js";
import { functionKey } from "../../runtime/lang/attr-names.js";
import { nameErrorHint } from "./name-hints.js";
import { preparedByMetaclass } from "./class-objects.js";
import { handlerOnly, mayBeUnbound } from "./targets.js";
import { generalDecorated, isMethodAlias } from "./class-body-facts.js";

/** Per module scope: each name a module-level `@global_enum` class body assigns -> that class. */
const globalEnumNames = new WeakMap<Scope, Map<string, string>>();

/** The module-level class decorated with `@global_enum` whose body assigns `name`, if any. */
function globalEnumOf(cx: LowerContext, name: string): string | null {
  let names = globalEnumNames.get(cx.moduleScope);
  if (names === undefined) {
    // built once per module: this runs for every read of a builtin's name
    names = new Map();
    for (const bindings of cx.moduleScope.bindings.values()) {
      for (const { stmt } of bindings) {
        if (stmt?._type !== "ClassDef") continue;
        const decorated = stmt.decorator_list.some((d) => (d._type === "Name" && d.id === "global_enum") || (d._type === "Attribute" && d.attr === "global_enum"));
        if (!decorated) continue;
        for (const st of stmt.body) {
          if (st._type !== "Assign") continue;
          for (const t of st.targets) if (t._type === "Name" && !names.has(t.id)) names.set(t.id, stmt.name);
        }
      }
    }
    globalEnumNames.set(cx.moduleScope, names);
  }
  return names.get(name) ?? null;
}

export function lowerName(cx: LowerContext, e: py.Name): ir.Expr {
  const loc = cx.loc(e);
  if (cx.classBody?.bindings.has(e.id)) {
    // A plain method named in its class body (`y = property(get_y)`) is a function taking `self`.
    const stmt = bindingInEffect(cx.classBody.bindings.get(e.id)!, e)?.stmt ?? null;
    // (a def bound where it stands, generalDecorated, is read as the namespace holds it)
    const cls = currentClass(cx);
    if (cls !== null && stmt !== null && (generalDecorated(cls).has(stmt) || isMethodAlias(cls, stmt))) {
      return { k: "call", callee: cx.rt("classBodyValue"), args: [{ k: "this" }, { k: "str", value: functionKey(e.id) }], loc };
    }
    const isMethod = (stmt?._type === "FunctionDef" || stmt?._type === "AsyncFunctionDef") && stmt.decorator_list.length === 0;
    if (isMethod) return { k: "call", callee: cx.rt("bodyMethod"), args: [{ k: "this" }, { k: "str", value: e.id }], loc };
    // A classmethod or staticmethod named in its class body is the classmethod (staticmethod) object.
    // (`@classmethod @abstractmethod` too: the abstract mark is on the function it holds)
    const builtIn = (stmt?._type === "FunctionDef" || stmt?._type === "AsyncFunctionDef") ? stmt.decorator_list.filter((d) => d._type !== "Name" || d.id !== "abstractmethod") : [];
    const kind = builtIn.length === 1 && builtIn[0]!._type === "Name" ? builtIn[0]!.id : null;
    if (kind === "classmethod" || kind === "staticmethod") {
      return { k: "call", callee: cx.rt("bodyMethodObject"), args: [{ k: "this" }, { k: "str", value: functionKey(e.id) }, { k: "str", value: kind }], loc };
    }
    // A def another decorator made into a descriptor: the descriptor itself, as the namespace holds it.
    // (a property too: defineProperties puts it on the class, where TypeScript does not see it)
    if ((stmt?._type === "FunctionDef" || stmt?._type === "AsyncFunctionDef") && stmt.decorator_list.length > 0) {
      return { k: "call", callee: cx.rt("classBodyValue"), args: [{ k: "this" }, { k: "str", value: functionKey(e.id) }], loc };
    }
    return { k: "member", object: { k: "this" }, property: functionKey(e.id), loc };
  }
  if (e.id === "self" && cx.fn.selfName === "self") return { k: "id", name: "self", loc };
  const scope = cx.resolve(e.id);
  // `__class__` in a method (or a def nested in one): the implicit cell holding the class the
  // method was defined in, as `super()` finds it.
  if (e.id === "__class__" && (scope === null || (scope === cx.moduleScope && !scope.bindings.has(e.id))) && cx.fn.scope !== cx.moduleScope) {
    const cls = currentClass(cx);
    if (cls !== null) return { k: "id", name: cls.name, loc };
  }
  if (scope === cx.moduleScope && cx.shadowedGlobal(e.id)) return { k: "call", callee: { k: "id", name: `global_${e.id}` }, args: [], loc };
  if (scope === cx.moduleScope && cx.isRuntimeModuleName(e.id)) return cx.rt(e.id, e);
  if (scope === cx.moduleScope && cx.fn.scope === scope && readsBuiltinInFirstBinding(scope, e)) return cx.rt(e.id, e);
  const hint = hintImport(scope, e.id);
  if (hint) return { k: "member", object: cx.rt(hint.module), property: hint.name, loc };
  if (scope === cx.fn.scope && mayBeUnbound(scope, e.id, { line: e.lineno, col: e.col_offset })) {
    // Reading an unbound local raises NameError / UnboundLocalError, as in Python.
    const local: ir.Expr = { k: "bool", value: scope !== cx.moduleScope };
    // A name bound only by `except ... as name` lives in its handler (Python deletes it at
    // the handler's end): a read the analysis cannot place in a handler finds it unbound.
    const value: ir.Expr = handlerOnly(scope, e.id) ? { k: "id", name: "undefined" } : cx.id(e.id);
    return { k: "call", callee: cx.rt("bound"), args: [value, { k: "str", value: e.id }, local], loc };
  }
  if (scope && scope !== cx.fn.scope && scope.lateFree?.has(e.id) && !cx.classBody?.bindings.has(e.id)) {
    // A free variable its enclosing function may not have bound yet (Scope.lateFree); a
    // module's def read before it ran is a global that is not defined yet.
    if (scope.kind === "module") return { k: "call", callee: cx.rt("bound"), args: [cx.id(e.id), { k: "str", value: e.id }, { k: "bool", value: false }], loc };
    return { k: "call", callee: cx.rt("boundFree"), args: [cx.id(e.id), { k: "str", value: e.id }], loc };
  }
  if (scope) return { ...cx.id(e.id), loc };
  // A class body's namespace starts with `__module__` and `__qualname__`.
  if (cx.classBody !== null && e.id === "__qualname__") return { k: "str", value: qualname(cx.classBody), loc };
  if (cx.classBody !== null && e.id === "__module__") return lowerName(cx, { ...e, id: "__name__" });
  // `@global_enum class Lvl(IntEnum): LOW = 1` makes `LOW` a module global: `Lvl.LOW`.
  const globalEnum = globalEnumOf(cx, e.id);
  if (globalEnum !== null) return { k: "member", object: cx.id(globalEnum), property: e.id, loc };
  // A module of a program knows its own name and file (`__main__` for the entry).
  // (`__file__` may be missing: the script of `pyts run -c CODE` has none)
  if (cx.program && e.id === "__file__") return { k: "call", callee: cx.rt("lookupGlobal"), args: [{ k: "id", name: MODULE_ID }, { k: "str", value: e.id }], loc };
  if (cx.program && MODULE_DUNDERS.has(e.id)) return { k: "member", object: { k: "id", name: MODULE_ID }, property: e.id, loc };
  // (`super` as a value: the class of super objects, `super(T, obj)` when called)
  if (e.id === "super") return cx.rt("superType", e);
  // Code run by eval/exec finds builtins through its namespace (`__builtins__` may restrict them).
  if (cx.snippet && !MISSING_BUILTINS.has(e.id)) return { ...cx.id(e.id), loc };
  if (BUILTIN_FUNCTIONS.has(e.id) || BUILTIN_EXCEPTIONS.has(e.id)) return cx.rt(e.id, e);
  if (MISSING_BUILTINS.has(e.id)) return cx.unsupported(e, `the built-in '${e.id}' (pyts does not provide it)`);
  // A program module's code finds a global set from outside (`globals()["x"] = 1`, `m.x = 1`).
  // Python raises NameError when (and only when) the name is evaluated.
  // (with the "Did you mean" hint of CPython's traceback, when there is one)
  const didYouMean = nameErrorHint(cx, e.id, e);
  const hintArg: ir.Expr[] = didYouMean === null ? [] : [{ k: "str", value: didYouMean }];
  const missing: ir.Expr = cx.program
    ? { k: "call", callee: cx.rt("lookupGlobal"), args: [{ k: "id", name: MODULE_ID }, { k: "str", value: e.id }, ...hintArg], loc }
    : { k: "call", callee: cx.rt("nameError"), args: [{ k: "str", value: e.id }, ...hintArg], loc };
  // In a class body whose metaclass's `__prepare__` made the namespace, a name it put there.
  const cls = cx.classBody !== null ? currentClass(cx) : null;
  if (cls !== null && preparedByMetaclass(cx, cls)) {
    return { k: "call", callee: cx.rt("preparedName"), args: [{ k: "this" }, { k: "str", value: e.id }, { k: "arrow", params: [], body: missing }], loc };
  }
  return missing;
}

/**
 * The class body's binding of a name a read sees: the last one whose statement ended before
 * the read (the body runs top to bottom), else the last of all (a read in a loop of the body).
 */
function bindingInEffect(bindings: readonly Binding[], e: py.Name): Binding | undefined {
  let found: Binding | undefined;
  for (const b of bindings) {
    const st = b.stmt;
    if (st !== null && (st.end_lineno < e.lineno || (st.end_lineno === e.lineno && st.end_col_offset <= e.col_offset))) found = b;
  }
  return found ?? bindings.at(-1);
}

/** The names a program module's globals hold from its import (read from its module object). */
const MODULE_DUNDERS = new Set(["__name__", "__file__", "__doc__", "__package__", "__loader__", "__spec__", "__cached__", "__builtins__"]);

/**
 * `print = functools.partial(print, flush=True)` at module level: the value is evaluated
 * before the global exists, so `print` there is the builtin.
 */
function readsBuiltinInFirstBinding(scope: Scope, e: py.Name): boolean {
  if (!BUILTIN_FUNCTIONS.has(e.id) && !BUILTIN_EXCEPTIONS.has(e.id)) return false;
  const first = scope.bindings.get(e.id)?.[0];
  const stmt = first?.stmt;
  if (!first?.topLevel || !stmt || (stmt._type !== "Assign" && stmt._type !== "AnnAssign") || !stmt.value) return false;
  const v = stmt.value;
  const after = (l: number, c: number, l2: number, c2: number) => l > l2 || (l === l2 && c >= c2);
  return after(e.lineno, e.col_offset, v.lineno, v.col_offset) && after(v.end_lineno, v.end_col_offset, e.end_lineno, e.end_col_offset);
}

/**
 * `X` bound only by `from typing import X [as Y]` (or `__future__`), however often: its module
 * and its name there. Such imports emit nothing and each read is `typing.X`; a name bound
 * otherwise too is a plain variable the import assigns (see lowerHintImport).
 */
export function hintImport(scope: Scope | null, name: string): { module: string; name: string } | null {
  const bindings = scope?.bindings.get(name);
  if (!bindings?.length) return null;
  let found: { module: string; name: string } | null = null;
  for (const { stmt } of bindings) {
    if (stmt?._type !== "ImportFrom" || stmt.level !== 0 || (stmt.module !== "typing" && stmt.module !== "__future__")) return null;
    const original = stmt.names.find((a) => (a.asname ?? a.name) === name)?.name;
    if (original === undefined || (found !== null && (found.module !== stmt.module || found.name !== original))) return null;
    found = { module: stmt.module, name: original };
  }
  return found;
}
