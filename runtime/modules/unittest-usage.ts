// `TestProgram.usageExit(msg=None)` (deprecated in 3.11, still there): the message, the
// command line's help as unittest.main's argparse parser formats it (the options shown are
// those the program's arguments left open), the examples for a module's tests, then exit 2.

import { SystemExit } from "../values/exceptions.js";
import { Kwargs } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { print } from "../values/print.js";
import { truthy } from "../values/truth.js";
import { argparseModule } from "./argparse.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";

/** What usageExit reads of the TestProgram. */
export interface UsageProgram {
  progName: unknown;
  failfast: unknown;
  catchbreak: unknown;
  buffer: unknown;
  testNamePatterns: unknown;
}

const kw = (values: Record<string, unknown>): Kwargs => new Kwargs(values);

function mainParser(program: UsageProgram): unknown {
  const parent = callValue(argparseModule.ArgumentParser, kw({ add_help: false }));
  const option = (...args: unknown[]): unknown => callMethod(parent, "add_argument", ...args);
  option("-v", "--verbose", kw({ dest: "verbosity", action: "store_const", const: 2n, help: "Verbose output" }));
  option("-q", "--quiet", kw({ dest: "verbosity", action: "store_const", const: 0n, help: "Quiet output" }));
  option("--locals", kw({ dest: "tb_locals", action: "store_true", help: "Show local variables in tracebacks" }));
  if (isNone(program.failfast)) option("-f", "--failfast", kw({ dest: "failfast", action: "store_true", help: "Stop on first fail or error" }));
  if (isNone(program.catchbreak)) option("-c", "--catch", kw({ dest: "catchbreak", action: "store_true", help: "Catch Ctrl-C and display results so far" }));
  if (isNone(program.buffer)) option("-b", "--buffer", kw({ dest: "buffer", action: "store_true", help: "Buffer stdout and stderr during tests" }));
  if (isNone(program.testNamePatterns)) option("-k", kw({ dest: "testNamePatterns", action: "append", help: "Only run tests which match the given substring" }));
  const parser = callValue(argparseModule.ArgumentParser, kw({ parents: [parent], prog: program.progName }));
  callMethod(parser, "add_argument", "tests", kw({ nargs: "*", help: "a list of any number of test modules, classes and test methods." }));
  return parser;
}

export function usageExit(program: UsageProgram, msg: unknown): never {
  if (truthy(msg)) print(msg);
  print(callMethod(mainParser(program), "format_help"));
  const prog = String(program.progName);
  print(
    "Examples:\n" +
      `  ${prog}                           - run default set of tests\n` +
      `  ${prog} MyTestSuite               - run suite 'MyTestSuite'\n` +
      `  ${prog} MyTestCase.testSomething  - run MyTestCase.testSomething\n` +
      `  ${prog} MyTestCase                - run all 'test*' test methods\n` +
      `${" ".repeat(39)}in MyTestCase\n`,
  );
  throw new SystemExit(2n);
}
