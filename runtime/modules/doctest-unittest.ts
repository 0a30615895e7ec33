// doctest's unittest side and helpers (Lib/doctest.py): DocTestCase/DocTestSuite (a docstring's
// examples as one test case), DocFileCase/DocFileTest/DocFileSuite, SkipDocTestCase,
// DebugRunner with DocTestFailure/UnexpectedException, set_unittest_reportflags,
// script_from_examples and testsource. debug/debug_src/debug_script need pdb, which pyts
// does not provide: they refuse with NotImplementedError.

import { Exception, NotImplementedError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { eq } from "../values/compare.js";
import { hash, getattr } from "../values/builtin-functions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { NotImplemented } from "../values/singletons.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { nodeModule } from "../core/host.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { sysModule } from "./sys.js";
import { TestCase } from "./unittest-case.js";
import { TestSuite } from "./unittest-loader.js";
import { flag, OPTION_NAMES } from "./doctest-parser.js";
import { copyDict, DocTest, DocTestFinder, DocTestParser, Example } from "./doctest-objects.js";
import { DocTestRunner } from "./doctest-runner.js";
import { compiledExamplesAnywhere } from "./doctest-registry.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

const REPORTING = ["REPORT_UDIFF", "REPORT_CDIFF", "REPORT_NDIFF", "REPORT_ONLY_FIRST_FAILURE", "FAIL_FAST"].reduce((acc, n) => acc | flag(n as (typeof OPTION_NAMES)[number]), 0);
let unittestReportflags = 0;

export function set_unittest_reportflags(flags: unknown): bigint {
  const bits = Number(flags as bigint);
  if ((bits & REPORTING) !== bits) throw new ValueError("Only reporting flags allowed", flags);
  const old = unittestReportflags;
  unittestReportflags = bits;
  return BigInt(old);
}

// ---- DebugRunner ----

export class DocTestFailure extends Exception {
  static readonly __module__ = "doctest";
  constructor(readonly test: unknown, readonly example: unknown, readonly got: unknown) {
    super(test, example, got);
  }
  __str__(): string {
    return String(callMethod(this.test, "__str__"));
  }
}

export class UnexpectedException extends Exception {
  static readonly __module__ = "doctest";
  constructor(readonly test: unknown, readonly example: unknown, readonly exc_info: unknown) {
    super(test, example, exc_info);
  }
  __str__(): string {
    return String(callMethod(this.test, "__str__"));
  }
}

/** A runner that raises at the first failing example instead of reporting it. */
export class DebugRunner extends DocTestRunner {
  override run(test: DocTest, compileflags: unknown = null, out: unknown = null, clearGlobs: unknown = true): any {
    const result = super.run(test, compileflags, out, false);
    if (truthy(clearGlobs) && test.globs instanceof Dict) test.globs.clear();
    return result;
  }
  override report_unexpected_exception(_out: unknown, test: DocTest, example: Example, excInfo: unknown): null {
    const info = excInfo instanceof Tuple ? excInfo : Tuple.of<unknown>((excInfo as object)?.constructor ?? null, excInfo, getattr(excInfo, "__traceback__", null));
    throw new UnexpectedException(test, example, info);
  }
  override report_failure(_out: unknown, test: DocTest, example: Example, got: string): null {
    throw new DocTestFailure(test, example, got);
  }
}

// ---- DocTestCase and DocTestSuite ----

function option(args: unknown[], names: string[], defaults: unknown[]): unknown[] {
  const [pos, kw] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kw ? kw[name] : defaults[i]));
}

export class DocTestCase extends TestCase {
  static override readonly __module__: string = "doctest";
  _dt_optionflags: unknown;
  _dt_checker: unknown;
  _dt_globs: unknown;
  _dt_test: any;
  _dt_setUp: unknown;
  _dt_tearDown: unknown;

  constructor(...args: unknown[]) {
    super();
    const [test, optionflags, setUp, tearDown, checker] = option(args, ["test", "optionflags", "setUp", "tearDown", "checker"], [undefined, 0n, null, null, null]);
    if (test === undefined) throw new PyTypeError("DocTestCase.__init__() missing 1 required positional argument: 'test'");
    this._dt_optionflags = optionflags;
    this._dt_checker = checker;
    this._dt_globs = isNone(test) ? null : copyDict((test as DocTest).globs);
    this._dt_test = test;
    this._dt_setUp = setUp;
    this._dt_tearDown = tearDown;
  }

  override setUp(): any {
    if (!isNone(this._dt_setUp)) callValue(this._dt_setUp, this._dt_test);
    return null;
  }
  override tearDown(): any {
    if (!isNone(this._dt_tearDown)) callValue(this._dt_tearDown, this._dt_test);
    const globs = this._dt_test.globs as Dict;
    globs.clear();
    callMethod(globs, "update", this._dt_globs);
    return null;
  }
  runTest(): any {
    let flags = Number(this._dt_optionflags as bigint);
    if (!(flags & REPORTING)) flags |= unittestReportflags;
    const runner = new DocTestRunner(this._dt_checker, false, BigInt(flags));
    runner.DIVIDER = "-".repeat(70);
    let report = "";
    const write = (s: string): null => {
      report += s;
      return null;
    };
    const [failures] = runner.run(this._dt_test, null, write, false) as unknown as [bigint, bigint];
    if (failures) throw callValue(this.failureException, callMethod(this, "format_failure", report));
    return null;
  }
  format_failure(err: unknown): string {
    const test = this._dt_test;
    const lineno = isNone(test.lineno) ? "unknown line number" : String(test.lineno);
    const lname = String(test.name).split(".").slice(-1).join(".");
    return `Failed doctest test for ${test.name}\n  File "${test.filename}", line ${lineno}, in ${lname}\n\n${String(err)}`;
  }
  override debug(): any {
    callMethod(this, "setUp");
    const runner = new DebugRunner(this._dt_checker, false, this._dt_optionflags);
    runner.run(this._dt_test, null, null, false);
    callMethod(this, "tearDown");
    return null;
  }
  override id(): any {
    return this._dt_test.name;
  }
  override __eq__(other: unknown): unknown {
    if (other === null || typeof other !== "object" || other.constructor !== this.constructor) return NotImplemented;
    const o = other as DocTestCase;
    return eq(this._dt_test, o._dt_test) && eq(this._dt_optionflags, o._dt_optionflags) && eq(this._dt_setUp, o._dt_setUp) && eq(this._dt_tearDown, o._dt_tearDown) && eq(this._dt_checker, o._dt_checker);
  }
  override __hash__(): bigint {
    return hash(Tuple.of(this._dt_optionflags, this._dt_setUp, this._dt_tearDown, this._dt_checker));
  }
  override __repr__(): string {
    const name = String(this._dt_test.name).split(".");
    return `${name[name.length - 1]} (${name.slice(0, -1).join(".")})`;
  }
  override __str__(): string {
    return callMethod(this, "__repr__") as string;
  }
  override shortDescription(): any {
    return "Doctest: " + String(this._dt_test.name);
  }
}

export class SkipDocTestCase extends DocTestCase {
  module: unknown;
  constructor(module: unknown) {
    super(null);
    this.module = module;
  }
  override setUp(): any {
    return callMethod(this, "skipTest", "DocTestSuite will not work with -O2 and above");
  }
  test_skip(): null {
    return null;
  }
  override shortDescription(): any {
    return `Skipping tests from ${String(getattr(this.module, "__name__"))}`;
  }
  override __str__(): string {
    return this.shortDescription();
  }
}

/** `_DocTestSuite`: keeps its tests after running them. */
class DocTestSuiteClass extends TestSuite {
  static override readonly __module__: string = "doctest";
  static readonly pythonName = "_DocTestSuite";
}

function normalizeModule(module: unknown): unknown {
  if (isNone(module)) return (sysModule.modules as Dict).get("__main__");
  if (typeof module === "string") {
    const found = (sysModule.modules as Dict).get(module);
    if (found === undefined) throw new NotImplementedError(`pyts's DocTestSuite takes a module object or the name of an imported module: ${module}`);
    return found;
  }
  return module;
}

const CASE_OPTIONS = ["optionflags", "setUp", "tearDown", "checker"];

function caseOptions(kw: Record<string, unknown>): unknown[] {
  for (const k of Object.keys(kw)) if (!CASE_OPTIONS.includes(k)) throw new PyTypeError(`DocTestCase.__init__() got an unexpected keyword argument '${k}'`);
  return [kw["optionflags"] ?? 0n, kw["setUp"] ?? null, kw["tearDown"] ?? null, kw["checker"] ?? null];
}

export function DocTestSuite(...args: unknown[]): unknown {
  const [pos, kw] = splitKw(args);
  const named = ["module", "globs", "extraglobs", "test_finder"];
  const a = named.map((n, i) => (i < pos.length ? pos[i] : n in kw ? kw[n] : null));
  const rest = Object.fromEntries(Object.entries(kw).filter(([k]) => !named.includes(k)));
  const finder = isNone(a[3]) ? new DocTestFinder() : a[3];
  const module = normalizeModule(a[0]);
  const tests = callMethod(finder, "find", module, null, null, a[1], a[2]) as DocTest[];
  const suite = new DocTestSuiteClass();
  const options = caseOptions(rest);
  for (const test of tests) {
    if ((test.examples as unknown[]).length === 0) continue;
    if (!test.filename) test.filename = getattr(module, "__file__", null);
    suite.addTest(new DocTestCase(test, ...options));
  }
  return suite;
}

// ---- text files ----

export class DocFileCase extends DocTestCase {
  override id(): any {
    return String(this._dt_test.name).split(".").join("_");
  }
  override __repr__(): string {
    return String(this._dt_test.filename);
  }
  override format_failure(err: unknown): string {
    return `Failed doctest test for ${this._dt_test.name}\n  File "${this._dt_test.filename}", line 0\n\n${String(err)}`;
  }
}

export function DocFileTest(...args: unknown[]): unknown {
  const [pos, kw] = splitKw(args);
  const named = ["path", "module_relative", "package", "globs", "parser", "encoding"];
  const [given, moduleRelative, pkg, globsArg, parserArg, encoding] = named.map((n, i) => (i < pos.length ? pos[i] : n in kw ? kw[n] : [undefined, true, null, null, null, null][i]));
  if (given === undefined) throw new PyTypeError("DocFileTest() missing 1 required positional argument: 'path'");
  const rest = Object.fromEntries(Object.entries(kw).filter(([k]) => !named.includes(k)));
  const path = nodeModule("node:path");
  const text0 = String(given);
  if (truthy(pkg) && !truthy(moduleRelative)) throw new ValueError("Package may only be specified for module-relative paths.");
  let filename = text0;
  if (truthy(moduleRelative)) {
    if (path.isAbsolute(text0)) throw new ValueError("Module-relative files may not have absolute paths");
    const base = normalizeModule(pkg);
    const file = getattr(base, "__file__", null);
    filename = path.join(typeof file === "string" ? path.dirname(file) : ".", ...text0.split("/"));
  }
  const text = (nodeModule("node:fs").readFileSync(filename, (isNone(encoding) ? "utf8" : String(encoding)) as "utf8") as string).replace(/\r\n?/g, "\n");
  const globs = isNone(globsArg) ? new Dict() : copyDict(globsArg);
  if (!globs.has("__file__")) globs.set("__file__", filename);
  const parser = isNone(parserArg) ? new DocTestParser() : (parserArg as DocTestParser);
  const test = parser.get_doctest(text, globs, path.basename(filename), filename, 0n);
  // (the examples run only if pyts compiled this file's text, as it does for testfile)
  if (test instanceof DocTest) test._pyts_code = compiledExamplesAnywhere(`<file>:${text0}`, text)?.code ?? null;
  return new DocFileCase(test, ...caseOptions(rest));
}

export function DocFileSuite(...args: unknown[]): unknown {
  const [paths, kw] = splitKw(args);
  const suite = new DocTestSuiteClass();
  const forward = Object.entries(kw);
  if (truthy(kw["module_relative"] ?? true) && isNone(kw["package"])) forward.push(["package", (sysModule.modules as Dict).get("__main__")]);
  const kwargs = new Kwargs(Object.fromEntries(forward));
  for (const p of paths) suite.addTest(DocFileTest(p, kwargs));
  return suite;
}

// ---- scripts ----

function commentLine(line: string): string {
  const text = line.trimEnd();
  return text ? "# " + text : "#";
}

export function script_from_examples(s: unknown): string {
  const output: string[] = [];
  for (const piece of new DocTestParser().parse(String(s)) as unknown[]) {
    if (piece instanceof Example) {
      output.push(piece.source.slice(0, -1));
      const want = piece.want;
      if (want) {
        output.push("# Expected:");
        output.push(...want.split("\n").slice(0, -1).map((l: string) => "## " + l));
      }
    } else {
      output.push(...String(piece).split("\n").slice(0, -1).map(commentLine));
    }
  }
  while (output.length > 0 && output[output.length - 1] === "#") output.pop();
  while (output.length > 0 && output[0] === "#") output.shift();
  return output.join("\n") + "\n";
}

export function testsource(module: unknown, name: unknown): string {
  const m = normalizeModule(module);
  const tests = new DocTestFinder().find(m) as DocTest[];
  const test = tests.find((t) => t.name === name);
  if (test === undefined) throw new ValueError(name, "not found in tests");
  return script_from_examples(test.docstring);
}

function refuse(fn: string): never {
  throw new NotImplementedError(`doctest.${fn}() runs the examples under pdb, which pyts does not provide`);
}

export const doctestUnittest = {
  DocTestFailure: pyClass(DocTestFailure),
  UnexpectedException: pyClass(UnexpectedException),
  DebugRunner: pyClass(DebugRunner),
  DocTestCase: pyClass(DocTestCase),
  SkipDocTestCase: pyClass(SkipDocTestCase),
  DocFileCase: pyClass(DocFileCase),
  DocTestSuite,
  DocFileTest,
  DocFileSuite,
  set_unittest_reportflags,
  script_from_examples,
  testsource,
  debug: (..._args: unknown[]): never => refuse("debug"),
  debug_src: (..._args: unknown[]): never => refuse("debug_src"),
  debug_script: (..._args: unknown[]): never => refuse("debug_script"),
};
