// Python's `unittest`: TestCase (unittest-case.ts, assertions in unittest-asserts.ts and
// unittest-contexts.ts), TestResult/TextTestRunner (unittest-result.ts), TestSuite,
// TestLoader and main (unittest-loader.ts), with CPython's runner report.

import { installDeprecatedAliases } from "./unittest-deprecated.js";
import { Tuple } from "../values/tuple.js";
import { builtinFunction } from "../values/builtin-type.js";
import { kw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { installAssertions, installMethods } from "./unittest-asserts.js";
import { expectedFailure, skip, skipIf, skipUnless, TestCase } from "./unittest-case.js";
import { IsolatedAsyncioTestCase } from "./unittest-async.js";
import { assertLogs, assertNoLogs, assertRaises, assertRaisesRegex, assertWarns, assertWarnsRegex } from "./unittest-contexts.js";
import { defaultTestLoader, TestLoader, TestProgram, TestSuiteType } from "./unittest-loader.js";
import { TextTestResultType, TextTestRunnerType, unittestTestResult } from "./unittest-result.js";
import { SkipTest } from "./unittest-util.js";
import { ANY, sentinel } from "./unittest-mock-call.js";
import { call, DEFAULT, MagicMockType, MockType, NonCallableMagicMockType, NonCallableMockType } from "./unittest-mock.js";
import { createAutospec } from "./unittest-mock-autospec.js";
import { patch } from "./unittest-patch.js";
import { AsyncMockType } from "./unittest-mock-async.js";
import { mockOpen } from "./unittest-mock-open.js";
import { mockConstants, mockExtras } from "./unittest-mock-extras.js";
import { unittestExtras } from "./unittest-extras.js";
import { addModuleCleanup, doModuleCleanups, enterModuleContext } from "./unittest-cleanups.js";
import { BaseTestSuite } from "./unittest-loader.js";
import { InvalidSpecError } from "./unittest-mock-guards.js";

/** `unittest.mock`. */
export const mockModule = moduleObject("unittest.mock", {
  __all__: Tuple.of("Mock", "MagicMock", "patch", "sentinel", "DEFAULT", "ANY", "call", "create_autospec", "AsyncMock", "FILTER_DIR", "NonCallableMock", "NonCallableMagicMock", "mock_open", "PropertyMock", "seal"), // a tuple, as in CPython
  Mock: MockType,
  MagicMock: MagicMockType,
  NonCallableMock: NonCallableMockType,
  NonCallableMagicMock: NonCallableMagicMockType,
  patch,
  call,
  DEFAULT,
  ANY,
  sentinel,
  create_autospec: createAutospec,
  AsyncMock: AsyncMockType,
  mock_open: mockOpen,
  ...mockExtras,
  InvalidSpecError: pyClass(InvalidSpecError),
  ...mockConstants,
});

installAssertions(TestCase);
// (TestCase's own methods, read from a test case, are bound methods too)
const own = ["setUp", "tearDown", "countTestCases", "defaultTestResult", "id", "shortDescription", "addCleanup", "enterContext", "doCleanups", "skipTest", "fail", "subTest", "debug", "run"] as const;
installMethods(TestCase, Object.fromEntries(own.map((name) => [name, TestCase.prototype[name] as Function])));
installMethods(IsolatedAsyncioTestCase, { asyncSetUp: IsolatedAsyncioTestCase.prototype.asyncSetUp, asyncTearDown: IsolatedAsyncioTestCase.prototype.asyncTearDown, addAsyncCleanup: IsolatedAsyncioTestCase.prototype.addAsyncCleanup, enterAsyncContext: IsolatedAsyncioTestCase.prototype.enterAsyncContext });
installMethods(TestCase, { assertRaises, assertRaisesRegex, assertWarns, assertWarnsRegex, assertLogs, assertNoLogs });
installDeprecatedAliases(TestCase);

/**
 * `unittest.load_tests(loader, tests, pattern)`: the package's own hook, which discovers the
 * tests beside unittest's files (`loader.discover(start_dir=<unittest's directory>, pattern=pattern)`).
 */
function load_tests(loader: unknown, _tests: unknown, pattern: unknown): unknown {
  const file = String((unittestModule as unknown as Record<string, unknown>)["__file__"] ?? "unittest/__init__.py");
  return callMethod(loader, "discover", kw({ start_dir: file.slice(0, Math.max(0, file.lastIndexOf("/"))), pattern }));
}

export const unittestModule = moduleObject("unittest", {
  __all__: ["TestResult", "TestCase", "IsolatedAsyncioTestCase", "TestSuite", "TextTestRunner", "TestLoader", "FunctionTestCase", "main", "defaultTestLoader", "SkipTest", "skip", "skipIf", "skipUnless", "expectedFailure", "TextTestResult", "installHandler", "registerResult", "removeResult", "removeHandler", "addModuleCleanup", "doModuleCleanups", "enterModuleContext", "getTestCaseNames", "makeSuite", "findTestCases"],
  TestCase: pyClass(TestCase),
  IsolatedAsyncioTestCase: pyClass(IsolatedAsyncioTestCase),
  load_tests,
  TestSuite: TestSuiteType,
  TestLoader: pyClass(TestLoader),
  TestResult: unittestTestResult,
  TextTestResult: TextTestResultType,
  TextTestRunner: TextTestRunnerType,
  TestProgram: pyClass(TestProgram),
  main: pyClass(TestProgram),
  SkipTest,
  defaultTestLoader,
  skip: builtinFunction(skip, "skip"),
  skipIf: builtinFunction(skipIf, "skipIf"),
  skipUnless: builtinFunction(skipUnless, "skipUnless"),
  expectedFailure: builtinFunction(expectedFailure, "expectedFailure"),
  mock: mockModule,
  BaseTestSuite: pyClass(BaseTestSuite),
  ...unittestExtras,
  addModuleCleanup,
  doModuleCleanups,
  enterModuleContext,
});
