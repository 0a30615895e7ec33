// TestSuite (with the class and module fixtures: setUpClass/tearDownClass,
// setUpModule/tearDownModule), TestLoader and unittest.main (TestProgram), as
// Lib/unittest/suite.py, loader.py and main.py run them.

import { AttributeError, DeprecationWarning, Exception, PyTypeError, SystemExit } from "../values/exceptions.js";
import { standardModule } from "./module-object.js";
import { callable, issubclass } from "../values/builtin-functions.js";
import { iterable } from "../values/iteration.js";
import { getitem } from "../values/subscript.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, toStr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { isClass, moduleName, qualName } from "../values/typename.js";
import { dir, shareClassAttributes } from "../lang/objects.js";
import { gt, lt } from "../values/compare.js";
import { getattrImpl } from "../values/attributes.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { fnmatchcase } from "./fnmatch.js";
import { sysModule } from "./sys.js";
import { attrOr, excInfo, isTestCaseClass, TestCase } from "./unittest-case.js";
import { TextTestRunnerType } from "./unittest-result.js";
import { SkipTest, strclass } from "./unittest-util.js";
import { doModuleCleanups } from "./unittest-cleanups.js";
import { tracebackModule } from "./traceback.js";
import { FailedTest } from "./unittest-failed.js";
import { discover } from "./unittest-discover.js";
import { usageExit } from "./unittest-usage.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** `_ErrorHolder`: stands for a class or module fixture that raised. */
class ErrorHolder {
  static readonly pythonName = "_ErrorHolder";
  readonly failureException = null;
  constructor(readonly description: string) {}
  id(): string {
    return this.description;
  }
  shortDescription(): null {
    return null;
  }
  __repr__(): string {
    return `<ErrorHolder description=${repr(this.description)}>`;
  }
  __str__(): string {
    return this.id();
  }
  countTestCases(): bigint {
    return 0n;
  }
}

function fixtureError(result: any, e: unknown, method: string, parent: string): void {
  const error = new ErrorHolder(`${method} (${parent})`);
  if (e instanceof SkipTest && !isNone(attrOr(result, "addSkip", null))) callMethod(result, "addSkip", error, toStr(e));
  else callMethod(result, "addError", error, excInfo(e));
}

const isException = (e: unknown): boolean => e instanceof Exception;


function moduleNamed(name: string): unknown {
  return sysModule.modules.get(name);
}

/** BaseTestSuite: a suite that runs its tests without class and module fixtures. */
export class BaseTestSuite {
  [attr: string]: any;
  static readonly __module__: string = "unittest.suite";
  _tests: unknown[] = [];
  _removed_tests = 0n;
  _cleanup = true;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    this.addTests(pos[0] ?? kw["tests"] ?? []);
  }

  __repr__(): string {
    return `<${strclass(this.constructor)} tests=${repr(this._tests)}>`;
  }
  __eq__(other: unknown): unknown {
    if (!(other instanceof BaseTestSuite)) return false;
    return this._tests.length === other._tests.length && this._tests.every((t, i) => t === other._tests[i] || truthy(callMethod(t, "__eq__", other._tests[i])));
  }
  __iter__(): Iterator<unknown> {
    return this._tests.slice()[Symbol.iterator]();
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.__iter__();
  }
  countTestCases(): bigint {
    let cases = this._removed_tests;
    for (const test of this._tests) if (!isNone(test)) cases += callMethod(test, "countTestCases") as bigint;
    return cases;
  }
  addTest(test: unknown): any {
    if (!callable(test)) throw new PyTypeError(`${repr(test)} is not callable`);
    if (isClass(test) && (issubclass(test, TestCase) || issubclass(test, BaseTestSuite))) {
      throw new PyTypeError("TestCases and TestSuites must be instantiated before passing them to addTest()");
    }
    this._tests.push(test);
    return null;
  }
  addTests(tests: unknown): any {
    if (typeof tests === "string") throw new PyTypeError("tests must be an iterable of tests, not a string");
    for (const test of iterable(tests)) callMethod(this, "addTest", test);
    return null;
  }
  __call__(...args: unknown[]): any {
    return callMethod(this, "run", ...args);
  }
  run(result: any): any {
    for (const test of this._tests.slice()) {
      if (truthy(result.shouldStop)) break;
      callValue(test, result);
    }
    return result;
  }

  debug(): any {
    for (const test of this._tests.slice()) callMethod(test, "debug");
    return null;
  }
}

export class TestSuite extends BaseTestSuite {
  override debug(): any {
    return this.run(new DebugResult(), true);
  }

  override run(result: any, debug = false): any {
    let topLevel = false;
    if (attrOr(result, "_testRunEntered", false) === false) {
      result._testRunEntered = topLevel = true;
    }
    const tests = this._tests.slice();
    for (const test of tests) {
      if (truthy(result.shouldStop)) break;
      if (!(test instanceof BaseTestSuite)) {
        this.#tearDownPreviousClass(test, result);
        this.#handleModuleFixture(test, result);
        this.#handleClassSetUp(test, result);
        result._previousTestClass = (test as object).constructor;
        if (truthy(attrOr((test as object).constructor, "_classSetupFailed", false)) || truthy(attrOr(result, "_moduleSetUpFailed", false))) continue;
      }
      if (!debug) callValue(test, result);
      else callMethod(test, "debug");
    }
    if (topLevel) {
      this.#tearDownPreviousClass(null, result);
      this.#handleModuleTearDown(result);
      result._testRunEntered = false;
    }
    return result;
  }

  #handleClassSetUp(test: unknown, result: any): void {
    const previous = attrOr(result, "_previousTestClass", null);
    const current = (test as object).constructor as any;
    if (current === previous) return;
    if (truthy(attrOr(result, "_moduleSetUpFailed", false))) return;
    if (truthy(attrOr(current, "__unittest_skip__", false))) return;
    current._classSetupFailed = false;
    const setUpClass = attrOr(current, "setUpClass", null);
    if (isNone(setUpClass)) return;
    try {
      callValue(setUpClass);
    } catch (e) {
      if (!isException(e) || result instanceof DebugResult) throw e;
      current._classSetupFailed = true;
      fixtureError(result, e, "setUpClass", strclass(current));
    }
    if (current._classSetupFailed === true) this.#classCleanups(current, result, "setUpClass");
  }

  /** The class's doClassCleanups, each exception it kept reported as the fixture's. */
  #classCleanups(cls: unknown, result: any, method: string): void {
    const doClassCleanups = attrOr(cls, "doClassCleanups", null);
    if (isNone(doClassCleanups)) return;
    callValue(doClassCleanups);
    for (const info of iterable(attrOr(cls, "tearDown_exceptions", []))) {
      const error = getitem(info, 1n);
      if (result instanceof DebugResult) throw error;
      fixtureError(result, error, method, strclass(cls));
    }
  }

  #previousModule(result: any): string | null {
    const previous = attrOr(result, "_previousTestClass", null);
    return isNone(previous) ? null : moduleName(previous);
  }

  #handleModuleFixture(test: unknown, result: any): void {
    const previousModule = this.#previousModule(result);
    const currentModule = moduleName((test as object).constructor as never);
    if (currentModule === previousModule) return;
    this.#handleModuleTearDown(result);
    result._moduleSetUpFailed = false;
    const module = moduleNamed(currentModule);
    if (module === undefined) return;
    const setUpModule = attrOr(module, "setUpModule", null);
    if (isNone(setUpModule)) return;
    try {
      callValue(setUpModule);
    } catch (e) {
      if (!isException(e) || result instanceof DebugResult) throw e;
      result._moduleSetUpFailed = true;
      fixtureError(result, e, "setUpModule", currentModule);
    }
    if (result._moduleSetUpFailed) this.#moduleCleanups(result, "setUpModule", currentModule);
  }

  /** doModuleCleanups, its first error reported as the fixture's. */
  #moduleCleanups(result: any, method: string, module: string): void {
    try {
      doModuleCleanups();
    } catch (e) {
      if (!isException(e) || (result instanceof DebugResult && method !== "setUpModule")) throw e;
      fixtureError(result, e, method, module);
    }
  }

  #handleModuleTearDown(result: any): void {
    const previousModule = this.#previousModule(result);
    if (previousModule === null) return;
    if (truthy(attrOr(result, "_moduleSetUpFailed", false))) return;
    const module = moduleNamed(previousModule);
    if (module === undefined) return;
    const tearDownModule = attrOr(module, "tearDownModule", null);
    try {
      if (!isNone(tearDownModule)) callValue(tearDownModule);
    } catch (e) {
      if (!isException(e) || result instanceof DebugResult) throw e;
      fixtureError(result, e, "tearDownModule", previousModule);
    } finally {
      this.#moduleCleanups(result, "tearDownModule", previousModule);
    }
  }

  #tearDownPreviousClass(test: unknown, result: any): void {
    const previous = attrOr(result, "_previousTestClass", null);
    const current = isNone(test) ? null : (test as object).constructor;
    if (current === previous || isNone(previous)) return;
    if (truthy(attrOr(previous, "_classSetupFailed", false))) return;
    if (truthy(attrOr(result, "_moduleSetUpFailed", false))) return;
    if (truthy(attrOr(previous, "__unittest_skip__", false))) return;
    const tearDownClass = attrOr(previous, "tearDownClass", null);
    try {
      if (!isNone(tearDownClass)) callValue(tearDownClass);
    } catch (e) {
      if (!isException(e) || result instanceof DebugResult) throw e;
      fixtureError(result, e, "tearDownClass", strclass(previous));
    }
    this.#classCleanups(previous, result, "tearDownClass");
  }
}

export const TestSuiteType = pyClass(TestSuite);

/** `_DebugResult`: fixtures' exceptions propagate under debug(). */
class DebugResult {
  _previousTestClass: unknown = null;
  _moduleSetUpFailed = false;
  shouldStop = false;
}

function threeWayCmp(x: unknown, y: unknown): number {
  return x === y ? 0 : (x as string) < (y as string) ? -1 : 1;
}

/** `unittest.util.three_way_cmp(x, y)`: `(x > y) - (x < y)`, the loader's default ordering. */
export function three_way_cmp(x: unknown, y: unknown): bigint {
  return (gt(x, y) ? 1n : 0n) - (lt(x, y) ? 1n : 0n);
}

export class TestLoader {
  static readonly __module__: string = "unittest.loader";
  static testMethodPrefix: unknown = "test";
  static suiteClass: unknown = TestSuiteType;
  static sortTestMethodsUsing: unknown = three_way_cmp;
  static testNamePatterns: unknown = null;
  static {
    shareClassAttributes(this, ["sortTestMethodsUsing", "testNamePatterns"]);
  }
  testMethodPrefix: unknown = "test";
  declare sortTestMethodsUsing: unknown;
  suiteClass: unknown = TestSuiteType;
  declare testNamePatterns: unknown;
  errors: unknown[] = [];
  _top_level_dir: unknown = null;

  getTestCaseNames(testCaseClass: unknown): any {
    const prefix = toStr(this.testMethodPrefix);
    const patterns = this.testNamePatterns;
    const names = dir(testCaseClass).filter((name) => {
      if (!name.startsWith(prefix)) return false;
      if (!callable(getattrImpl(testCaseClass, name))) return false;
      if (isNone(patterns)) return true;
      const full = `${moduleName(testCaseClass as never)}.${qualName(testCaseClass as never)}.${name}`;
      return Array.from(iterable(patterns)).some((p) => fnmatchcase(full, p));
    });
    const cmp = this.sortTestMethodsUsing;
    // (names are str: the default comparison needs no Python calls)
    if (cmp === three_way_cmp) names.sort(threeWayCmp);
    else if (truthy(cmp)) names.sort((a, b) => Number(callValue(cmp, a, b)));
    return names;
  }

  loadTestsFromTestCase(testCaseClass: unknown): any {
    if (isClass(testCaseClass) && issubclass(testCaseClass, BaseTestSuite)) {
      throw new PyTypeError("Test cases should not be derived from TestSuite. Maybe you meant to derive from TestCase?");
    }
    let names = callMethod(this, "getTestCaseNames", testCaseClass) as string[];
    if (names.length === 0 && !isNone(attrOr(testCaseClass, "runTest", null))) names = ["runTest"];
    return callValue(this.suiteClass, names.map((n) => callValue(testCaseClass, n)));
  }

  /** The module's TestCase classes, handed to its `load_tests(loader, tests, pattern)` when it has one. */
  loadTestsFromModule(module: unknown, ...args: unknown[]): any {
    const [positional, kw] = splitKw(args);
    const kws = { ...kw };
    const pattern = "pattern" in kws ? kws["pattern"] : null;
    delete kws["pattern"];
    if (positional.length > 0 || "use_load_tests" in kws) {
      // (raised in unittest's loader.py, so the default filters hide it, as CPython's)
      const warnings = standardModule("warnings") as unknown as { warn_explicit: unknown };
      callValue(warnings.warn_explicit, "use_load_tests is deprecated and ignored", DeprecationWarning, "unittest/loader.py", 109n, "unittest.loader");
      delete kws["use_load_tests"];
    }
    if (positional.length > 1) throw new PyTypeError(`loadTestsFromModule() takes 1 positional argument but ${positional.length + 1} were given`);
    const unexpected = Object.keys(kws).sort()[0];
    if (unexpected !== undefined) throw new PyTypeError(`loadTestsFromModule() got an unexpected keyword argument '${unexpected}'`);
    const tests: unknown[] = [];
    for (const name of dir(module)) {
      const obj = attrOr(module, name, null);
      if (isTestCaseClass(obj)) tests.push(callMethod(this, "loadTestsFromTestCase", obj));
    }
    const loadTests = attrOr(module, "load_tests", null);
    const suite = callValue(this.suiteClass, tests);
    if (isNone(loadTests)) return suite;
    try {
      return callValue(loadTests, this, suite, pattern);
    } catch (e) {
      if (!isException(e)) throw e;
      // A hook that raises stands as one failing test, and the loader records the traceback.
      const message = `Failed to call load_tests:\n${(tracebackModule.format_exception as (e: unknown) => string[])(e).join("")}`;
      this.errors.push(message);
      return callValue(this.suiteClass, [new FailedTest(toStr(attrOr(module, "__name__", "")), e)]);
    }
  }

  loadTestsFromName(name: unknown, module: unknown = null): any {
    const parts = toStr(name).split(".");
    let obj: unknown = module;
    if (isNone(module)) {
      obj = moduleNamed(parts[0]!);
      if (obj === undefined) throw new AttributeError(`module '${parts[0]}' not found`);
      parts.shift();
    }
    let parent: unknown = null;
    for (const part of parts) {
      parent = obj;
      obj = getattrImpl(obj, part);
    }
    if (isTestCaseClass(obj)) return callMethod(this, "loadTestsFromTestCase", obj);
    if (obj instanceof BaseTestSuite) return obj;
    if (isTestCaseClass(parent) && typeof obj === "function") {
      const inst = callValue(parent, parts[parts.length - 1]);
      return callValue(this.suiteClass, [inst]);
    }
    if (obj instanceof TestCase) return callValue(this.suiteClass, [obj]);
    if (callable(obj)) {
      const test = callValue(obj);
      if (test instanceof BaseTestSuite) return test;
      if (test instanceof TestCase) return callValue(this.suiteClass, [test]);
      throw new PyTypeError(`calling ${repr(obj)} returned ${repr(test)}, not a test`);
    }
    throw new PyTypeError(`don't know how to make test from: ${repr(obj)}`);
  }

  /** `discover(start_dir, pattern="test*.py", top_level_dir=None)` (unittest-discover.ts). */
  discover(...args: unknown[]): any {
    return discover(this, args);
  }

  loadTestsFromNames(names: unknown, module: unknown = null): any {
    const suites = Array.from(iterable(names)).map((n) => callMethod(this, "loadTestsFromName", n, module));
    return callValue(this.suiteClass, suites);
  }
}

export const defaultTestLoader = new TestLoader();

// ---- unittest.main ----

const USAGE = (prog: string): string => `usage: ${prog} [-h] [-v] [-q] [--locals] [-f] [-c] [-b] [-k TESTNAMEPATTERNS] [tests ...]`;

export class TestProgram {
  static readonly __module__: string = "unittest.main";
  // (class attributes in CPython, which the constructor's values shadow)
  static module: unknown = null;
  static verbosity: unknown = 1n;
  static failfast: unknown = null;
  static catchbreak: unknown = null;
  static buffer: unknown = null;
  static progName: unknown = null;
  static warnings: unknown = null;
  static testNamePatterns: unknown = null;
  static {
    shareClassAttributes(this, ["module", "verbosity", "failfast", "catchbreak", "buffer", "progName", "warnings", "testNamePatterns"]);
  }
  declare module: unknown;
  exit: unknown;
  declare verbosity: unknown;
  declare failfast: unknown;
  declare catchbreak: unknown;
  declare buffer: unknown;
  declare warnings: unknown;
  defaultTest: unknown;
  testRunner: unknown;
  testLoader: any;
  declare progName: string;
  testNames: string[] | null = null;
  declare testNamePatterns: string[] | null;
  test: unknown = null;
  result: any = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const names = ["module", "defaultTest", "argv", "testRunner", "testLoader", "exit", "verbosity", "failfast", "catchbreak", "buffer", "warnings"];
    const get = (i: number, fallback: unknown): unknown => {
      const v = i < pos.length ? pos[i] : names[i]! in kw ? kw[names[i]!] : undefined;
      return v === undefined ? fallback : v;
    };
    const module = get(0, "__main__");
    if (typeof module === "string") {
      const found = moduleNamed(module.split(".")[0]!);
      if (found === undefined) throw new AttributeError(`module '${module}' not found`);
      this.module = module.split(".").slice(1).reduce((m: unknown, part) => getattrImpl(m, part), found);
    } else {
      this.module = module;
    }
    const argv = Array.from(iterable(get(2, null) ?? sysModule.argv)).map(toStr);
    this.exit = get(5, true);
    this.verbosity = get(6, 1n);
    this.failfast = get(7, null);
    this.buffer = get(9, null);
    this.warnings = get(10, null);
    this.defaultTest = get(1, null);
    this.testRunner = get(3, null);
    this.testLoader = get(4, defaultTestLoader);
    const argv0 = argv[0] ?? "";
    this.progName = argv0.slice(argv0.lastIndexOf("/") + 1);
    this.parseArgs(argv);
    this.runTests();
  }

  /** `usageExit(msg=None)`: the message and the command line's help, then exit status 2. */
  usageExit(msg: unknown = null): never {
    return usageExit(this, msg);
  }

  parseArgs(argv: string[]): void {
    const tests: string[] = [];
    const patterns: string[] = [];
    const rest = argv.slice(1);
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i]!;
      if (arg === "-v" || arg === "--verbose") this.verbosity = 2n;
      else if (arg === "-q" || arg === "--quiet") this.verbosity = 0n;
      else if (arg === "-f" || arg === "--failfast") this.failfast = true;
      else if (arg === "-b" || arg === "--buffer") this.buffer = true;
      else if (arg === "-c" || arg === "--catch" || arg === "--locals") continue;
      else if (arg === "-k") patterns.push(rest[++i] ?? "");
      else if (arg.startsWith("-k")) patterns.push(arg.slice(2));
      else if (arg.startsWith("-")) {
        const err = sysModule.stderr;
        callMethod(err, "write", `${USAGE(this.progName)}\n${this.progName}: error: unrecognized arguments: ${arg}\n`);
        throw new SystemExit(2n);
      } else tests.push(arg);
    }
    if (patterns.length > 0) this.testNamePatterns = patterns.map((p) => (p.includes("*") ? p : `*${p}*`));
    if (tests.length > 0) this.testNames = tests;
    else if (isNone(this.defaultTest)) this.testNames = null;
    else if (typeof this.defaultTest === "string") this.testNames = [this.defaultTest];
    else this.testNames = Array.from(iterable(this.defaultTest)).map(toStr);
    this.createTests();
  }

  createTests(): void {
    if (this.testNamePatterns !== null) this.testLoader.testNamePatterns = this.testNamePatterns;
    if (this.testNames === null) this.test = callMethod(this.testLoader, "loadTestsFromModule", this.module);
    else this.test = callMethod(this.testLoader, "loadTestsFromNames", this.testNames, this.module);
  }

  runTests(): void {
    let runner = this.testRunner;
    if (isNone(runner)) runner = TextTestRunnerType;
    if (isClass(runner)) {
      const kwargs: Record<string, unknown> = { verbosity: this.verbosity, failfast: this.failfast ?? false, buffer: this.buffer ?? false, warnings: this.warnings };
      runner = callValue(runner, ...kwArgs(kwargs));
    }
    this.result = callMethod(runner, "run", this.test);
    if (truthy(this.exit)) throw new SystemExit(!truthy(callMethod(this.result, "wasSuccessful")));
  }
}

function kwArgs(values: Record<string, unknown>): unknown[] {
  return [new Kwargs(values)];
}

