// unittest's remaining module-level names: FunctionTestCase (a test function as a test case),
// the deprecated loader shortcuts getTestCaseNames/makeSuite/findTestCases (with their
// DeprecationWarning); the control-C handling is in unittest-signals.ts.

import { DeprecationWarning, PyTypeError } from "../values/exceptions.js";
import { getattrImpl } from "../values/attributes.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr } from "../values/repr.js";
import { eq } from "../values/compare.js";
import { NotImplemented } from "../values/singletons.js";
import { hash } from "../values/builtin-functions.js";
import { Tuple } from "../values/tuple.js";
import { isNone, pyClass } from "./callable-class.js";
import { standardModule } from "./module-object.js";
import { callValue } from "./pycall.js";
import { TestCase } from "./unittest-case.js";
import { TestLoader, TestSuiteType, three_way_cmp } from "./unittest-loader.js";
import { strclass } from "./unittest-util.js";
import { installHandler, registerResult, removeHandler, removeResult } from "./unittest-signals.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

export class FunctionTestCase extends TestCase {
  static override readonly __module__: string = "unittest.case";
  _setUpFunc: unknown;
  _tearDownFunc: unknown;
  _testFunc: unknown;
  _description: unknown;

  constructor(...args: unknown[]) {
    super();
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string): unknown => (i < pos.length ? pos[i] : name in kw ? kw[name] : null);
    if (pos.length === 0 && !("testFunc" in kw)) throw new PyTypeError("FunctionTestCase.__init__() missing 1 required positional argument: 'testFunc'");
    this._testFunc = arg(0, "testFunc");
    this._setUpFunc = arg(1, "setUp");
    this._tearDownFunc = arg(2, "tearDown");
    this._description = arg(3, "description");
  }

  override setUp(): any {
    if (!isNone(this._setUpFunc)) callValue(this._setUpFunc);
    return null;
  }
  override tearDown(): any {
    if (!isNone(this._tearDownFunc)) callValue(this._tearDownFunc);
    return null;
  }
  runTest(): any {
    callValue(this._testFunc);
    return null;
  }
  override id(): any {
    return getattrImpl(this._testFunc, "__name__");
  }
  override __eq__(other: unknown): unknown {
    if (!(other instanceof (this.constructor as typeof FunctionTestCase))) return NotImplemented;
    const o = other as FunctionTestCase;
    return eq(this._setUpFunc, o._setUpFunc) && eq(this._tearDownFunc, o._tearDownFunc) && eq(this._testFunc, o._testFunc) && eq(this._description, o._description);
  }
  override __hash__(): bigint {
    return hash(Tuple.of(this.constructor, this._setUpFunc, this._tearDownFunc, this._testFunc, this._description)) as bigint;
  }
  override __str__(): string {
    return `${strclass(this.constructor)} (${String(getattrImpl(this._testFunc, "__name__"))})`;
  }
  override __repr__(): string {
    return `<${strclass(this.constructor)} tec=${repr(this._testFunc)}>`;
  }
  override shortDescription(): any {
    if (!isNone(this._description)) return this._description;
    const doc = getattrImpl(this._testFunc, "__doc__");
    return (typeof doc === "string" && doc.split("\n")[0]!.trim()) || null;
  }
}

// ---- the deprecated loader shortcuts ----

function deprecated(name: string, instead: string): void {
  const warnings = standardModule("warnings") as unknown as { warn: unknown };
  // (CPython's stacklevel=2: the caller's line, the first Python frame here)
  callValue(warnings.warn, `unittest.${name}() is deprecated and will be removed in Python 3.13. Please use unittest.TestLoader.${instead}() instead.`, DeprecationWarning, 1n);
}

function makeLoader(prefix: unknown, sortUsing: unknown, suiteClass: unknown = null, patterns: unknown = null): TestLoader {
  const loader = new TestLoader();
  loader.sortTestMethodsUsing = sortUsing;
  loader.testMethodPrefix = prefix;
  loader.testNamePatterns = patterns;
  if (!isNone(suiteClass) && suiteClass !== false) loader.suiteClass = suiteClass;
  return loader;
}

function options(args: unknown[], names: string[], defaults: unknown[]): unknown[] {
  const [pos, kw] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kw ? kw[name] : defaults[i]));
}

export function getTestCaseNames(...args: unknown[]): unknown {
  const [testCaseClass, prefix, sortUsing, patterns] = options(args, ["testCaseClass", "prefix", "sortUsing", "testNamePatterns"], [undefined, undefined, three_way_cmp, null]);
  if (prefix === undefined) throw new PyTypeError("getTestCaseNames() missing 1 required positional argument: 'prefix'");
  deprecated("getTestCaseNames", "getTestCaseNames");
  return callMethod(makeLoader(prefix, sortUsing, null, patterns), "getTestCaseNames", testCaseClass);
}

export function makeSuite(...args: unknown[]): unknown {
  const [testCaseClass, prefix, sortUsing, suiteClass] = options(args, ["testCaseClass", "prefix", "sortUsing", "suiteClass"], [undefined, "test", three_way_cmp, TestSuiteType]);
  deprecated("makeSuite", "loadTestsFromTestCase");
  return callMethod(makeLoader(prefix, sortUsing, suiteClass), "loadTestsFromTestCase", testCaseClass);
}

export function findTestCases(...args: unknown[]): unknown {
  const [module, prefix, sortUsing, suiteClass] = options(args, ["module", "prefix", "sortUsing", "suiteClass"], [undefined, "test", three_way_cmp, TestSuiteType]);
  deprecated("findTestCases", "loadTestsFromModule");
  return callMethod(makeLoader(prefix, sortUsing, suiteClass), "loadTestsFromModule", module);
}

export const unittestExtras = {
  FunctionTestCase: pyClass(FunctionTestCase),
  getTestCaseNames,
  makeSuite,
  findTestCases,
  registerResult,
  removeResult,
  installHandler,
  removeHandler,
};
