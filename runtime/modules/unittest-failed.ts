// The tests unittest's loader makes of what failed to load: `_FailedTest` (an import or a
// load_tests hook that raised) and the `ModuleSkipped` case of a module that raised SkipTest.

import { AttributeError } from "../values/exceptions.js";
import { pyDef } from "../lang/functions.js";
import { toStr } from "../values/repr.js";
import { callValue } from "./pycall.js";
import { TestCase } from "./unittest-case.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * `unittest.loader._FailedTest`: a test named after what failed to load (a module, a
 * load_tests hook), which raises that error again when it runs.
 */
export class FailedTest extends TestCase {
  static readonly pythonName = "_FailedTest";
  static override readonly __module__: string = "unittest.loader";
  _exception: unknown;
  constructor(methodName: string, exception: unknown) {
    super("runTest");
    this._testMethodName = methodName;
    this._exception = exception;
  }
  __getattr__(name: string): unknown {
    if (name !== this._testMethodName) throw new AttributeError(`'_FailedTest' object has no attribute '${name}'`);
    const testFailure = (): never => {
      throw this._exception;
    };
    return pyDef(testFailure, "_FailedTest.__getattr__.<locals>.testFailure", []);
  }
}

/** `_make_skipped_test`: a `ModuleSkipped` case whose one test is skipped with the module's reason. */
export function skippedModuleTest(loader: any, name: string, reason: unknown): unknown {
  class ModuleSkipped extends TestCase {
    static readonly pythonName = "ModuleSkipped";
    static override readonly __module__: string = "unittest.loader";
  }
  const testSkipped = pyDef(function testSkipped(): null {
    return null;
  }, "_make_skipped_test.<locals>.testSkipped", ["self"]);
  Object.assign(testSkipped, { __unittest_skip__: true, __unittest_skip_why__: toStr(reason) });
  Object.defineProperty(ModuleSkipped.prototype, name, { value: testSkipped, configurable: true, writable: true });
  Object.defineProperty(ModuleSkipped, name, { value: testSkipped, configurable: true, writable: true });
  return callValue(loader.suiteClass, [callValue(ModuleSkipped, name)]);
}
