// `locals()` (and `vars()`/`dir()` without arguments) inside a function: a snapshot dict of the
// function's bound locals and the free variables it uses, in CPython's order (the parameters,
// the other locals in order of first appearance, then the cell locals and the free variables,
// each sorted), one dict per call that each locals() updates. A function that reads its locals declares them all at its top (targets.ts
// hoistedNames), so each is readable (undefined while unbound, and then left out).
import type * as py from "../frontend/ast.js";
import type * as ir from "./ir.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { handlerOnly, mayBeUnbound, readsLocals } from "./targets.js";
import { lowerName } from "./name-reads.js";

/** The temp holding each function's locals() dict. */
const FRAME_DICTS = new WeakMap<object, string>();

const before = (a: { line: number; col: number }, b: { line: number; col: number }): number => a.line - b.line || a.col - b.col;

/** The names locals() shows, in CPython's order. */
function localNames(cx: LowerContext, scope: Scope): string[] {
  const params: string[] = [];
  const plain: { name: string; at: { line: number; col: number } }[] = [];
  const cells: string[] = [];
  for (const [name, bindings] of scope.bindings) {
    if (scope.globals.has(name) || scope.nonlocals.has(name) || handlerOnly(scope, name)) continue;
    if (bindings.some((b) => b.kind === "param")) params.push(name);
    else if (scope.freeInChildren.has(name)) cells.push(name);
    else {
      const sites = [...bindings, ...(scope.loads.get(name) ?? [])].sort(before);
      plain.push({ name, at: sites[0]! });
    }
  }
  const free = new Set(scope.nonlocals);
  for (const name of scope.loads.keys()) {
    const owner = cx.resolve(name, scope);
    if (owner && owner !== scope && owner !== cx.moduleScope && owner.kind !== "class") free.add(name);
  }
  plain.sort((a, b) => before(a.at, b.at));
  return [...params, ...plain.map((p) => p.name), ...cells.sort(), ...[...free].filter((n) => !scope.bindings.has(n) || scope.nonlocals.has(n)).sort()];
}

/**
 * `locals()`, `vars()` or `dir()` (no arguments) called in a function: the snapshot, or for
 * `dir()` its sorted names. Null when the call is not one of these in a function.
 */
export function lowerLocalsCall(cx: LowerContext, e: py.Call): ir.Expr | null {
  if (e.args.length !== 0 || e.keywords.length !== 0) return null;
  const name = namespaceBuiltin(cx, e.func);
  if (name !== "locals" && name !== "vars" && name !== "dir") return null;
  const scope = cx.fn.scope;
  if (cx.classBody !== null && scope.kind === "class") return cx.unsupported(e, `${name}() in a class body`);
  if (!readsLocals(scope)) return null;
  const at = { line: e.lineno, col: e.col_offset };
  const names = localNames(cx, scope);
  const values = names.map((n): ir.Expr => {
    const owner = cx.resolve(n, scope);
    // A read that may find the name unbound takes the hoisted variable as it is (undefined: left out).
    if (owner === scope ? mayBeUnbound(scope, n, at) : owner?.lateFree?.has(n)) return cx.id(n);
    return lowerName(cx, { _type: "Name", id: n, ctx: "Load", lineno: e.lineno, col_offset: e.col_offset, end_lineno: e.end_lineno, end_col_offset: e.end_col_offset } as py.Name);
  });
  const args: ir.Expr[] = [{ k: "array", elements: names.map((n): ir.Expr => ({ k: "str", value: n })) }, { k: "array", elements: values }];
  if (name === "dir") return { k: "call", callee: cx.rt("localNames"), args, loc: cx.loc(e) };
  // One dict per call of the function (CPython's frame's), brought up to date by each locals().
  let frame = FRAME_DICTS.get(cx.fn);
  if (frame === undefined) {
    frame = cx.temp("locals");
    cx.fn.temps.push(frame);
    FRAME_DICTS.set(cx.fn, frame);
  }
  const target: ir.Expr = { k: "id", name: frame };
  return { k: "assign", op: "=", target, value: { k: "call", callee: cx.rt("localsSnapshot"), args: [...args, target], loc: cx.loc(e) } };
}

/**
 * The builtin (`vars`, `dir`, `locals`, `globals`) a callee names: itself unshadowed, or a name
 * only ever assigned one of them (`f = vars`). Null for any other callee.
 */
export function namespaceBuiltin(cx: LowerContext, callee: py.Expr): string | null {
  if (callee._type !== "Name") return null;
  const builtin = (name: string): string | null => (NAMESPACE_BUILTINS.has(name) && cx.resolve(name) === null ? name : null);
  const scope = cx.resolve(callee.id);
  if (scope === null) return builtin(callee.id);
  const bindings = scope.bindings.get(callee.id) ?? [];
  const assigned = bindings.map((b) => (b.kind === "assign" && b.stmt?._type === "Assign" && b.stmt.value._type === "Name" ? builtin(b.stmt.value.id) : null));
  return assigned.length > 0 && assigned.every((n) => n !== null && n === assigned[0]) ? assigned[0]! : null;
}

const NAMESPACE_BUILTINS = new Set(["locals", "vars", "dir", "globals"]);
