// Generators whose body waits (threads, DESIGN.md §7), handed to what is not a loop. Such a
// generator object is an async iterator (runtime/threads/waiting-iterators.ts's WaitingItems):
// where the program's generators may wait, a value the lowering cannot see through may be one,
// so the runtime helpers that iterate a value (`"".join(gen)`, `heapq.nsmallest(2, gen)`,
// `collections.Counter(gen)`, `xs.extend(gen)`, `x in gen`) run under replay (its items recorded
// as they come), `f(*gen)` / `[*gen]` / `a, b = gen` take its items first, awaited, and the lazy
// itertools over one (`chain`, `islice`, ...) are the runtime's waiting versions.
import type * as py from "../frontend/ast.js";
import type { LowerContext } from "./context.js";
import { absoluteModule } from "./program-imports.js";

/** Expressions whose value is a built-in value, never a generator. */
const NOT_GENERATORS = new Set(["Constant", "List", "Tuple", "Set", "Dict", "ListComp", "SetComp", "DictComp", "JoinedStr", "BinOp", "UnaryOp", "Compare", "Lambda", "GeneratorExp"]);

/** Builtins returning a lazy iterator over their iterable arguments. */
const LAZY_BUILTINS = new Set(["enumerate", "zip", "map", "filter"]);

/** itertools/heapq functions returning a lazy iterator over their arguments, and their waiting versions. */
export const LAZY_TOOLS: Record<string, Record<string, string>> = {
  itertools: { chain: "waitingChain", islice: "waitingIslice", zip_longest: "waitingZipLongest", pairwise: "waitingPairwise", compress: "waitingCompress", cycle: "waitingCycle", tee: "waitingTee" },
  heapq: { merge: "waitingMerge" },
};

/** Does calling the name make a generator whose body waits? */
export function callsWaitingGenerator(cx: LowerContext, e: py.Expr): boolean {
  if (e._type !== "Call" || !generatorsMayWait(cx)) return false;
  const f = e.func;
  if (f._type === "Attribute" && f.value._type === "Name" && cx.importsWaitingGenerators) {
    // `m.gen(...)` after `import m` of a program module
    const bindings = cx.resolve(f.value.id)?.bindings.get(f.value.id);
    const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
    const alias = stmt?._type === "Import" ? stmt.names.find((a) => (a.asname ?? a.name) === (f.value as py.Name).id) : undefined;
    return alias !== undefined && otherModuleGenerator(cx, alias.name, f.attr);
  }
  if (f._type !== "Name") return false;
  const bindings = cx.resolve(f.id)?.bindings.get(f.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  if (stmt?._type === "ImportFrom" && cx.importsWaitingGenerators) {
    const alias = stmt.names.find((a) => (a.asname ?? a.name) === f.id);
    return alias !== undefined && otherModuleGenerator(cx, absoluteModule(cx, stmt), alias.name);
  }
  return stmt !== null && stmt !== undefined && cx.waitingGenerators.has(stmt);
}

function otherModuleGenerator(cx: LowerContext, module: string, name: string): boolean {
  return cx.program?.resolver.waitingGenerators?.(module)?.includes(name) === true;
}

/** Does the module hold a generator whose body waits (or import a program module's function, which may be one)? */
export function generatorsMayWait(cx: LowerContext): boolean {
  return cx.threads !== null && (cx.waitingGenerators.size > 0 || cx.importsWaitingGenerators);
}

/** The module (`itertools`, `heapq`) and function a callee names, if it is one of LAZY_TOOLS. */
export function lazyTool(cx: LowerContext, f: py.Expr): [string, string] | null {
  if (f._type === "Attribute" && f.value._type === "Name") {
    const known = cx.knownBinding(f.value.id);
    return known?.k === "module" && Object.hasOwn(LAZY_TOOLS, known.module) && Object.hasOwn(LAZY_TOOLS[known.module]!, f.attr) ? [known.module, f.attr] : null;
  }
  if (f._type !== "Name") return null;
  const bindings = cx.resolve(f.id)?.bindings.get(f.id);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  if (stmt?._type !== "ImportFrom" || stmt.module === null || !Object.hasOwn(LAZY_TOOLS, stmt.module)) return null;
  const name = stmt.names.find((a) => (a.asname ?? a.name) === f.id)?.name;
  return name !== undefined && Object.hasOwn(LAZY_TOOLS[stmt.module]!, name) ? [stmt.module, name] : null;
}

/** Is an argument of the call surely a generator whose body waits (a call of one, or a lazy builtin or tool over one)? */
export function overWaitingGenerator(cx: LowerContext, e: py.Call, depth = 0): boolean {
  if (!generatorsMayWait(cx) || depth > 8) return false;
  return e.args.some((a) => {
    const value = a._type === "Starred" ? a.value : a;
    if (value._type !== "Call") return false;
    if (callsWaitingGenerator(cx, value)) return true;
    const f = value.func;
    const lazy = (f._type === "Name" && cx.resolve(f.id) === null && LAZY_BUILTINS.has(f.id)) || lazyTool(cx, f) !== null;
    return lazy && overWaitingGenerator(cx, value, depth + 1);
  });
}

/**
 * May the value be a generator whose body waits, or a lazy iterator over one? A call of such a
 * generator; where the module's generators wait, also a name, attribute or item the lowering
 * cannot see through (not inside a generator that does not wait itself: its loops stay
 * synchronous), and the lazy builtins and tools over one.
 */
export function mayHoldWaitingGenerator(cx: LowerContext, e: py.Expr, depth = 0): boolean {
  if (!generatorsMayWait(cx) || depth > 8 || NOT_GENERATORS.has(e._type)) return false;
  if (callsWaitingGenerator(cx, e)) return true;
  if (cx.preciseIteration || (cx.fn.generator && !cx.fn.jsAsync)) return false;
  switch (e._type) {
    case "Name":
    case "Attribute":
    case "Subscript":
      return true;
    case "NamedExpr":
      return mayHoldWaitingGenerator(cx, e.value, depth + 1);
    case "Call": {
      const f = e.func;
      const overOne = (): boolean => e.args.some((a) => mayHoldWaitingGenerator(cx, a._type === "Starred" ? a.value : a, depth + 1));
      if (f._type === "Name" && cx.resolve(f.id) === null) return LAZY_BUILTINS.has(f.id) && overOne();
      if (lazyTool(cx, f) !== null) return overOne();
      return false;
    }
    default:
      return false;
  }
}

/** Runtime functions and methods that iterate an argument at once (not the program's own). */
const ITERATING_BUILTINS = new Set(["bytes", "bytearray", "frozenset", "set", "tuple", "list", "dict", "sorted", "min", "max", "sum"]);
const ITERATING_METHODS = new Set([
  "join", "extend", "update", "writelines", "fromkeys", "union", "intersection", "difference", "symmetric_difference",
  "intersection_update", "difference_update", "symmetric_difference_update", "issubset", "issuperset", "isdisjoint",
  "nsmallest", "nlargest", "Counter", "deque", "OrderedDict", "extendleft", "reduce", "fsum", "prod", "mean", "median",
  "mode", "fmean", "stdev", "variance", "pstdev", "pvariance", "multimode",
  // (itertools' tools that take their iterables' items at once, as CPython's constructors do)
  "product", "combinations", "combinations_with_replacement", "permutations",
]);

/**
 * Does the call hand a value that may be a waiting generator to a runtime function iterating
 * it at once? (Then it runs under replay; lazy tools among its arguments become waiting ones.)
 */
export function iteratesWaitingGenerator(cx: LowerContext, e: py.Call): boolean {
  if (!generatorsMayWait(cx)) return false;
  const f = e.func;
  const iterating =
    (f._type === "Name" && cx.resolve(f.id) === null && ITERATING_BUILTINS.has(f.id)) ||
    (f._type === "Attribute" && ITERATING_METHODS.has(f.attr) && !cx.methodNames.has(f.attr)) ||
    (f._type === "Name" && ITERATING_METHODS.has(f.id) && importedName(cx, f.id));
  if (!iterating) return false;
  let found = false;
  for (const a of e.args) {
    const value = a._type === "Starred" ? a.value : a;
    if (!mayHoldWaitingGenerator(cx, value)) continue;
    found = true;
    markLazy(cx, value);
  }
  return found;
}

/** Lazy builtins and tools over a waiting generator, inside a consumer: their waiting versions. */
export function markLazy(cx: LowerContext, e: py.Expr): void {
  if (e._type !== "Call") return;
  cx.awaitedIterables.add(e);
  for (const a of e.args) markLazy(cx, a._type === "Starred" ? a.value : a);
}

function importedName(cx: LowerContext, name: string): boolean {
  const bindings = cx.resolve(name)?.bindings.get(name);
  const stmt = bindings?.length === 1 ? bindings[0]!.stmt : null;
  return stmt?._type === "ImportFrom";
}

/** Can the running function await a generator's items (an async function or generator, or the module's top level)? */
export function waitsForItems(cx: LowerContext): boolean {
  if (cx.threads === null || cx.fn.coroutine) return false;
  return cx.fn.jsAsync || (!cx.fn.generator && cx.fn.scope === cx.moduleScope);
}

/** The runtime's waiting version of `yield from x` in a generator whose body waits, when x may be one. */
export function yieldsFromWaiting(cx: LowerContext, value: py.Expr): boolean {
  return cx.threads !== null && cx.fn.generator && cx.fn.jsAsync && mayHoldWaitingGenerator(cx, value);
}
