// doctest's parser and output checker against CPython's on edge cases: prompts, continuation
// lines, indentation, tabs, expected tracebacks, directives, <BLANKLINE>, ellipses and
// whitespace normalisation (the expected values come from python3).
import { describe, expect, it } from "vitest";
import { DocTestSyntax, parseDocstring } from "../../../runtime/modules/doctest-parser.js";
import { checkOutput, ellipsisMatch, outputDifference, stripExceptionDetails } from "../../../runtime/modules/doctest-check.js";
import { python } from "./python-oracle.js";

const DOCSTRINGS = [
  "Text only, no examples.",
  ">>> 1 + 1\n2\n",
  "    Indented.\n\n    >>> x = 1\n    >>> x\n    1\n    ",
  ">>> for i in range(2):\n...     print(i)\n0\n1\n\nAfter a blank line.\n>>> None\n",
  "\t>>> 'tab'\n\t'tab'\n",
  ">>> raise ValueError('x')\nTraceback (most recent call last):\n  File \"f\", line 1\nValueError: x\n",
  ">>> raise KeyError(1)\nTraceback (innermost last):\nKeyError: 1\nmore detail\n",
  ">>> print(1)  # doctest: +ELLIPSIS, -NORMALIZE_WHITESPACE\n1\n>>> 2 # doctest:+SKIP\n",
  ">>> # a comment only\n>>> 3\n3\n",
  "  >>> a = 1\n  >>> a\n  1\n    >>> b = 2\n",
  ">>> print('a\\n\\nb')\na\n<BLANKLINE>\nb\n>>>    spaced = 1\n",
  ">>> s = '''\n... x\n... '''\n>>> s\n'\\nx\\n'\n",
  ">>>x",
  "  >>> x\n ... y",
  ">>> x\n  bad indent",
  ">>> x  # doctest: +NOSUCH",
  ">>> # doctest: +ELLIPSIS",
];

const PARSE = `
import doctest, json, sys
out = []
for doc in json.loads(sys.argv[1]):
    try:
        pieces = doctest.DocTestParser().parse(doc, "<string>")
        out.append([p if isinstance(p, str) else {"source": p.source, "want": p.want, "exc_msg": p.exc_msg, "lineno": p.lineno, "indent": p.indent, "options": sorted(p.options.items())} for p in pieces])
    except ValueError as e:
        out.append({"ValueError": str(e)})
print(json.dumps(out))
`;

describe("doctest's parser", () => {
  it("splits docstrings into text and examples as CPython's DocTestParser does", () => {
    const expected = JSON.parse(python(`import sys; sys.argv = ["", ${JSON.stringify(JSON.stringify(DOCSTRINGS))}]\n${PARSE}`)) as unknown[];
    const got = DOCSTRINGS.map((doc) => {
      try {
        return parseDocstring(doc).map((p) => (typeof p === "string" ? p : { source: p.source, want: p.want, exc_msg: p.exc_msg, lineno: p.lineno, indent: p.indent, options: [...p.options].sort((a, b) => a[0] - b[0]) }));
      } catch (e) {
        if (e instanceof DocTestSyntax) return { ValueError: e.message };
        throw e;
      }
    });
    expect(got).toEqual(expected);
  }, 60_000);
});

const CHECKS: [string, string, number][] = [
  ["1\n", "True\n", 0],
  ["1\n", "True\n", 1],
  ["a\n<BLANKLINE>\nb\n", "a\n\nb\n", 0],
  ["a\n<BLANKLINE>\nb\n", "a\n   \nb\n", 0],
  ["a\n<BLANKLINE>\nb\n", "a\n\nb\n", 2],
  ["[1,  2,\n 3]\n", "[1, 2, 3]\n", 4],
  ["[1, ..., 9]\n", "[1, 2, 3, 4, 5, 6, 7, 8, 9]\n", 8],
  ["aa...aa\n", "aaa\n", 8],
  ["...\n", "anything at all\n", 8],
  ["x...y...z\n", "x1y2z\n", 8],
  ["caf\u00e9\n", "caf\\xe9\n", 0],
  ["  spaced  \n", "spaced\n", 4],
  ["1 ...\n", "1   2\n", 12],
];

describe("doctest's output checker", () => {
  it("accepts and rejects outputs as CPython's OutputChecker does", () => {
    const code = `
import doctest, json, sys
c = doctest.OutputChecker()
print(json.dumps([c.check_output(w, g, f) for w, g, f in json.loads(sys.argv[1])]))
`;
    const expected = JSON.parse(python(`import sys; sys.argv = ["", ${JSON.stringify(JSON.stringify(CHECKS))}]\n${code}`)) as boolean[];
    expect(CHECKS.map(([want, got, flags]) => checkOutput(want, got, flags))).toEqual(expected);
  }, 60_000);

  it("reports differences and strips exception details as CPython does", () => {
    const cases: [string, string, number][] = [
      ["1\n2\n", "1\n3\n", 0],
      ["", "x\n", 0],
      ["x\n", "", 0],
      ["a\nb\nc\nd\n", "a\nB\nc\nd\n", 1 << 6],
      ["a\nb\nc\nd\n", "a\nB\nc\nd\n", 1 << 7],
      ["a\nb\n", "a\n\nB\n", 1 << 8],
    ];
    const code = `
import doctest, json, sys
c = doctest.OutputChecker()
print(json.dumps([c.output_difference(doctest.Example("x", w), g, f) for w, g, f in json.loads(sys.argv[1])]))
`;
    const messages = ["pkg.mod.MyError: la di da", "ValueError", "abc.def:\n", "KeyError: 'x'\nmore"];
    const strip = `print(json.dumps([doctest._strip_exception_details(m) for m in ${JSON.stringify(messages)}]))`;
    const [expected, stripped] = python(`import sys; sys.argv = ["", ${JSON.stringify(JSON.stringify(cases))}]\n${code}\n${strip}`).trim().split("\n").map((l) => JSON.parse(l) as string[]);
    expect(cases.map(([want, got, flags]) => outputDifference(want, got, flags))).toEqual(expected);
    expect(messages.map(stripExceptionDetails)).toEqual(stripped);
    expect(ellipsisMatch("aa...aa", "aaa")).toBe(false);
  }, 60_000);
});
