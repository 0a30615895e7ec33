// Python's `doctest`: testmod, testfile, run_docstring_examples, the option flags and the
// classes (doctest-objects.ts, doctest-runner.ts), with CPython's report. The examples run as
// code the compiler made of them (src/lower/doctests.ts): a module that imports doctest has
// every docstring's examples compiled, and a literal `testfile("name")` has its file's.

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Dict } from "../values/dict.js";
import { splitKw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { getattr } from "../values/builtin-functions.js";
import { builtinFunction } from "../values/builtin-type.js";
import { nodeModule, nodeProcess } from "../core/host.js";
import { open } from "../lang/files.js";
import { isNone, pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { sysModule } from "./sys.js";
import { OPTION_NAMES, OPTIONFLAGS_BY_NAME, flag } from "./doctest-parser.js";
import { BLANKLINE_MARKER, ELLIPSIS_MARKER } from "./doctest-check.js";
import { copyDict, DocTest, DocTestFinder, DocTestParser, Example, isModule, setSysModules } from "./doctest-objects.js";
import { callMethod } from "../values/methods.js";
import { DocTestRunner, OutputChecker, TestResults } from "./doctest-runner.js";
import { compiledExamplesAnywhere } from "./doctest-registry.js";
import { DebugRunner, doctestUnittest } from "./doctest-unittest.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

setSysModules(() => sysModule.modules as Dict);

/** The keyword-or-positional arguments of a Python def with these parameters and defaults. */
function bind(fn: string, args: unknown[], names: readonly string[], defaults: Record<string, unknown>): Record<string, any> {
  const [pos, kw] = splitKw(args);
  if (pos.length > names.length) throw new PyTypeError(`${fn}() takes from 0 to ${names.length} positional arguments but ${pos.length} were given`);
  const out: Record<string, any> = { ...defaults };
  pos.forEach((v, i) => (out[names[i]!] = v));
  for (const [k, v] of Object.entries(kw)) {
    const at = names.indexOf(k);
    if (at < 0) throw new PyTypeError(`${fn}() got an unexpected keyword argument '${k}'`);
    if (at < pos.length) throw new PyTypeError(`${fn}() got multiple values for argument '${k}'`);
    out[k] = v;
  }
  for (const name of names) if (!(name in out)) throw new PyTypeError(`${fn}() missing 1 required positional argument: '${name}'`);
  return out;
}

/** The runner whose results testmod/testfile merge (doctest.master). */
let master: DocTestRunner | null = null;

function record(runner: DocTestRunner, report: unknown): unknown {
  if (truthy(report)) runner.summarize();
  if (master === null) master = runner;
  else master.merge(runner);
  return new TestResults(runner.failures, runner.tries);
}

function testmod(...args: unknown[]): any {
  const a = bind("testmod", args, ["m", "name", "globs", "verbose", "report", "optionflags", "extraglobs", "raise_on_error", "exclude_empty"], { m: null, name: null, globs: null, verbose: null, report: true, optionflags: 0n, extraglobs: null, raise_on_error: false, exclude_empty: false });
  let m = a.m;
  if (isNone(m)) m = (sysModule.modules as Dict).get("__main__") ?? null;
  if (!isModule(m)) throw new PyTypeError(`testmod: module required; ${repr(m)}`);
  const name = isNone(a.name) ? getattr(m, "__name__") : a.name;
  const finder = makeFinder(a.exclude_empty);
  const runner = truthy(a.raise_on_error) ? new DebugRunner(null, a.verbose, a.optionflags) : new DocTestRunner(null, a.verbose, a.optionflags);
  for (const test of finder.find(m, name, null, a.globs, a.extraglobs)) runner.run(test);
  return record(runner, a.report);
}

function makeFinder(excludeEmpty: unknown): DocTestFinder {
  const finder = new DocTestFinder();
  finder._exclude_empty = truthy(excludeEmpty);
  return finder;
}

function testfile(...args: unknown[]): any {
  const a = bind("testfile", args, ["filename", "module_relative", "name", "package", "globs", "verbose", "report", "optionflags", "extraglobs", "raise_on_error", "parser", "encoding"], { module_relative: true, name: null, package: null, globs: null, verbose: null, report: true, optionflags: 0n, extraglobs: null, raise_on_error: false, parser: null, encoding: null });
  if (truthy(a.package) && !truthy(a.module_relative)) throw new ValueError("Package may only be specified for module-relative paths.");
  const given = String(a.filename);
  const path = nodeModule("node:path");
  let filename = given;
  if (truthy(a.module_relative)) {
    if (path.isAbsolute(given)) throw new ValueError("Module-relative files may not have absolute paths");
    const main = (sysModule.modules as Dict).get("__main__");
    const file = isNone(a.package) ? getattr(main, "__file__", null) : getattr(a.package, "__file__", null);
    const base = typeof file === "string" ? path.dirname(file) : (nodeProcess()?.cwd() ?? ".");
    filename = path.join(base, ...given.split("/"));
  }
  let text: string;
  try {
    text = (nodeModule("node:fs").readFileSync(filename, (isNone(a.encoding) ? "utf8" : String(a.encoding)) as "utf8") as string).replace(/\r\n?/g, "\n");
  } catch {
    // open()'s FileNotFoundError, as CPython's testfile raises it
    open(filename);
    throw new ValueError(`cannot read ${filename}`);
  }
  const name = isNone(a.name) ? path.basename(filename) : String(a.name);
  const globs = isNone(a.globs) ? new Dict() : copyDict(a.globs);
  if (!isNone(a.extraglobs)) callMethod(globs, "update", a.extraglobs);
  if (!globs.has("__name__")) globs.set("__name__", "__main__");
  const runner = truthy(a.raise_on_error) ? new DebugRunner(null, a.verbose, a.optionflags) : new DocTestRunner(null, a.verbose, a.optionflags);
  const parser = isNone(a.parser) ? new DocTestParser() : (a.parser as DocTestParser);
  const test = parser.get_doctest(text, globs, name, filename, 0n);
  if (test instanceof DocTest) test._pyts_code = compiledExamplesAnywhere(`<file>:${given}`, text)?.code ?? null;
  runner.run(test);
  return record(runner, a.report);
}

function run_docstring_examples(...args: unknown[]): null {
  const a = bind("run_docstring_examples", args, ["f", "globs", "verbose", "name", "compileflags", "optionflags"], { verbose: false, name: "NoName", compileflags: null, optionflags: 0n });
  const finder = new DocTestFinder(a.verbose, undefined, false);
  const runner = new DocTestRunner(null, a.verbose, a.optionflags);
  for (const test of finder.find(a.f, a.name, null, a.globs)) runner.run(test, a.compileflags);
  return null;
}

function register_optionflag(name: unknown): bigint {
  const key = String(name);
  if (!OPTIONFLAGS_BY_NAME.has(key)) OPTIONFLAGS_BY_NAME.set(key, 1 << OPTIONFLAGS_BY_NAME.size);
  return BigInt(OPTIONFLAGS_BY_NAME.get(key)!);
}

const flags = Object.fromEntries(OPTION_NAMES.map((n) => [n, BigInt(flag(n))])) as Record<(typeof OPTION_NAMES)[number], bigint>;
const comparison = ["DONT_ACCEPT_TRUE_FOR_1", "DONT_ACCEPT_BLANKLINE", "NORMALIZE_WHITESPACE", "ELLIPSIS", "SKIP", "IGNORE_EXCEPTION_DETAIL"] as const;
const reporting = ["REPORT_UDIFF", "REPORT_CDIFF", "REPORT_NDIFF", "REPORT_ONLY_FIRST_FAILURE", "FAIL_FAST"] as const;

export const doctestModule = moduleObject("doctest", {
  __all__: ["register_optionflag", "DONT_ACCEPT_TRUE_FOR_1", "DONT_ACCEPT_BLANKLINE", "NORMALIZE_WHITESPACE", "ELLIPSIS", "SKIP", "IGNORE_EXCEPTION_DETAIL", "COMPARISON_FLAGS", "REPORT_UDIFF", "REPORT_CDIFF", "REPORT_NDIFF", "REPORT_ONLY_FIRST_FAILURE", "REPORTING_FLAGS", "FAIL_FAST", "Example", "DocTest", "DocTestParser", "DocTestFinder", "DocTestRunner", "OutputChecker", "DocTestFailure", "UnexpectedException", "DebugRunner", "testmod", "testfile", "run_docstring_examples", "DocTestSuite", "DocFileSuite", "set_unittest_reportflags", "script_from_examples", "testsource", "debug_src", "debug"],
  ...flags,
  COMPARISON_FLAGS: comparison.reduce((acc, n) => acc | flags[n], 0n),
  REPORTING_FLAGS: reporting.reduce((acc, n) => acc | flags[n], 0n),
  OPTIONFLAGS_BY_NAME: new Dict(OPTION_NAMES.map((n) => [n, flags[n]] as const)),
  BLANKLINE_MARKER,
  ELLIPSIS_MARKER,
  TestResults,
  Example: pyClass(Example),
  DocTest: pyClass(DocTest),
  DocTestParser: pyClass(DocTestParser),
  DocTestFinder: pyClass(DocTestFinder),
  DocTestRunner: pyClass(DocTestRunner),
  OutputChecker: pyClass(OutputChecker),
  register_optionflag: builtinFunction(register_optionflag, "register_optionflag"),
  testmod: builtinFunction(testmod, "testmod"),
  testfile: builtinFunction(testfile, "testfile"),
  run_docstring_examples: builtinFunction(run_docstring_examples, "run_docstring_examples"),
  ...doctestUnittest,
  get master(): unknown {
    return master;
  },
});
