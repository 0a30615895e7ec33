// unittest's module-level cleanups (Lib/unittest/case.py): addModuleCleanup,
// enterModuleContext and doModuleCleanups, which the suite runs after tearDownModule (or after
// a failed setUpModule), last added first; and a test class's (addClassCleanup,
// enterClassContext, doClassCleanups), run after tearDownClass (or a failed setUpClass).

import { Exception, PyTypeError } from "../values/exceptions.js";
import { splitKw, Kwargs } from "../values/kwargs.js";
import { getattrImpl } from "../values/attributes.js";
import { moduleName, qualName } from "../values/typename.js";
import { callValue } from "./pycall.js";
import { typeOf } from "../values/builtin-types.js";
import { Tuple } from "../values/tuple.js";
import { tracebackOf } from "./sys-info.js";

type Cleanup = readonly [fn: unknown, args: unknown[]];
const moduleCleanups: Cleanup[] = [];

/** `(function, /, *args, **kwargs)` as a cleanup, for `what` (the method's name in errors). */
function cleanupOf(what: string, args: unknown[]): Cleanup {
  const [pos, kw] = splitKw(args);
  if (pos.length === 0) throw new PyTypeError(`${what}() missing 1 required positional argument: 'function'`);
  const rest = pos.slice(1) as unknown[];
  if (Object.keys(kw).length > 0) rest.push(new Kwargs(kw));
  return [pos[0], rest];
}

/** addModuleCleanup(function, /, *args, **kwargs) */
export function addModuleCleanup(...args: unknown[]): null {
  moduleCleanups.push(cleanupOf("addModuleCleanup", args));
  return null;
}

/** Each test class's own cleanups (CPython's `cls._class_cleanups`, made per subclass). */
const classCleanups = new WeakMap<object, Cleanup[]>();

/** `TestCase.addClassCleanup(function, /, *args, **kwargs)`, a class method. */
export function addClassCleanup(cls: object, ...args: unknown[]): null {
  const cleanup = cleanupOf("addClassCleanup", args);
  let list = classCleanups.get(cls);
  if (list === undefined) classCleanups.set(cls, (list = []));
  list.push(cleanup);
  return null;
}

/**
 * `TestCase.doClassCleanups()`: runs the class's cleanups, last added first; what they raise
 * goes to `cls.tearDown_exceptions` (exc_info tuples), which the suite reports.
 */
export function doClassCleanups(cls: object): null {
  const raised: unknown[] = [];
  (cls as { tearDown_exceptions: unknown }).tearDown_exceptions = raised;
  const list = classCleanups.get(cls) ?? [];
  while (list.length > 0) {
    const [fn, args] = list.pop()!;
    try {
      callValue(fn, ...args);
    } catch (e) {
      if (!(e instanceof Exception)) throw e;
      raised.push(Tuple.of(typeOf(e), e, tracebackOf(e)));
    }
  }
  return null;
}

/** `TestCase.enterClassContext(cm)`: enters `cm`, its `__exit__` a class cleanup. */
export function enterClassContext(cls: object, cm: unknown): unknown {
  return enterContext(cm, (...args) => addClassCleanup(cls, ...args));
}

/** Runs the module cleanups, last first; the first exception is raised once all have run. */
export function doModuleCleanups(): null {
  const errors: unknown[] = [];
  while (moduleCleanups.length > 0) {
    const [fn, args] = moduleCleanups.pop()!;
    try {
      callValue(fn, ...args);
    } catch (e) {
      if (!(e instanceof Exception)) throw e;
      errors.push(e);
    }
  }
  if (errors.length > 0) throw errors[0];
  return null;
}

/** `_enter_context`: enters `cm` and registers its `__exit__` with `addCleanup`. */
export function enterContext(cm: unknown, addCleanup: (...args: unknown[]) => unknown): unknown {
  const cls = typeOf(cm);
  let enter: unknown;
  let exit: unknown;
  try {
    enter = getattrImpl(cm, "__enter__");
    exit = getattrImpl(cm, "__exit__");
  } catch {
    throw new PyTypeError(`'${moduleName(cls as never)}.${qualName(cls as never)}' object does not support the context manager protocol`);
  }
  const result = callValue(enter);
  addCleanup(exit, null, null, null);
  return result;
}

export function enterModuleContext(cm: unknown): unknown {
  return enterContext(cm, addModuleCleanup);
}
