// doctest.script_from_examples and set_unittest_reportflags against CPython: prose becomes
// comments (blank lines `#`, leading and trailing ones dropped), examples their source, and
// expected output `## ` lines under `# Expected:`.
import { describe, expect, it } from "vitest";
import { script_from_examples, set_unittest_reportflags } from "../../../runtime/modules/doctest-unittest.js";
import { python } from "./python-oracle.js";

const TEXTS = [
  "",
  "Only prose.\n",
  "\n\n>>> 1 + 1\n2\n\n\n",
  "Intro\n  indented prose  \n>>> for i in range(2):\n...     print(i)\n0\n1\nOutro\n\n",
  ">>> x = 1\n>>> x\n1\n>>> print('a\\n\\nb')\na\n<BLANKLINE>\nb\n",
  "    >>> raise ValueError('v')\n    Traceback (most recent call last):\n    ValueError: v\n    tail\n",
  ">>> 'no newline at end'\n'no newline at end'",
];

describe("doctest.script_from_examples", () => {
  it("writes CPython's script for each text", () => {
    const expected = JSON.parse(python(`import doctest, json; print(json.dumps([doctest.script_from_examples(t) for t in json.loads(${JSON.stringify(JSON.stringify(TEXTS))})]))`)) as string[];
    expect(TEXTS.map((t) => script_from_examples(t))).toEqual(expected);
  });
});

describe("doctest.set_unittest_reportflags", () => {
  it("accepts reporting flags only and returns the previous ones", () => {
    const [firstFailure, ellipsis, failFast] = python("import doctest; print(doctest.REPORT_ONLY_FIRST_FAILURE, doctest.ELLIPSIS, doctest.FAIL_FAST)").trim().split(" ").map(BigInt);
    expect(set_unittest_reportflags(firstFailure! | failFast!)).toBe(0n);
    expect(() => set_unittest_reportflags(ellipsis!)).toThrow("Only reporting flags allowed");
    expect(() => set_unittest_reportflags(firstFailure! | ellipsis!)).toThrow("Only reporting flags allowed");
    expect(set_unittest_reportflags(0n)).toBe(firstFailure! | failFast!);
  });
});
