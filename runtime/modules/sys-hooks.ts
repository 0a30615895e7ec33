// More of `sys`: breakpointhook, coroutine origin tracking, audit hooks (sys.audit calls the hooks sys.addaudithook added; pyts's runtime
// raises no events of its own), unraisablehook (atexit reports a failing callback through it,
// as CPython does), the dlopen flags (kept: no extension module is ever loaded) and copyright.
import { environment, writeStderr } from "../core/host.js";
import { originTrackingDepth, setOriginTrackingDepth } from "../core/never-awaited.js";
import { AttributeError, BaseException, ImportError, PyTypeError, RuntimeError, RuntimeWarning, ValueError } from "../values/exceptions.js";
import { getattr } from "../values/builtin-functions.js";
import { splitKw } from "../values/kwargs.js";
import { importByName } from "./program-modules.js";
import { warningsModule } from "./warnings.js";
import { repr, toStr } from "../values/repr.js";
import { asIndex } from "../values/slice.js";
import { formatException } from "../values/traceback.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { callValue } from "./pycall.js";
import { tracebackOf } from "./sys-info.js";
import { COPYRIGHT } from "./site-builtins.js";

const auditHooks: unknown[] = [];

/** `sys.audit(event, *args)`: each hook called with the event and the arguments as a tuple. */
function audit(event: unknown, ...args: unknown[]): null {
  if (auditHooks.length === 0) return null;
  if (typeof event !== "string") throw new PyTypeError(`expected str for argument 'event', not ${typeName(event)}`);
  const tuple = Tuple.from(args);
  for (const hook of [...auditHooks]) callValue(hook, event, tuple);
  return null;
}

/** `sys.addaudithook(hook)`: announced to the hooks already there; a RuntimeError from one vetoes it silently. */
function addaudithook(hook: unknown): null {
  try {
    audit("sys.addaudithook");
  } catch (error) {
    if (error instanceof RuntimeError) return null;
    throw error;
  }
  auditHooks.push(hook);
  return null;
}

const UNRAISABLE_FIELDS = ["exc_type", "exc_value", "exc_traceback", "err_msg", "object"] as const;

/** The argument of sys.unraisablehook (CPython's UnraisableHookArgs struct sequence). */
export class UnraisableHookArgs extends Tuple<unknown> {
  get exc_type(): unknown { return this.items[0]; }
  get exc_value(): unknown { return this.items[1]; }
  get exc_traceback(): unknown { return this.items[2]; }
  get err_msg(): unknown { return this.items[3]; }
  get object(): unknown { return this.items[4]; }
  __repr__(): string {
    return `UnraisableHookArgs(${UNRAISABLE_FIELDS.map((f, i) => `${f}=${repr(this.items[i])}`).join(", ")})`;
  }
}
Object.defineProperties(UnraisableHookArgs, { pythonName: { value: "UnraisableHookArgs" }, __module__: { value: "builtins" } });

/** CPython's default hook: the message (and the object), then the exception's traceback, on stderr. */
function unraisablehook(unraisable: unknown): null {
  const args = unraisable as UnraisableHookArgs;
  const message = args.err_msg === null ? "Exception ignored in" : toStr(args.err_msg);
  let text = args.object === null ? `${message}\n` : `${message}: ${repr(args.object)}\n`;
  const error = args.exc_value;
  text += error instanceof BaseException || error instanceof Error ? formatException(error) : `${String(error)}\n`;
  writeStderr(text);
  return null;
}

/**
 * Reports an exception nothing can catch through `hook` (sys.unraisablehook as the program
 * left it); a hook that fails is reported by the default one, as CPython does.
 */
export function reportUnraisable(hook: unknown, error: unknown, message: string, object: unknown): void {
  const type = error instanceof BaseException ? error.constructor : null;
  const args = new UnraisableHookArgs([type, error, error instanceof BaseException ? tracebackOf(error) : null, message, object]);
  try {
    callValue(hook, args);
  } catch (failure) {
    unraisablehook(new UnraisableHookArgs([failure instanceof BaseException ? failure.constructor : null, failure, null, "Exception ignored in sys.unraisablehook", hook]));
  }
}

/** `sys.breakpointhook(*args, **kws)`: the callable $PYTHONBREAKPOINT names ("0": none); pdb.set_trace by default, which pyts refuses clearly. */
function breakpointhook(...args: unknown[]): unknown {
  const setting = environment("PYTHONBREAKPOINT") ?? "";
  if (setting === "0") return null;
  const hookName = setting === "" ? "pdb.set_trace" : setting;
  // (CPython starts its debugger here; a converted program has none to start)
  if (hookName === "pdb.set_trace") throw new RuntimeError("breakpoint(): pyts has no debugger (pdb) to start; set PYTHONBREAKPOINT=0 to skip breakpoints");
  const dot = hookName.lastIndexOf(".");
  const moduleName = dot < 0 ? "builtins" : hookName.slice(0, dot);
  let hook: unknown;
  try {
    hook = getattr(importByName(moduleName), hookName.slice(dot + 1));
  } catch (error) {
    // As CPython, for a module that cannot be imported (pyts has no pdb) or a name it lacks.
    if (!(error instanceof ImportError || error instanceof AttributeError)) throw error;
    warningsModule.warn(`Ignoring unimportable $PYTHONBREAKPOINT: "${hookName}"`, RuntimeWarning);
    return null;
  }
  return callValue(hook, ...args);
}

/** `sys.set_coroutine_origin_tracking_depth(depth)`: coroutines made from now on record cr_origin. */
function set_coroutine_origin_tracking_depth(...args: unknown[]): null {
  const [pos, kws] = splitKw(args);
  const depth = pos.length > 0 ? pos[0] : kws["depth"];
  if (depth === undefined) throw new PyTypeError("set_coroutine_origin_tracking_depth() missing required argument 'depth' (pos 1)");
  const value = asIndex(depth);
  if (value === undefined) throw new PyTypeError(`'${typeName(depth)}' object cannot be interpreted as an integer`);
  if (value < 0n) throw new ValueError("depth must be >= 0");
  setOriginTrackingDepth(Number(value));
  return null;
}

let dlopenFlags = 2n; // RTLD_NOW, CPython's default

export const sysHooks = {
  breakpointhook: breakpointhook as (...args: unknown[]) => unknown,
  __breakpointhook__: breakpointhook,
  set_coroutine_origin_tracking_depth,
  get_coroutine_origin_tracking_depth: (): bigint => BigInt(originTrackingDepth()),
  /** CPython allows 0 where the count of blocks cannot be computed: JS's heap has no such count. */
  getallocatedblocks: (): bigint => 0n,
  audit,
  addaudithook,
  unraisablehook: unraisablehook as (unraisable: unknown) => unknown,
  __unraisablehook__: unraisablehook,
  getdlopenflags: (): bigint => dlopenFlags,
  setdlopenflags: (flags: unknown): null => {
    const value = asIndex(flags);
    if (value === undefined) throw new PyTypeError(`'${typeName(flags)}' object cannot be interpreted as an integer`);
    dlopenFlags = value;
    return null;
  },
  copyright: COPYRIGHT,
};
