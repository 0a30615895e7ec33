// Function objects' Python attributes: `__defaults__`/`__kwdefaults__`, `__closure__` cells,
// `__code__` records and the info a def's emitted function carries.
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { codeNames } from "./code-names.js";
import { qualname } from "./functions.js";
import { describeSignature, signatureSpec } from "./signatures.js";

/**
 * The default values of a def's JS parameters (positional ones, then `*args`, keyword-only
 * ones, `**kw`; a method's `self` is not among them): the positional defaults in order, and
 * the keyword-only parameters' that have one (`__defaults__`, `__kwdefaults__`).
 */
export function parameterDefaults(params: readonly ir.Param[], args: py.Arguments): { defaults: ir.Expr[]; kwdefaults: { key: string; value: ir.Expr }[] } {
  const end = params.length - (args.kwarg ? 1 : 0);
  const kwParams = params.slice(end - args.kwonlyargs.length, end);
  const positional = params.slice(0, end - args.kwonlyargs.length - (args.vararg ? 1 : 0));
  const defaults = positional.flatMap((p) => (p.default && !p.rest && ownDefault(p.default) ? [ownDefault(p.default)!] : []));
  const kwdefaults = args.kwonlyargs.flatMap((a, i) => (args.kw_defaults[i] && kwParams[i]?.default ? [{ key: a.arg, value: ownDefault(kwParams[i]!.default!)! }] : []));
  return { defaults, kwdefaults };
}


/** The parameters in `co_varnames` order: positional, keyword-only, `*args`, `**kwargs`. */
function codeParameters(args: py.Arguments): string[] {
  return [...args.posonlyargs, ...args.args, ...args.kwonlyargs, ...(args.vararg ? [args.vararg] : []), ...(args.kwarg ? [args.kwarg] : [])].map((a) => a.arg);
}

/** `co_freevars` and `co_cellvars` of a def or lambda, for its `__code__` (none when empty). */
export function closureNames(cx: LowerContext, scope: Scope, args: py.Arguments): { key: string; value: ir.Expr }[] {
  const strings = (names: string[]): ir.Expr => ({ k: "array", elements: names.map((value) => ({ k: "str", value }) as ir.Expr) });
  const free = freeVariables(cx, scope);
  // (its own variables, parameters included, that an inner scope reads or rebinds by `nonlocal`)
  const cells = new Set<string>();
  const visit = (inner: Scope): void => {
    for (const name of [...inner.loads.keys(), ...inner.nonlocals]) if (cx.resolve(name, inner) === scope) cells.add(name);
    inner.children.forEach(visit);
  };
  scope.children.forEach(visit);
  // (CPython lists the parameters among them first, in their order, then the others sorted)
  const params = codeParameters(args).filter((n) => cells.has(n));
  const ordered = [...params, ...[...cells].filter((n) => !params.includes(n)).sort()];
  return [...(free.length ? [{ key: "freevars", value: strings(free) }] : []), ...(cells.size ? [{ key: "cellvars", value: strings(ordered) }] : [])];
}

/**
 * Does a def use the implicit `__class__` cell: it (or a def nested in it) names `super` or
 * `__class__`, and a class body encloses it through function scopes only?
 */
function usesClassCell(scope: Scope): boolean {
  const names = (s: Scope): boolean => s.loads.has("super") || s.loads.has("__class__") || s.children.some((c) => c.kind === "function" && names(c));
  let outer = scope.parent;
  while (outer !== null && outer.kind === "function") outer = outer.parent;
  return outer?.kind === "class" && names(scope);
}

/** Names a def's body reads from enclosing function scopes: its `__closure__` cells, sorted as CPython's co_freevars. */
export function freeVariables(cx: LowerContext, scope: Scope): string[] {
  const used = new Set<string>([...scope.loads.keys(), ...scope.freeInChildren, ...scope.nonlocals]);
  const free: string[] = usesClassCell(scope) && !scope.bindings.has("__class__") ? ["__class__"] : [];
  for (const name of used) {
    if (scope.bindings.has(name) && !scope.nonlocals.has(name)) continue;
    if (scope.globals.has(name)) continue;
    const owner = scope.parent ? cx.resolve(name, scope.parent) : null;
    if (owner && owner.kind !== "module" && owner.kind !== "class") free.push(name);
  }
  return free.sort();
}

/** A parameter's default as the def wrote it (`positionalDefault(f, 1, d)` holds it third). */
function ownDefault(value: ir.Expr): ir.Expr | null {
  const wrapped = value.k === "call" && value.callee.k === "rt" && (value.callee.name === "positionalDefault" || value.callee.name === "keywordDefault");
  const own = wrapped ? value.args[2] : value;
  return own === undefined || own.k === "spread" ? null : own;
}

/**
 * What inspect.getclosurevars reads of a def, lambda or method, when the program calls it: the
 * free variables' names and co_names (src/lower/code-names.ts). (`__code__` records the free
 * variables itself when the module reads it.)
 */
export function closureVarsExtras(cx: LowerContext, scope: Scope, body: readonly py.Stmt[], codeRecordsFreevars = cx.attributesRead.has("__code__")): { key: string; value: ir.Expr }[] {
  if (!cx.attributesRead.has("co_names")) return [];
  const strings = (names: string[]): ir.Expr => ({ k: "array", elements: names.map((value) => ({ k: "str", value }) as ir.Expr) });
  const extras = [{ key: "names", value: strings(codeNames(cx, scope, body)) }];
  if (!codeRecordsFreevars) extras.unshift({ key: "freevars", value: strings(freeVariables(cx, scope)) });
  return extras;
}

/** The readers of a def's free variables, for `__closure__` cells (empty when it has none). */
export function closureReaders(cx: LowerContext, scope: Scope): { key: string; value: ir.Expr }[] {
  const readers = freeVariables(cx, scope).map((name) => ({ k: "arrow", params: [], body: cx.id(name) }) as ir.Expr);
  return readers.length ? [{ key: "closure", value: { k: "array", elements: readers } }] : [];
}

/**
 * `pyDef(fn, qualname, spec, firstLine, extras)`: what Python shows of a function object. The
 * first line (CPython's co_firstlineno: the first decorator's) locates a callback in asyncio's
 * reprs and logs. Extras hold only the attributes the module reads somewhere (`__doc__`,
 * `__defaults__`, `__closure__`...).
 */
export function functionInfo(cx: LowerContext, fn: ir.Expr, scope: Scope, args: py.Arguments, params: ir.Param[], doc: string | null, wrapped: boolean, firstLine: number, body: readonly py.Stmt[] | null = null): ir.Expr {
  const sig = describeSignature(args);
  const extras: { key: string; value: ir.Expr }[] = [];
  const reads = cx.attributesRead;
  if (doc !== null && cx.readsDocstrings) extras.push({ key: "doc", value: { k: "str", value: doc } });
  // The defaults are the JS parameters' (constants, or the holders evaluated when the def ran).
  const positionalCount = args.posonlyargs.length + args.args.length;
  if (reads.has("__defaults__") && args.defaults.length) {
    const defaults = params.slice(0, positionalCount).flatMap((p) => (p.default ? [ownDefault(p.default)] : [])).filter((d) => d !== null);
    extras.push({ key: "defaults", value: { k: "array", elements: defaults } });
  }
  const kwParams = params.slice(positionalCount + (args.vararg ? 1 : 0), positionalCount + (args.vararg ? 1 : 0) + args.kwonlyargs.length);
  const kwdefaults = args.kwonlyargs.flatMap((a, i) => (args.kw_defaults[i] && kwParams[i]?.default ? [{ key: a.arg, value: ownDefault(kwParams[i]!.default!)! }] : []));
  if (reads.has("__kwdefaults__") && kwdefaults.length) extras.push({ key: "kwdefaults", value: { k: "object", props: kwdefaults } });
  if (reads.has("__closure__")) {
    // (the `__class__` cell of a def nested in a method has no JS variable: not among them)
    const free = freeVariables(cx, scope).filter((name) => name !== "__class__");
    const readers = free.map((name) => ({ k: "arrow", params: [], body: cx.id(name) }) as ir.Expr);
    if (free.length) extras.push({ key: "closure", value: { k: "array", elements: readers } });
  }
  if (body !== null) extras.push(...closureVarsExtras(cx, scope, body));
  if (reads.has("__code__")) {
    const params = codeParameters(args);
    const cells = new Set(scope.freeInChildren);
    const locals = [...scope.bindings.keys()].filter((n) => !params.includes(n) && !cells.has(n) && !scope.globals.has(n) && !scope.nonlocals.has(n));
    extras.push({ key: "varnames", value: { k: "array", elements: [...params, ...locals].map((value) => ({ k: "str", value }) as ir.Expr) } });
    extras.push(...closureNames(cx, scope, args));
  }
  // A `keywords(fn, spec, qualname)` wrapper records the name and signature itself (and the line).
  if (wrapped && extras.length === 0) return fn.k === "call" ? { ...fn, args: [...fn.args, { k: "num", value: firstLine }] } : fn;
  const call: ir.Expr[] = [fn, { k: "str", value: qualname(scope) }, signatureSpec(sig), { k: "num", value: firstLine }];
  if (extras.length) call.push({ k: "object", props: extras });
  return { k: "call", callee: cx.rt("pyDef"), args: call };
}

/**
 * What `__code__` and `__closure__` show of a method, when the module reads them: its
 * co_varnames, co_freevars, co_cellvars and one reader per free variable (run in the class's
 * static block, where `this` is the class: the `__class__` cell).
 */
export function methodCodeRecord(cx: LowerContext, scope: Scope, args: py.Arguments): ir.Expr {
  const props: { key: string; value: ir.Expr }[] = [];
  const params = codeParameters(args);
  const cells = new Set(scope.freeInChildren);
  const locals = [...scope.bindings.keys()].filter((n) => !params.includes(n) && !cells.has(n) && !scope.globals.has(n) && !scope.nonlocals.has(n));
  props.push({ key: "varnames", value: { k: "array", elements: [...params, ...locals].map((value) => ({ k: "str", value }) as ir.Expr) } });
  props.push(...closureNames(cx, scope, args));
  const free = freeVariables(cx, scope);
  if (free.length) props.push({ key: "closure", value: { k: "array", elements: free.map((name) => ({ k: "arrow", params: [], body: name === "__class__" ? { k: "this" } : cx.id(name) }) as ir.Expr) } });
  return { k: "object", props };
}
