// doctest's DocTestRunner (Lib/doctest.py): runs a DocTest's examples with sys.stdout
// captured, compares each output (or exception) with what the example wants, reports
// ("Trying:"/"Expecting:"/"ok" when verbose, the ****** failure blocks) and summarizes.
// The examples' code is the compiler's (doctest-registry.ts): examples pyts did not see at
// compile time cannot run.

import { BaseException, KeyboardInterrupt, NotImplementedError as PyNotImplementedError, PySyntaxError } from "../values/exceptions.js";
import { standardStreams, print } from "../values/print.js";
import { callMethod } from "../values/methods.js";
import { Dict } from "../values/dict.js";
import { truthy } from "../values/truth.js";
import { StringIO } from "../lang/io-memory.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { FrameSummary, TracebackException } from "./traceback.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { formatException } from "../values/traceback.js";
import { makeNamedTuple } from "./namedtuple.js";
import { flag } from "./doctest-parser.js";
import { checkOutput, indentLines, outputDifference, stripExceptionDetails } from "./doctest-check.js";
import { sysModule } from "./sys.js";
import { pyCompile, pyExec } from "../lang/eval-exec.js";
import type { DocTest, Example } from "./doctest-objects.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

export const TestResults = makeNamedTuple("TestResults", ["failed", "attempted"], [], "doctest");

const DIVIDER = "*".repeat(70);

/**
 * An example pyts did not see when converting (a text file written at run time, a docstring
 * made at run time): compiled now in "single" mode and run in the test's globals, as
 * CPython's runner runs every example. Without the compiler at hand it cannot run.
 */
function runUnseenExample(test: DocTest, index: number, example: Example): void {
  if (!(test.globs instanceof Dict)) throw new PyNotImplementedError(`pyts runs only the doctest examples it compiled (${test.name})`);
  pyExec(pyCompile(example.source, `<doctest ${test.name}[${index}]>`, "single"), test.globs);
}

export class OutputChecker {
  [attr: string]: any;
  static readonly __module__ = "doctest";
  check_output(want: unknown, got: unknown, optionflags: unknown): boolean {
    return checkOutput(String(want), String(got), Number(optionflags));
  }
  output_difference(example: Example, got: unknown, optionflags: unknown): string {
    return outputDifference(String(example.want), String(got), Number(optionflags));
  }
}

/** Where an example runs: its frames are `<doctest NAME[i]>`'s, as CPython compiles it. */
export interface ExampleFrames {
  test: DocTest;
  index: number;
  example: Example;
}

/** The traceback doctest shows for an unexpected exception. */
function exceptionTraceback(e: unknown, where: ExampleFrames | null = null): string {
  if (!(e instanceof BaseException)) return formatException(e);
  const te = new TracebackException(e.constructor, e, e.__traceback__);
  if (where !== null) te.stack.forEach((frame, i) => (te.stack[i] = exampleFrame(frame as FrameSummary, where)));
  return te.format().join("");
}

/**
 * A frame in an example's code (compiled at the example's place in the docstring) as CPython
 * names it: `File "<doctest __main__.f[0]>", line 1, in <module>`, with the example's line.
 */
function exampleFrame(frame: FrameSummary, { test, index, example }: ExampleFrames): FrameSummary {
  const first = test._pyts_first_line;
  // (an example compiled at run time has its own file name already; its line is the example's)
  if (frame.filename === `<doctest ${test.name}[${index}]>`) {
    const text = example.source.split("\n")[Number(frame.lineno) - 1];
    if (frame.line || text === undefined) return frame;
    return new FrameSummary(frame.filename, frame.lineno, frame.name, new Kwargs({ line: text.trim() }));
  }
  if (typeof first !== "number" || frame.filename !== test.filename) return frame;
  const lines = example.source.replace(/\n$/, "").split("\n");
  const offset = Number(frame.lineno) - (first + Number(example.lineno));
  if (offset < 0 || offset >= lines.length) return frame;
  const enclosing = test.name.split(".").at(-1);
  const name = frame.name === enclosing || frame.name.startsWith("__pyts_") || frame.name === "<module>" ? "<module>" : frame.name;
  const line = lines[offset]!;
  const out = new FrameSummary(`<doctest ${test.name}[${index}]>`, BigInt(offset + 1), name, new Kwargs({ line: line.trim() }));
  // The carets were placed under the docstring's line, after its prompt ("... " or ">>> ").
  const carets = frame.carets?.startsWith("    ") ? frame.carets.slice(4) : null;
  const marks = carets?.trim() ?? "";
  const whole = marks.length >= line.trim().length && !marks.includes("~");
  out.carets = carets !== null && !whole ? carets : null;
  return out;
}

/** traceback.format_exception_only(type, value), as the runner compares it. */
function exceptionOnly(e: unknown): string {
  if (!(e instanceof BaseException)) return formatException(e).split("\n").filter(Boolean).at(-1)! + "\n";
  const lines = new TracebackException(e.constructor, e, null).format_exception_only();
  if (e instanceof PySyntaxError) {
    const at = lines.findIndex((l) => l.startsWith("SyntaxError:") || l.startsWith("builtins.SyntaxError:"));
    if (at >= 0) return lines.slice(at).join("");
  }
  return lines.join("");
}

export class DocTestRunner {
  [attr: string]: any;
  static readonly __module__ = "doctest";
  static readonly DIVIDER = DIVIDER;
  _checker: any;
  _verbose: boolean;
  optionflags: number;
  original_optionflags: number;
  tries = 0n;
  failures = 0n;
  _name2ft = new Map<string, [number, number]>();
  test: DocTest | null = null;
  _pyts_where: ExampleFrames | null = null;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const arg = (i: number, name: string, fallback: unknown): unknown => (i < pos.length && pos[i] !== undefined ? pos[i] : name in kw ? kw[name] : fallback);
    const checker = arg(0, "checker", null);
    const verbose = arg(1, "verbose", null);
    const optionflags = arg(2, "optionflags", 0n);
    this._checker = isNone(checker) ? new OutputChecker() : checker;
    this._verbose = isNone(verbose) ? sysModule.argv.includes("-v") : truthy(verbose);
    this.optionflags = Number(optionflags);
    this.original_optionflags = this.optionflags;
  }

  /** The failure blocks' divider (DocTestCase sets dashes). */
  DIVIDER: string = DIVIDER;

  report_start(out: (s: string) => void, _test: DocTest, example: Example): null {
    if (this._verbose) {
      if (example.want) out("Trying:\n" + indentLines(example.source) + "Expecting:\n" + indentLines(example.want));
      else out("Trying:\n" + indentLines(example.source) + "Expecting nothing\n");
    }
    return null;
  }

  report_success(out: (s: string) => void, _test: DocTest, _example: Example, _got: string): null {
    if (this._verbose) out("ok\n");
    return null;
  }

  report_failure(out: (s: string) => void, test: DocTest, example: Example, got: string): null {
    out(this._failure_header(test, example) + callMethod(this._checker, "output_difference", example, got, BigInt(this.optionflags)));
    return null;
  }

  report_unexpected_exception(out: (s: string) => void, test: DocTest, example: Example, excInfo: unknown): null {
    const where = this._pyts_where as ExampleFrames | null;
    out(this._failure_header(test, example) + "Exception raised:\n" + indentLines(exceptionTraceback(excInfo, where?.example === example ? where : null)));
    return null;
  }

  _failure_header(test: DocTest, example: Example): string {
    const out = [this.DIVIDER];
    if (test.filename) {
      const lineno = !isNone(test.lineno) && !isNone(example.lineno) ? String(BigInt(test.lineno as bigint) + BigInt(example.lineno) + 1n) : "?";
      out.push(`File "${test.filename}", line ${lineno}, in ${test.name}`);
    } else {
      out.push(`Line ${BigInt(example.lineno) + 1n}, in ${test.name}`);
    }
    out.push("Failed example:");
    out.push(indentLines(example.source));
    return out.join("\n");
  }

  run(test: DocTest, _compileflags: unknown = null, out: unknown = null, clearGlobs: unknown = true): any {
    this.test = test;
    const saved = standardStreams.stdout;
    const write = isNone(out) ? (s: string): void => void callMethod(saved, "write", s) : (s: string): void => void callValue(out, s);
    const fakeout = new StringIO();
    standardStreams.stdout = fakeout;
    try {
      return this.runExamples(test, write, fakeout);
    } finally {
      standardStreams.stdout = saved;
      if (truthy(clearGlobs) && test.globs instanceof Dict) test.globs.clear();
    }
  }

  private runExamples(test: DocTest, out: (s: string) => void, fakeout: StringIO): unknown {
    let failures = 0;
    let tries = 0;
    const original = this.optionflags;
    const examples = test.examples as Example[];
    const code = examples.length > 0 ? test.compiled() : [];
    for (let i = 0; i < examples.length; i++) {
      const example = examples[i]!;
      const quiet = (this.optionflags & flag("REPORT_ONLY_FIRST_FAILURE")) !== 0 && failures > 0;
      this.optionflags = original;
      for (const [option, on] of example.options.entries()) {
        const bit = Number(option);
        if (truthy(on)) this.optionflags |= bit;
        else this.optionflags &= ~bit;
      }
      if (this.optionflags & flag("SKIP")) continue;
      tries++;
      if (!quiet) callMethod(this, "report_start", out, test, example);
      let exception: unknown = null;
      let raised = false;
      try {
        const fn = code[i];
        if (fn !== undefined) callValue(fn);
        else runUnseenExample(test, i, example);
      } catch (e) {
        if (e instanceof KeyboardInterrupt) throw e;
        exception = e;
        raised = true;
      }
      let got = fakeout.getvalue() as string;
      if (got && !got.endsWith("\n")) got += "\n";
      fakeout.seek(0n);
      fakeout.truncate();
      let outcome: "success" | "failure" | "boom" = "failure";
      const check = (want: string, actual: string): boolean => truthy(callMethod(this._checker, "check_output", want, actual, BigInt(this.optionflags)));
      if (!raised) {
        if (check(example.want, got)) outcome = "success";
      } else {
        const excMsg = exceptionOnly(exception);
        if (!quiet) got += exceptionTraceback(exception, { test, index: i, example });
        if (isNone(example.exc_msg)) outcome = "boom";
        else if (check(example.exc_msg, excMsg)) outcome = "success";
        else if (this.optionflags & flag("IGNORE_EXCEPTION_DETAIL")) {
          if (check(stripExceptionDetails(example.exc_msg), stripExceptionDetails(excMsg))) outcome = "success";
        }
      }
      if (outcome === "success") {
        if (!quiet) callMethod(this, "report_success", out, test, example, got);
      } else if (outcome === "failure") {
        if (!quiet) callMethod(this, "report_failure", out, test, example, got);
        failures++;
      } else {
        if (!quiet) {
          this._pyts_where = { test, index: i, example };
          try {
            callMethod(this, "report_unexpected_exception", out, test, example, exception);
          } finally {
            this._pyts_where = null;
          }
        }
        failures++;
      }
      if (failures && this.optionflags & flag("FAIL_FAST")) break;
    }
    this.optionflags = original;
    const [f2, t2] = this._name2ft.get(test.name) ?? [0, 0];
    this._name2ft.set(test.name, [failures + f2, tries + t2]);
    this.failures += BigInt(failures);
    this.tries += BigInt(tries);
    return new TestResults(BigInt(failures), BigInt(tries));
  }

  summarize(...args: unknown[]): any {
    const [pos, kw] = splitKw(args);
    const verbose = pos[0] ?? kw["verbose"] ?? null;
    const loud = isNone(verbose) ? this._verbose : truthy(verbose);
    const notests: string[] = [];
    const passed: [string, number][] = [];
    const failed: [string, [number, number]][] = [];
    let totalt = 0;
    let totalf = 0;
    for (const [name, [f, t]] of this._name2ft) {
      totalt += t;
      totalf += f;
      if (t === 0) notests.push(name);
      else if (f === 0) passed.push([name, t]);
      else failed.push([name, [f, t]]);
    }
    const byName = (a: [string, unknown] | string, b: [string, unknown] | string): number => {
      const x = typeof a === "string" ? a : a[0];
      const y = typeof b === "string" ? b : b[0];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const pad3 = (n: number): string => String(n).padStart(3);
    if (loud) {
      if (notests.length > 0) {
        print(`${notests.length} items had no tests:`);
        for (const thing of notests.sort(byName)) print(`    ${thing}`);
      }
      if (passed.length > 0) {
        print(`${passed.length} items passed all tests:`);
        for (const [thing, count] of passed.sort(byName)) print(` ${pad3(count)} tests in ${thing}`);
      }
    }
    if (failed.length > 0) {
      print(DIVIDER);
      print(`${failed.length} items had failures:`);
      for (const [thing, [f, t]] of failed.sort(byName)) print(` ${pad3(f)} of ${pad3(t)} in ${thing}`);
    }
    if (loud) {
      print(`${totalt} tests in ${this._name2ft.size} items.`);
      print(`${totalt - totalf} passed and ${totalf} failed.`);
    }
    if (totalf) print(`***Test Failed*** ${totalf} failures.`);
    else if (loud) print("Test passed.");
    return new TestResults(BigInt(totalf), BigInt(totalt));
  }

  merge(other: DocTestRunner): null {
    for (const [name, [f, t]] of other._name2ft) {
      const [f2, t2] = this._name2ft.get(name) ?? [0, 0];
      this._name2ft.set(name, [f + f2, t + t2]);
    }
    return null;
  }
}
