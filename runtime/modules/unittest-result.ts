// TestResult, TextTestResult and TextTestRunner with Lib/unittest/runner.py's report: dots or
// verbose lines, the ====/---- blocks with tracebacks, "Ran N tests in T.TTTs" and the
// OK / FAILED (failures=.., errors=.., skipped=..) summary.

import { BaseException } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { repr, toStr } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isinstance } from "../values/builtin-functions.js";
import { formatException } from "../values/traceback.js";
import { standardStreams } from "../values/print.js";
import { isNone, pyClass } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { TracebackException } from "./traceback.js";
import { attrOr, SubTest, unittestHooks } from "./unittest-case.js";
import { registerResult } from "./unittest-signals.js";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** The report of an exception, `err` being (type, value, traceback). */
export function excInfoToString(err: unknown): string {
  const value = err instanceof Tuple ? err.at(1) : err;
  if (!(value instanceof BaseException)) return formatException(value);
  const tb = err instanceof Tuple ? err.at(2) : value.__traceback__;
  const te = new TracebackException(value.constructor, value, tb);
  return te.format().join("");
}

export class TestResult {
  [attr: string]: any;
  static readonly __module__: string = "unittest.result";
  failfast: unknown = false;
  failures: Tuple[] = [];
  errors: Tuple[] = [];
  testsRun = 0n;
  skipped: Tuple[] = [];
  expectedFailures: Tuple[] = [];
  unexpectedSuccesses: unknown[] = [];
  shouldStop: unknown = false;
  buffer: unknown = false;
  tb_locals: unknown = false;
  _stdout_buffer: unknown = null;
  _stderr_buffer: unknown = null;

  constructor(..._args: unknown[]) {}

  printErrors(): any {
    return null;
  }
  startTest(_test: unknown): any {
    this.testsRun += 1n;
    return null;
  }
  startTestRun(): any {
    return null;
  }
  stopTest(_test: unknown): any {
    return null;
  }
  stopTestRun(): any {
    return null;
  }
  addError(test: unknown, err: unknown): any {
    if (truthy(this.failfast)) callMethod(this, "stop");
    this.errors.push(Tuple.of(test, callMethod(this, "_exc_info_to_string", err, test)));
    return null;
  }
  addFailure(test: unknown, err: unknown): any {
    if (truthy(this.failfast)) callMethod(this, "stop");
    this.failures.push(Tuple.of(test, callMethod(this, "_exc_info_to_string", err, test)));
    return null;
  }
  addSubTest(test: unknown, subtest: unknown, err: unknown): any {
    if (!isNone(err)) {
      if (truthy(this.failfast)) callMethod(this, "stop");
      const value = err instanceof Tuple ? err.at(1) : err;
      const failure = attrOr(test, "failureException", null);
      const errors = !isNone(failure) && isinstance(value, failure) ? this.failures : this.errors;
      errors.push(Tuple.of(subtest, callMethod(this, "_exc_info_to_string", err, test)));
    }
    return null;
  }
  addSuccess(_test: unknown): any {
    return null;
  }
  addSkip(test: unknown, reason: unknown): any {
    this.skipped.push(Tuple.of(test, reason));
    return null;
  }
  addExpectedFailure(test: unknown, err: unknown): any {
    this.expectedFailures.push(Tuple.of(test, callMethod(this, "_exc_info_to_string", err, test)));
    return null;
  }
  addUnexpectedSuccess(test: unknown): any {
    if (truthy(this.failfast)) callMethod(this, "stop");
    this.unexpectedSuccesses.push(test);
    return null;
  }
  wasSuccessful(): any {
    return this.failures.length === 0 && this.errors.length === 0 && this.unexpectedSuccesses.length === 0;
  }
  stop(): any {
    this.shouldStop = true;
    return null;
  }
  _exc_info_to_string(err: unknown, _test: unknown): any {
    return excInfoToString(err);
  }
  __repr__(): string {
    const cls = this.constructor as { __module__?: string; name: string };
    return `<${cls.__module__ ?? "unittest.result"}.${cls.name} run=${this.testsRun} errors=${this.errors.length} failures=${this.failures.length}>`;
  }
}

/** `_WritelnDecorator`: a stream with writeln. */
export class WritelnDecorator {
  static readonly pythonName = "_WritelnDecorator";
  constructor(readonly stream: unknown) {}
  write(text: unknown): any {
    return callMethod(this.stream, "write", text);
  }
  writeln(text: unknown = null): any {
    if (!isNone(text)) this.write(text);
    return this.write("\n");
  }
  flush(): any {
    const flush = attrOr(this.stream, "flush", null);
    return isNone(flush) ? null : callValue(flush);
  }
  __getattr__(name: string): any {
    return attrOr(this.stream, name, undefined);
  }
}

const SEPARATOR1 = "=".repeat(70);
const SEPARATOR2 = "-".repeat(70);

export class TextTestResult extends TestResult {
  static override readonly __module__: string = "unittest.runner";
  static readonly separator1 = SEPARATOR1;
  static readonly separator2 = SEPARATOR2;
  readonly separator1 = SEPARATOR1;
  readonly separator2 = SEPARATOR2;
  stream: WritelnDecorator;
  showAll: boolean;
  dots: boolean;
  descriptions: unknown;
  _newline = true;

  constructor(...args: unknown[]) {
    super();
    const [pos, kw] = splitKw(args);
    const stream = pos[0] ?? kw["stream"];
    this.stream = stream instanceof WritelnDecorator ? stream : new WritelnDecorator(stream);
    this.descriptions = pos[1] ?? kw["descriptions"] ?? true;
    const verbosity = Number(pos[2] ?? kw["verbosity"] ?? 1n);
    this.showAll = verbosity > 1;
    this.dots = verbosity === 1;
  }

  getDescription(test: unknown): any {
    const doc = callMethod(test, "shortDescription");
    if (truthy(this.descriptions) && truthy(doc)) return `${toStr(test)}\n${toStr(doc)}`;
    return toStr(test);
  }

  override startTest(test: unknown): any {
    super.startTest(test);
    if (this.showAll) {
      this.stream.write(callMethod(this, "getDescription", test));
      this.stream.write(" ... ");
      this.stream.flush();
      this._newline = false;
    }
    return null;
  }

  _write_status(test: unknown, status: string): any {
    const isSubtest = test instanceof SubTest;
    if (isSubtest || this._newline) {
      if (!this._newline) this.stream.writeln();
      if (isSubtest) this.stream.write("  ");
      this.stream.write(callMethod(this, "getDescription", test));
      this.stream.write(" ... ");
    }
    this.stream.writeln(status);
    this.stream.flush();
    this._newline = true;
    return null;
  }

  #progress(test: unknown, status: string, dot: string): void {
    if (this.showAll) callMethod(this, "_write_status", test, status);
    else if (this.dots) {
      this.stream.write(dot);
      this.stream.flush();
    }
  }

  override addSubTest(test: unknown, subtest: unknown, err: unknown): any {
    if (!isNone(err)) {
      const value = err instanceof Tuple ? err.at(1) : err;
      const failure = isinstance(value, attrOr(subtest, "failureException", null));
      this.#progress(subtest, failure ? "FAIL" : "ERROR", failure ? "F" : "E");
    }
    return super.addSubTest(test, subtest, err);
  }
  override addSuccess(test: unknown): any {
    super.addSuccess(test);
    this.#progress(test, "ok", ".");
    return null;
  }
  override addError(test: unknown, err: unknown): any {
    super.addError(test, err);
    this.#progress(test, "ERROR", "E");
    return null;
  }
  override addFailure(test: unknown, err: unknown): any {
    super.addFailure(test, err);
    this.#progress(test, "FAIL", "F");
    return null;
  }
  override addSkip(test: unknown, reason: unknown): any {
    super.addSkip(test, reason);
    this.#progress(test, `skipped ${repr(reason)}`, "s");
    return null;
  }
  override addExpectedFailure(test: unknown, err: unknown): any {
    super.addExpectedFailure(test, err);
    this.#progress(test, "expected failure", "x");
    return null;
  }
  override addUnexpectedSuccess(test: unknown): any {
    super.addUnexpectedSuccess(test);
    this.#progress(test, "unexpected success", "u");
    return null;
  }

  override printErrors(): any {
    if (this.dots || this.showAll) {
      this.stream.writeln();
      this.stream.flush();
    }
    callMethod(this, "printErrorList", "ERROR", this.errors);
    callMethod(this, "printErrorList", "FAIL", this.failures);
    if (this.unexpectedSuccesses.length > 0) {
      this.stream.writeln(SEPARATOR1);
      for (const test of this.unexpectedSuccesses) this.stream.writeln(`UNEXPECTED SUCCESS: ${toStr(callMethod(this, "getDescription", test))}`);
      this.stream.flush();
    }
    return null;
  }

  printErrorList(flavour: unknown, errors: unknown): any {
    for (const pair of errors as Tuple[]) {
      const [test, err] = [pair.at(0), pair.at(1)];
      this.stream.writeln(SEPARATOR1);
      this.stream.writeln(`${toStr(flavour)}: ${toStr(callMethod(this, "getDescription", test))}`);
      this.stream.writeln(SEPARATOR2);
      this.stream.writeln(toStr(err));
      this.stream.flush();
    }
    return null;
  }
}

export const unittestTestResult = pyClass(TestResult);
unittestHooks.TestResult = unittestTestResult;
export const TextTestResultType = pyClass(TextTestResult);

export class TextTestRunner {
  static readonly __module__: string = "unittest.runner";
  static resultclass: unknown = TextTestResultType;
  stream: WritelnDecorator;
  descriptions: unknown;
  verbosity: unknown;
  failfast: unknown;
  buffer: unknown;
  warnings: unknown;
  tb_locals: unknown;
  resultclass: unknown;

  constructor(...args: unknown[]) {
    const [pos, kw] = splitKw(args);
    const names = ["stream", "descriptions", "verbosity", "failfast", "buffer", "resultclass", "warnings"];
    const get = (i: number): unknown => (i < pos.length ? pos[i] : kw[names[i]!]);
    const stream = get(0);
    this.stream = new WritelnDecorator(isNone(stream) ? standardStreams.stderr : stream);
    this.descriptions = get(1) ?? true;
    this.verbosity = get(2) ?? 1n;
    this.failfast = get(3) ?? false;
    this.buffer = get(4) ?? false;
    this.tb_locals = kw["tb_locals"] ?? false;
    this.warnings = get(6) ?? null;
    const resultclass = get(5);
    this.resultclass = isNone(resultclass) ? attrOr(this.constructor, "resultclass", TextTestResultType) : resultclass;
  }

  _makeResult(): any {
    return callValue(this.resultclass, this.stream, this.descriptions, this.verbosity);
  }

  run(test: unknown): any {
    const result = callMethod(this, "_makeResult");
    registerResult(result);
    result.failfast = this.failfast;
    result.buffer = this.buffer;
    result.tb_locals = this.tb_locals;
    const startTime = performance.now();
    const startTestRun = attrOr(result, "startTestRun", null);
    if (!isNone(startTestRun)) callValue(startTestRun);
    try {
      callValue(test, result);
    } finally {
      const stopTestRun = attrOr(result, "stopTestRun", null);
      if (!isNone(stopTestRun)) callValue(stopTestRun);
    }
    const timeTaken = (performance.now() - startTime) / 1000;
    callMethod(result, "printErrors");
    if (!isNone(attrOr(result, "separator2", null))) this.stream.writeln(attrOr(result, "separator2", SEPARATOR2));
    const run = Number(attrOr(result, "testsRun", 0n));
    this.stream.writeln(`Ran ${run} test${run !== 1 ? "s" : ""} in ${timeTaken.toFixed(3)}s`);
    this.stream.writeln();
    const count = (name: string): number => {
      const v = attrOr(result, name, null);
      return Array.isArray(v) ? v.length : 0;
    };
    const expectedFails = count("expectedFailures");
    const unexpectedSuccesses = count("unexpectedSuccesses");
    const skipped = count("skipped");
    const infos: string[] = [];
    if (!truthy(callMethod(result, "wasSuccessful"))) {
      this.stream.write("FAILED");
      const failed = count("failures");
      const errored = count("errors");
      if (failed) infos.push(`failures=${failed}`);
      if (errored) infos.push(`errors=${errored}`);
    } else {
      this.stream.write("OK");
    }
    if (skipped) infos.push(`skipped=${skipped}`);
    if (expectedFails) infos.push(`expected failures=${expectedFails}`);
    if (unexpectedSuccesses) infos.push(`unexpected successes=${unexpectedSuccesses}`);
    if (infos.length > 0) this.stream.writeln(` (${infos.join(", ")})`);
    else this.stream.write("\n");
    this.stream.flush();
    return result;
  }
}


export const TextTestRunnerType = pyClass(TextTestRunner);
