// Thread switch points (DESIGN.md §7): in a program that imports threading, queue or
// concurrent.futures (or hands work to threads from asyncio), the calls where a green thread
// may wait for another become awaits, and so do the calls of functions reaching one
// (blocking.ts colours them as it does for run_until_complete).
import type * as py from "../frontend/ast.js";
import { forEachChild, type AnyNode } from "../frontend/walk.js";
import type { LowerContext } from "./context.js";
import type { Scope } from "./scope.js";
import { RUNTIME_SUBMODULES } from "./builtins.js";
import { waitsWhereCalled } from "./implicit-waits.js";
import { REPLAYED_DUNDERS } from "./replay-waits.js";

export interface ThreadUse {
  /** concurrent.futures is imported (or run_coroutine_threadsafe used): `.result()` may wait */
  futures: boolean;
}

const THREAD_MODULES = new Set(["threading", "queue", "concurrent", "concurrent.futures", "_thread"]);
const EXECUTOR_ATTRIBUTES = new Set(["run_in_executor", "to_thread", "run_coroutine_threadsafe", "wrap_future"]);

/** Does the module use threads, and how? (null: it does not, and keeps today's code) */
export function threadUse(module: py.Module): ThreadUse | null {
  let threads = false;
  let futures = false;
  // (the node kinds' children, not every field of every object: this meets every node)
  const pending: AnyNode[] = [...module.body];
  const push = (child: AnyNode): void => {
    pending.push(child);
  };
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node._type === "Import") {
      for (const alias of node.names) {
        if (THREAD_MODULES.has(alias.name)) threads = true;
        if (alias.name.startsWith("concurrent")) futures = true;
      }
    } else if (node._type === "ImportFrom") {
      const name = node.module ?? "";
      if (node.level === 0 && THREAD_MODULES.has(name)) threads = true;
      if (node.level === 0 && name.startsWith("concurrent")) futures = true;
    } else if (node._type === "Attribute") {
      if (EXECUTOR_ATTRIBUTES.has(node.attr)) threads = true;
      if (node.attr === "run_coroutine_threadsafe") futures = true;
    }
    forEachChild(node, push);
  }
  return threads ? { futures } : null;
}

/** The runtime module an expression names (`time`, `concurrent.futures`), if it is one. */
export function moduleName(cx: LowerContext, e: py.Expr): string | null {
  if (e._type === "Name") {
    const known = cx.knownBinding(e.id);
    return known?.k === "module" ? known.module : null;
  }
  if (e._type !== "Attribute") return null;
  const outer = moduleName(cx, e.value);
  const inner = outer === null ? null : `${outer}.${e.attr}`;
  return inner !== null && RUNTIME_SUBMODULES.has(inner) ? inner : null;
}

/** `sleep` bound by `from time import sleep`: its module and name. */
export function importedName(cx: LowerContext, name: string, from: Scope): [string, string] | null {
  const scope = cx.resolve(name, from);
  const bindings = scope?.bindings.get(name);
  if (!bindings || bindings.length !== 1) return null;
  const stmt = bindings[0]!.stmt;
  if (stmt?._type !== "ImportFrom" || stmt.level !== 0 || stmt.module === null) return null;
  const alias = stmt.names.find((a) => (a.asname ?? a.name) === name);
  return alias ? [stmt.module, alias.name] : null;
}

/** What kind of switch a module function is: "sleep" (time.sleep) or "call". */
function moduleFunction(module: string, name: string): string | null {
  if (module === "time" && name === "sleep") return "sleep";
  if (module === "concurrent.futures" && (name === "wait" || name === "as_completed")) return "call";
  if (module === "urllib.request" && name === "urlopen") return "urlopen";
  if (module === "urllib.request" && name === "urlretrieve") return "call";
  if (module === "select" && name === "select") return "call";
  // waiting for a child os started (spawn* without P_NOWAIT waits too)
  if (module === "os" && (name === "wait" || name === "waitpid" || name === "waitid" || name.startsWith("spawn"))) return "call";
  return null;
}

function isNumber(e: py.Expr | undefined): boolean {
  if (e === undefined) return false;
  if (e._type === "UnaryOp") return isNumber(e.operand);
  return e._type === "Constant" && (e.value.kind === "int" || e.value.kind === "float");
}

function isBool(e: py.Expr | undefined): boolean {
  return e !== undefined && e._type === "Constant" && e.value.kind === "bool";
}

/**
 * Is the call a thread switch point: "sleep" for time.sleep, "call" or "method" for the
 * others (a method named like a waiting one of threading, queue or concurrent.futures, on a
 * receiver that is neither a module nor a constant, with arguments that fit it)?
 */
export function threadSwitch(cx: LowerContext, e: py.Call, f: py.Expr, from: Scope): string | null {
  if (f._type === "Name") {
    const imported = importedName(cx, f.id, from);
    return imported === null ? null : moduleFunction(imported[0], imported[1]);
  }
  if (f._type !== "Attribute") return null;
  const module = moduleName(cx, f.value);
  if (module !== null) return moduleFunction(module, f.attr);
  return switchMethod(e, f, cx.threads?.futures === true);
}

/**
 * `threadSwitch` read from the syntax alone (another module of the program, before it is
 * converted): `time.sleep(...)`, `sleep(...)` and the waiting methods.
 */
export function syntacticThreadSwitch(e: py.Call, futures: boolean): string | null {
  const f = e.func;
  if (f._type === "Name") return f.id === "sleep" ? "sleep" : null;
  if (f._type !== "Attribute") return null;
  if (f.value._type === "Name" && f.value.id === "time") return f.attr === "sleep" ? "sleep" : null;
  return switchMethod(e, f, futures);
}

/** A method named like a waiting one, on a receiver that is not a constant, with arguments that fit it. */
function switchMethod(e: py.Call, f: py.Attribute, futures: boolean): string | null {
  if (f.value._type === "Constant" || f.value._type === "JoinedStr") return null;
  const positional = e.args.length;
  const keywords = e.keywords.map((k) => k.arg);
  switch (f.attr) {
    case "acquire":
    case "wait":
    case "wait_for":
    case "put":
    case "submit":
    case "shutdown":
    // sockets (and their files) waiting for a peer
    case "accept":
    case "recv":
    case "recvfrom":
    case "recv_into":
    case "recvfrom_into":
    case "readline":
    case "readlines":
    case "select":
    case "getresponse":
    // a child process (subprocess.Popen)
    case "communicate":
    case "serve_forever":
    case "handle_request":
      return "method";
    case "read":
      return positional <= 1 ? "method" : null;
    // urllib's `opener.open(url, data=None, timeout=...)` (its handlers may wait for a server thread)
    case "open":
      return positional >= 1 && positional <= 3 && keywords.every((k) => k === "data" || k === "timeout") ? "method" : null;
    case "map":
      return positional >= 2 ? "method" : null;
    case "join":
      return (positional === 0 && keywords.every((k) => k === "timeout")) || (positional === 1 && isNumber(e.args[0])) ? "method" : null;
    case "get":
      return positional === 0 || isBool(e.args[0]) || keywords.some((k) => k === "block" || k === "timeout") ? "method" : null;
    case "start":
      return positional === 0 && keywords.length === 0 ? "method" : null;
    case "result":
    case "exception":
      return futures ? "method" : null;
    default:
      return null;
  }
}

/**
 * `with lock:`, `with self.cond:`, `with ThreadPoolExecutor() as ex:`: entering may wait; so
 * may any `with` once some class's `__enter__` or `__exit__` waits.
 */
export function switchingWith(cx: LowerContext, e: py.Expr): boolean {
  if (e._type === "Name" || e._type === "Attribute") return true;
  if (cx.blockingMethodNames.has("__enter__") || cx.blockingMethodNames.has("__exit__")) return true;
  if (e._type !== "Call") return false;
  const f = e.func;
  const name = f._type === "Name" ? f.id : f._type === "Attribute" ? f.attr : "";
  return name.endsWith("Executor");
}

const WAITING_DUNDERS = new Set(["__enter__", "__exit__", "__call__", "__init__"]);

/**
 * May the function become async for threads? Not one the runtime calls and uses the value of
 * at once (`__init__`, `__str__`, ..., properties): there a switch call is not awaited.
 */
export function mayWait(def: py.FunctionDef | py.AsyncFunctionDef): boolean {
  if (waitsWhereCalled(def)) return true;
  if (def.name.startsWith("__") && def.name.endsWith("__") && !WAITING_DUNDERS.has(def.name) && !REPLAYED_DUNDERS.has(def.name)) return false;
  return !def.decorator_list.some((d) => (d._type === "Name" && d.id === "property") || (d._type === "Attribute" && (d.attr === "setter" || d.attr === "getter" || d.attr === "deleter")));
}
