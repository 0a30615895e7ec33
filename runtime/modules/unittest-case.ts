// unittest.TestCase as Lib/unittest/case.py runs it: setUp, the test method, tearDown and the
// cleanups each run as a "test part" whose exception is reported to the result (a failure
// when it is the failureException, an error otherwise, a skip for SkipTest), subTest parts,
// expected failures, and the skip decorators. The assertions are in unittest-asserts.ts.

import { AssertionError, BaseException, KeyboardInterrupt, PyTypeError, ValueError } from "../values/exceptions.js";
import { getattrImpl } from "../values/attributes.js";
import { isinstance, issubclass } from "../values/builtin-functions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isClass } from "../values/typename.js";
import { shareClassAttributes } from "../lang/objects.js";
import { CLASS_METHOD } from "../lang/functions.js";
import { callMethod } from "../values/methods.js";
import { isNone } from "./callable-class.js";
import { fixTraceback } from "./traceback.js";
import { pythonFrames } from "../values/traceback.js";
import { callValue } from "./pycall.js";
import { ShouldStop, SkipTest, strclass } from "./unittest-util.js";
import { addClassCleanup, doClassCleanups, enterClassContext, enterContext } from "./unittest-cleanups.js";

/** `getattr(obj, name, fallback)`. */
export function attrOr(obj: unknown, name: string, fallback: unknown): any {
  try {
    const v = getattrImpl(obj, name);
    return v === undefined ? fallback : v;
  } catch {
    return fallback;
  }
}

/** sys.exc_info() of a caught exception: its traceback fixed now, relative to the runner. */
export function excInfo(e: unknown, outer: string[] | null = null): Tuple {
  if (e instanceof BaseException && outer !== null) fixTraceback(e, outer);
  if (e instanceof BaseException) return Tuple.of(e.constructor, e, e.__traceback__);
  return Tuple.of(null, e, null);
}

/** `_addSkip`: the result's addSkip (CPython warns and counts a success without one). */
export function addSkip(result: unknown, test: unknown, reason: unknown): void {
  if (isNone(attrOr(result, "addSkip", null))) callMethod(result, "addSuccess", test);
  else callMethod(result, "addSkip", test, reason);
}

/** Reports an exception of a test part: failure or error. */
function addError(result: unknown, test: unknown, info: Tuple): void {
  const value = info.at(1);
  const failure = attrOr(test, "failureException", AssertionError);
  if (!isNone(result) && value instanceof BaseException && isinstance(value, failure)) callMethod(result, "addFailure", test, info);
  else callMethod(result, "addError", test, info);
}

/** The state of one test's run (`_Outcome`). */
export class Outcome {
  expecting_failure = false;
  success = true;
  expectedFailure: Tuple | null = null;
  readonly resultSupportsSubtests: boolean;
  /** the runner's frames: a test's traceback starts below them */
  readonly outer = pythonFrames(new Error());
  constructor(readonly result: unknown) {
    this.resultSupportsSubtests = !isNone(attrOr(result, "addSubTest", null));
  }

  /** Begins a part; `finish` ends it with the exception it raised (undefined when none). */
  begin(): boolean {
    const old = this.success;
    this.success = true;
    return old;
  }

  /** Ends a part: reports what it raised. Returns false when the exception must propagate. */
  finish(old: boolean, testCase: unknown, error: unknown, subTest: boolean, raised: boolean): boolean {
    try {
      if (!raised) {
        if (subTest && this.success) callMethod(this.result, "addSubTest", (testCase as SubTest).test_case, testCase, null);
        return true;
      }
      if (error instanceof KeyboardInterrupt) return false;
      if (error instanceof SkipTest) {
        this.success = false;
        addSkip(this.result, testCase, toStr(error));
      } else if (error instanceof ShouldStop) {
        // quietly stopped
      } else {
        const info = excInfo(error, this.outer);
        if (this.expecting_failure) this.expectedFailure = info;
        else {
          this.success = false;
          if (subTest) callMethod(this.result, "addSubTest", (testCase as SubTest).test_case, testCase, info);
          else addError(this.result, testCase, info);
        }
      }
      return true;
    } finally {
      this.success = this.success && old;
    }
  }

  /** `with outcome.testPartExecutor(testCase): fn()`. */
  part(testCase: unknown, fn: () => unknown): void {
    const old = this.begin();
    let error: unknown;
    let raised = false;
    try {
      fn();
    } catch (e) {
      error = e;
      raised = true;
    }
    if (!this.finish(old, testCase, error, false, raised)) throw error;
  }
}

type Cleanup = [unknown, unknown[]];

/* eslint-disable @typescript-eslint/no-explicit-any */
export class TestCase {
  [attr: string]: any;
  static readonly __module__: string = "unittest.case";
  static failureException: unknown = AssertionError;
  static longMessage: unknown = true;
  static maxDiff: unknown = 640n;
  static _diffThreshold: unknown = 65536n;
  static _classSetupFailed = false;

  static {
    shareClassAttributes(this, ["failureException", "longMessage", "maxDiff", "_diffThreshold"]);
  }

  _testMethodName: string;
  _testMethodDoc: unknown = null;
  _outcome: Outcome | null = null;
  _subtest: SubTest | null = null;
  _cleanups: Cleanup[] = [];

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const methodName = toStr(pos[0] ?? kw["methodName"] ?? "runTest");
    this._testMethodName = methodName;
    const method = attrOr(this.constructor, methodName, undefined);
    if (method === undefined) {
      if (methodName !== "runTest") throw new ValueError(`no such test method in ${repr(this.constructor)}: ${methodName}`);
    } else {
      this._testMethodDoc = attrOr(method, "__doc__", null);
    }
  }

  setUp(): any {
    return null;
  }
  tearDown(): any {
    return null;
  }
  static setUpClass(): any {
    return null;
  }
  static tearDownClass(): any {
    return null;
  }
  static addClassCleanup(this: Function, ...args: unknown[]): any {
    return addClassCleanup(this, ...args);
  }
  static doClassCleanups(this: Function): any {
    return doClassCleanups(this);
  }
  static enterClassContext(this: Function, cm: unknown): any {
    return enterClassContext(this, cm);
  }
  static {
    // (class methods: read off a class they are bound to it)
    for (const name of ["addClassCleanup", "doClassCleanups", "enterClassContext"]) Object.defineProperty((this as unknown as Record<string, object>)[name], CLASS_METHOD, { value: true });
  }

  countTestCases(): bigint {
    return 1n;
  }

  defaultTestResult(): any {
    return callValue(unittestHooks.TestResult);
  }

  id(): any {
    return `${strclass(this.constructor)}.${this._testMethodName}`;
  }

  shortDescription(): any {
    const doc = this._testMethodDoc;
    if (typeof doc !== "string" || doc === "") return null;
    return doc.trim().split("\n")[0]!.trim();
  }

  __str__(): string {
    return `${this._testMethodName} (${strclass(this.constructor)}.${this._testMethodName})`;
  }

  __repr__(): string {
    return `<${strclass(this.constructor)} testMethod=${this._testMethodName}>`;
  }

  __eq__(other: unknown): unknown {
    if (other === null || typeof other !== "object" || other.constructor !== this.constructor) return false;
    return this._testMethodName === (other as TestCase)._testMethodName;
  }

  __hash__(): bigint {
    let h = 0;
    for (const c of `${strclass(this.constructor)}.${this._testMethodName}`) h = (h * 31 + c.charCodeAt(0)) | 0;
    return BigInt(h);
  }

  addCleanup(fn: unknown, ...args: unknown[]): any {
    this._cleanups.push([fn, args]);
    return null;
  }

  /** `enterContext(cm)`: enters `cm`, its `__exit__` a cleanup of this test. */
  enterContext(cm: unknown): any {
    return enterContext(cm, (...args) => callMethod(this, "addCleanup", ...args));
  }

  doCleanups(): any {
    const outcome = this._outcome ?? new Outcome(null);
    while (this._cleanups.length > 0) {
      const [fn, args] = this._cleanups.pop()!;
      outcome.part(this, () => callMethod(this, "_callCleanup", fn, ...args));
    }
    return outcome.success;
  }

  // The steps of run(), as case.py names them (IsolatedAsyncioTestCase runs them on its loop).
  _callSetUp(): any {
    return callMethod(this, "setUp");
  }
  _callTestMethod(method: unknown): any {
    return callValue(method);
  }
  _callTearDown(): any {
    return callMethod(this, "tearDown");
  }
  _callCleanup(fn: unknown, ...args: unknown[]): any {
    return callValue(fn, ...args);
  }

  skipTest(reason: unknown): any {
    throw new SkipTest(reason);
  }

  fail(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const msg = pos.length > 0 ? pos[0] : (kw["msg"] ?? null);
    throw callValue(this.failureException, ...(isNone(msg) ? [] : [msg]));
  }

  subTest(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const msg = pos.length > 0 ? pos[0] : "msg" in kw ? kw["msg"] : NO_MESSAGE;
    const params: [string, unknown][] = Object.entries(kw).filter(([k]) => !(pos.length === 0 && k === "msg"));
    return new SubTestContext(this, msg, params);
  }

  __call__(...args: unknown[]): any {
    return callMethod(this, "run", ...args);
  }

  debug(): any {
    callMethod(this, "_callSetUp");
    callMethod(this, "_callTestMethod", getattrImpl(this, this._testMethodName));
    callMethod(this, "_callTearDown");
    while (this._cleanups.length > 0) {
      const [fn, args] = this._cleanups.pop()!;
      callMethod(this, "_callCleanup", fn, ...args);
    }
    return null;
  }

  run(result: unknown = null): any {
    let stopTestRun: unknown = null;
    if (isNone(result)) {
      result = callMethod(this, "defaultTestResult");
      const start = attrOr(result, "startTestRun", null);
      stopTestRun = attrOr(result, "stopTestRun", null);
      if (!isNone(start)) callValue(start);
    }
    callMethod(result, "startTest", this);
    try {
      const cls = this.constructor;
      const method = attrOr(cls, this._testMethodName, null);
      if (truthy(attrOr(cls, "__unittest_skip__", false)) || truthy(attrOr(method, "__unittest_skip__", false))) {
        const why = attrOr(cls, "__unittest_skip_why__", "") || attrOr(method, "__unittest_skip_why__", "");
        addSkip(result, this, why);
        return result;
      }
      const expectingFailure = truthy(attrOr(this, "__unittest_expecting_failure__", false)) || truthy(attrOr(method, "__unittest_expecting_failure__", false));
      const outcome = new Outcome(result);
      try {
        this._outcome = outcome;
        outcome.part(this, () => callMethod(this, "_callSetUp"));
        if (outcome.success) {
          outcome.expecting_failure = expectingFailure;
          outcome.part(this, () => callMethod(this, "_callTestMethod", getattrImpl(this, this._testMethodName)));
          outcome.expecting_failure = false;
          outcome.part(this, () => callMethod(this, "_callTearDown"));
        }
        callMethod(this, "doCleanups");
        if (outcome.success) {
          if (expectingFailure) {
            if (outcome.expectedFailure !== null) callMethod(result, "addExpectedFailure", this, outcome.expectedFailure);
            else callMethod(result, "addUnexpectedSuccess", this);
          } else {
            callMethod(result, "addSuccess", this);
          }
        }
        return result;
      } finally {
        this._outcome = null;
      }
    } finally {
      callMethod(result, "stopTest", this);
      if (!isNone(stopTestRun)) callValue(stopTestRun);
    }
  }
}

/** Filled by unittest-result.ts (the default result class). */
export const unittestHooks: { TestResult: unknown } = { TestResult: null };

const NO_MESSAGE = Symbol("no subtest message");

/** A subtest: reported in place of its test case. */
export class SubTest extends TestCase {
  static readonly pythonName = "_SubTest";
  readonly test_case: TestCase;
  readonly _message: unknown;
  /** its parameters, the innermost subtest's first */
  readonly maps: [string, unknown][][];

  constructor(testCase: TestCase, message: unknown, maps: [string, unknown][][]) {
    super();
    this.test_case = testCase;
    this._message = message;
    this.maps = maps;
    this.failureException = testCase.failureException;
  }

  get params(): [string, unknown][] {
    const seen = new Map<string, unknown>();
    for (const map of this.maps) for (const [k, v] of map) if (!seen.has(k)) seen.set(k, v);
    // ChainMap lookups take the innermost value of each key
    return Array.from(seen.entries());
  }

  subDescription(): string {
    const parts: string[] = [];
    if (this._message !== NO_MESSAGE) parts.push(`[${toStr(this._message)}]`);
    const params = this.params;
    if (params.length > 0) parts.push(`(${params.map(([k, v]) => `${k}=${repr(v)}`).join(", ")})`);
    return parts.join(" ") || "(<subtest>)";
  }

  override id(): any {
    return `${toStr(callMethod(this.test_case, "id"))} ${this.subDescription()}`;
  }

  override shortDescription(): any {
    return callMethod(this.test_case, "shortDescription");
  }

  override __str__(): string {
    return `${toStr(this.test_case)} ${this.subDescription()}`;
  }

  override __repr__(): string {
    return this.__str__();
  }

  override run(): any {
    throw new PyTypeError("subtests cannot be run directly");
  }
}

class SubTestContext {
  static readonly pythonName = "_GeneratorContextManager";
  #passthrough = false;
  #parent: SubTest | null = null;
  #old = true;

  constructor(
    readonly tc: TestCase,
    readonly msg: unknown,
    readonly params: [string, unknown][],
  ) {}

  __enter__(): null {
    const outcome = this.tc._outcome;
    if (outcome === null || !outcome.resultSupportsSubtests) {
      this.#passthrough = true;
      return null;
    }
    this.#parent = this.tc._subtest;
    const maps = [this.params, ...(this.#parent?.maps ?? [])];
    this.tc._subtest = new SubTest(this.tc, this.msg, maps);
    this.#old = outcome.begin();
    return null;
  }

  __exit__(_type: unknown, value: unknown, _tb: unknown): boolean {
    if (this.#passthrough) return false;
    const outcome = this.tc._outcome!;
    try {
      const raised = !isNone(value);
      if (!outcome.finish(this.#old, this.tc._subtest, value, true, raised)) return false;
      if (!outcome.success) {
        if (truthy(attrOr(outcome.result, "failfast", false))) throw new ShouldStop();
      } else if (outcome.expectedFailure !== null) {
        throw new ShouldStop();
      }
      return true;
    } finally {
      this.tc._subtest = this.#parent;
    }
  }
}

// ---- decorators ----

function markSkip(item: unknown, reason: unknown): unknown {
  let target = item;
  if (!isClass(item)) {
    const skipWrapper = function (): never {
      throw new SkipTest(reason);
    };
    for (const key of ["__name__", "__qualname__", "__doc__", "__module__"]) {
      const v = attrOr(item, key, undefined);
      if (v !== undefined) Object.defineProperty(skipWrapper, key === "__name__" ? "__name__" : key, { value: v, writable: true, configurable: true });
    }
    target = skipWrapper;
  }
  (target as Record<string, unknown>)["__unittest_skip__"] = true;
  (target as Record<string, unknown>)["__unittest_skip_why__"] = reason;
  return target;
}

export function skip(reason: unknown): unknown {
  if (typeof reason === "function" && !isClass(reason)) return markSkip(reason, "");
  return (item: unknown) => markSkip(item, reason);
}

const identity = (item: unknown): unknown => item;

export function skipIf(condition: unknown, reason: unknown): unknown {
  return truthy(condition) ? skip(reason) : identity;
}

export function skipUnless(condition: unknown, reason: unknown): unknown {
  return truthy(condition) ? identity : skip(reason);
}

export function expectedFailure(item: unknown): unknown {
  (item as Record<string, unknown>)["__unittest_expecting_failure__"] = true;
  return item;
}

/** Is `x` a TestCase class? */
export function isTestCaseClass(x: unknown): boolean {
  return isClass(x) && issubclass(x, TestCase);
}

