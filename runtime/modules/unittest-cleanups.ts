// unittest's module-level cleanups (Lib/unittest/case.py): addModuleCleanup,
// enterModuleContext and doModuleCleanups, which the suite runs after tearDownModule (or after
// a failed setUpModule), last added first.

import { Exception, PyTypeError } from "../values/exceptions.js";
import { splitKw, Kwargs } from "../values/kwargs.js";
import { getattrImpl } from "../values/attributes.js";
import { moduleName, qualName } from "../values/typename.js";
import { callValue } from "./pycall.js";
import { typeOf } from "../values/builtin-types.js";

type Cleanup = readonly [fn: unknown, args: unknown[]];
const moduleCleanups: Cleanup[] = [];

/** addModuleCleanup(function, /, *args, **kwargs) */
export function addModuleCleanup(...args: unknown[]): null {
  const [pos, kw] = splitKw(args);
  if (pos.length === 0) throw new PyTypeError("addModuleCleanup() missing 1 required positional argument: 'function'");
  const rest = pos.slice(1) as unknown[];
  if (Object.keys(kw).length > 0) rest.push(new Kwargs(kw));
  moduleCleanups.push([pos[0], rest]);
  return null;
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
