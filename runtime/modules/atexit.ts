// Python's `atexit`: functions registered to run when the program ends (its last statement,
// sys.exit() or an uncaught exception, after the traceback), last registered first. An
// exception in one is reported as CPython reports it and the others still run.

import { onProcessExit } from "../core/host.js";
import { eq } from "../values/compare.js";
import { PyTypeError, SystemExit } from "../values/exceptions.js";
import { callable } from "../values/builtin-functions.js";
import { callValue } from "./pycall.js";
import { reportUnraisable } from "./sys-hooks.js";
import { sysModule } from "./sys.js";
import { moduleObject } from "./module-object.js";

const callbacks: { func: unknown; args: unknown[] }[] = [];
let hooked = false;

function runExitfuncs(): null {
  while (callbacks.length > 0) {
    const { func, args } = callbacks.pop()!;
    try {
      callValue(func, ...args);
    } catch (error) {
      if (error instanceof SystemExit) continue;
      // through sys.unraisablehook, as CPython reports it
      reportUnraisable(sysModule.unraisablehook, error, "Exception ignored in atexit callback", func);
    }
  }
  return null;
}

function register(func: unknown, ...args: unknown[]): unknown {
  if (!callable(func)) throw new PyTypeError("the first argument must be callable");
  callbacks.push({ func, args });
  if (!hooked) {
    hooked = true;
    onProcessExit(() => void runExitfuncs());
  }
  return func;
}

function unregister(func: unknown): null {
  for (let i = callbacks.length - 1; i >= 0; i--) if (eq(callbacks[i]!.func, func)) callbacks.splice(i, 1);
  return null;
}

export const atexitModule = moduleObject("atexit", {
  register,
  unregister,
  _run_exitfuncs: runExitfuncs,
  _clear: (): null => {
    callbacks.length = 0;
    return null;
  },
  _ncallbacks: (): bigint => BigInt(callbacks.length),
});
