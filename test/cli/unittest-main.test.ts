// `unittest.main()` as a test module calls it: the runner's report on stderr (dots or verbose
// lines, the ====/---- blocks with tracebacks naming the test's file and line, the summary)
// and the exit status, compared with python3 running the same program. Only the run's
// duration differs between two runs: both reports must show it in CPython's format.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runProcess, runPyts } from "../support/fixtures.js";

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-unittest-"));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

const SUITE = `import unittest


def parse(text):
    key, _, value = text.partition("=")
    return key.strip(), int(value)


class ParseTest(unittest.TestCase):
    def test_simple(self):
        self.assertEqual(parse("a=1"), ("a", 1))

    def test_spaces(self):
        """Spaces around the key are dropped."""
        self.assertEqual(parse(" b =2"), ("b", 2))

    def test_wrong(self):
        self.assertEqual(parse("c=3"), ("c", 4))

    def test_garbage(self):
        parse("no equals sign")

    @unittest.skip("later")
    def test_later(self):
        pass

    def test_items(self):
        for text in ["x=1", "y=z", "w=2"]:
            with self.subTest(text=text):
                parse(text)


if __name__ == "__main__":
    unittest.main()
`;

const PASSING = `import unittest


class T(unittest.TestCase):
    def test_a(self):
        self.assertTrue(True)

    def test_b(self):
        self.assertIn(1, [1, 2])


unittest.main()
`;

const PROGRAMS: Record<string, [string, string[]]> = {
  failing_suite: [SUITE, []],
  failing_suite_verbose: [SUITE, ["-v"]],
  failing_suite_quiet: [SUITE, ["-q"]],
  failing_suite_selected: [SUITE, ["ParseTest.test_simple", "ParseTest.test_wrong"]],
  passing_suite: [PASSING, []],
  passing_suite_verbose: [PASSING, ["-v"]],
  no_exit: [PASSING.replace("unittest.main()", "unittest.main(exit=False)\nprint('still running')"), []],
};

// Test modules written as a course's students write them (test/cli/unittest-programs/).
const COURSE = path.join(path.dirname(new URL(import.meta.url).pathname), "unittest-programs");
for (const file of fs.readdirSync(COURSE).filter((f) => f.endsWith(".py")).sort()) {
  PROGRAMS[`course_${file.replace(/\.py$/, "")}`] = [fs.readFileSync(path.join(COURSE, file), "utf8"), []];
}

const TIME = /^Ran (\d+) tests? in \d+\.\d{3}s$/m;

describe("unittest.main() reports as CPython's runner does", () => {
  for (const [name, [source, args]] of Object.entries(PROGRAMS)) {
    test(name, async () => {
      const file = path.join(work, `${name}.py`);
      fs.writeFileSync(file, source);
      const expected = await runProcess("python3", [file, ...args]);
      const actual = await runPyts(["run", file, ...args]);
      expect(actual.stderr).toMatch(TIME);
      const same = (text: string): string => text.replace(TIME, "Ran $1 tests in <time>");
      expect(same(actual.stderr)).toBe(same(expected.stderr));
      expect(actual.stdout).toBe(expected.stdout);
      expect(actual.status).toBe(expected.status);
    }, 60_000);
  }
});
