// Imports. The runtime provides the standard modules pyts supports; `import asyncio` needs
// no code of its own (the runtime import line brings `asyncio`), `import x as y` and
// `from x import y` bind local constants.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import { RUNTIME_MODULES, RUNTIME_SUBMODULES } from "./builtins.js";
import { bindName } from "./targets.js";
import { CHECKED_MODULES, starNames } from "./module-names.js";
import { CPYTHON_STDLIB_MODULES } from "./star-names.js";
import { closestName } from "../../runtime/values/suggestions.js";
import { noteSubmoduleImport } from "./submodules.js";
import { hintImport } from "./name-reads.js";
import { absoluteModule, isProgramModule, lowerProgramImport, lowerProgramImportFrom } from "./program-imports.js";

/**
 * Modules whose names matter mostly to type hints: `from typing import X` emits nothing;
 * a use of X as a value reads it from the runtime's `typing` (see lowerName).
 */
export const TYPING_MODULES = new Set(["typing", "__future__"]);

/**
 * A module pyts does not provide: CPython's ModuleNotFoundError, raised where the import runs,
 * when the import sits in a `try` whose handlers catch ImportError and the module is none of
 * CPython's own (the optional dependency a course program falls back from); else a located
 * error. Null when the module is provided.
 */
function checkModule(cx: LowerContext, at: py.Span, name: string): ir.Stmt[] | null {
  const top = name.split(".")[0]!;
  if (RUNTIME_MODULES.has(top) && (!name.includes(".") || RUNTIME_SUBMODULES.has(name))) return null;
  if ((cx.fn.importGuards ?? 0) > 0 && !CPYTHON_STDLIB_MODULES.has(top)) {
    const raise: ir.Expr = { k: "call", callee: cx.rt("moduleNotFound"), args: [{ k: "str", value: top }], loc: cx.loc(at) };
    return [{ k: "expr", expr: raise, loc: cx.loc(at) }];
  }
  return cx.unsupported(at, `import of module '${name}' (pyts provides: ${[...RUNTIME_MODULES].sort().join(", ")})`);
}

/** The runtime value of a dotted module path: `urllib.request` -> urllib.request. */
function moduleValue(cx: LowerContext, name: string): ir.Expr {
  const [top, ...rest] = name.split(".");
  return rest.reduce<ir.Expr>((object, property) => ({ k: "member", object, property }), cx.rt(top!));
}

export function lowerImport(cx: LowerContext, s: py.Import): ir.Stmt[] {
  const out: ir.Stmt[] = [...noteSubmoduleImport(cx, s)];
  for (const alias of s.names) {
    // The program's own module first: CPython searches the script's folder before the standard library.
    if (isProgramModule(cx, alias.name)) {
      out.push(lowerProgramImport(cx, s, alias));
      continue;
    }
    const missing = checkModule(cx, alias, alias.name);
    if (missing !== null) {
      out.push(...missing);
      continue;
    }
    const bound = alias.asname ?? alias.name.split(".")[0]!;
    const value = alias.asname ? moduleValue(cx, alias.name) : cx.rt(bound);
    // A top-level `import asyncio` is the runtime import itself (code run by exec binds it in its namespace).
    if (!alias.asname && cx.fn.scope === cx.moduleScope && cx.isRuntimeModuleName(bound) && !cx.snippet) continue;
    out.push(bindName(cx, bound, value, cx.loc(s)));
  }
  return out;
}

export function lowerImportFrom(cx: LowerContext, s: py.ImportFrom): ir.Stmt[] {
  if (s.level > 0 && !cx.program) return cx.unsupported(s, "relative imports");
  const module = absoluteModule(cx, s);
  if (isProgramModule(cx, module)) return lowerProgramImportFrom(cx, s, module);
  if (s.level > 0) return cx.unsupported(s, `import of module '${module}': no such module in the program`);
  if (TYPING_MODULES.has(module)) return lowerHintImport(cx, s, module);
  const missing = checkModule(cx, s, module);
  if (missing !== null) return missing;
  const out: ir.Stmt[] = [...noteSubmoduleImport(cx, s)];
  const checked = CHECKED_MODULES.get(module);
  for (const alias of s.names) {
    if (alias.name === "*") {
      const names = starNames(module);
      if (!names) return cx.unsupported(alias, `'from ${module} import *'`);
      for (const name of names) out.push(bindName(cx, name, { k: "member", object: moduleValue(cx, module), property: name }, cx.loc(s)));
      continue;
    }
    const full = `${module}.${alias.name}`;
    const dunder = dunderAlias(module, alias.name);
    if (dunder !== null) {
      out.push(bindName(cx, alias.asname ?? alias.name, { k: "member", object: moduleValue(cx, module), property: dunder }, cx.loc(s)));
      continue;
    }
    let value: ir.Expr = RUNTIME_SUBMODULES.has(full) ? moduleValue(cx, full) : { k: "member", object: moduleValue(cx, module), property: alias.name };
    if (checked && !checked.provided.has(alias.name)) {
      if (checked.cpython.has(alias.name)) return cx.unsupported(alias, `'${module}.${alias.name}' (pyts's ${module} module does not provide it)`);
      value = { k: "call", callee: cx.rt("importName"), args: [moduleValue(cx, module), { k: "str", value: alias.name }], loc: cx.loc(alias) };
    }
    out.push(bindName(cx, alias.asname ?? alias.name, value, cx.loc(s)));
  }
  return out;
}

/**
 * `from typing import X` (or `__future__`) binds nothing when nothing else binds X in its scope
 * (each read of X is `typing.X`, see hintImport); otherwise it assigns X like any import. A
 * name pyts's module lacks is a located error when CPython's has it, else CPython's
 * ImportError at run time.
 */
function lowerHintImport(cx: LowerContext, s: py.ImportFrom, module: string): ir.Stmt[] {
  const checked = CHECKED_MODULES.get(module);
  const scope = cx.classBody ?? cx.fn.scope;
  const out: ir.Stmt[] = [];
  for (const alias of s.names) {
    if (alias.name === "*") continue;
    if (checked && !checked.provided.has(alias.name)) {
      if (checked.cpython.has(alias.name)) return cx.unsupported(alias, `'${module}.${alias.name}' (pyts's ${module} module does not provide it)`);
      out.push({ k: "expr", expr: { k: "call", callee: cx.rt("importName"), args: [cx.rt(module), { k: "str", value: alias.name }], loc: cx.loc(alias) } });
      continue;
    }
    const bound = alias.asname ?? alias.name;
    if (cx.classBody === null && hintImport(scope, bound) !== null) continue;
    out.push(bindName(cx, bound, { k: "member", object: cx.rt(module), property: alias.name }, cx.loc(s)));
  }
  return out;
}

/**
 * `operator.__add__` is `operator.add` (CPython binds both names to one function). The module
 * object has no dunder attributes (they would make it look like a value with those dunders),
 * so the alias is resolved here: the plain name (`add`, or `and_` for `__and__`), or null.
 */
function dunderAlias(module: string, name: string): string | null {
  const m = /^__(\w+)__$/.exec(name);
  const checked = CHECKED_MODULES.get(module);
  if (module !== "operator" || m === null || !checked?.cpython.has(name)) return null;
  for (const plain of [m[1]!, m[1]! + "_"]) if (checked.provided.has(plain)) return plain;
  return null;
}

/**
 * `m.name` on a standard module whose name pyts's module lacks: a located error when CPython's
 * module has it; otherwise (neither has it) the read that raises CPython's AttributeError at
 * run time, with the "Did you mean" hint chosen among CPython's names. Null when pyts has it.
 */
export function moduleLacks(cx: LowerContext, e: py.Attribute, object: () => ir.Expr): ir.Expr | null {
  const module = staticModule(cx, e.value);
  if (module === null) return null;
  const checked = CHECKED_MODULES.get(module);
  if (!checked || checked.provided.has(e.attr)) return null;
  const dunder = dunderAlias(module, e.attr);
  if (dunder !== null) return { k: "member", object: object(), property: dunder };
  if (checked.cpython.has(e.attr)) return cx.unsupported(e, `'${module}.${e.attr}' (pyts's ${module} module does not provide it)`);
  const hint = closestName([...checked.cpython].sort(), e.attr);
  return { k: "call", callee: cx.rt("moduleAttribute"), args: [object(), { k: "str", value: e.attr }, hint === null ? { k: "null" } : { k: "str", value: hint }], loc: cx.loc(e) };
}

/**
 * The standard module an expression statically names: a module-level name bound by an import
 * (`os`, `ET` of `import xml.etree.ElementTree as ET`), or a submodule read through it
 * (`os.path`, `http.client`, `xml.etree.ElementTree`), so `os.path.foo` is checked as `os.path`'s.
 */
export function staticModule(cx: LowerContext, e: py.Expr): string | null {
  if (e._type === "Name") return cx.knownModule(e.id);
  if (e._type !== "Attribute") return null;
  const base = staticModule(cx, e.value);
  if (base === null) return null;
  const full = `${base}.${e.attr}`;
  return CHECKED_MODULES.has(full) && CHECKED_MODULES.get(base)!.provided.has(e.attr) ? full : null;
}
