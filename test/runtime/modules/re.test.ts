// `re` against CPython: a seeded generator writes patterns (every construct of Python's
// syntax, including ones JS RegExp spells or means differently) and subjects; python3 gives
// the expected search, findall, sub and split results (or the re.error), compared with pyts's.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { reModule as re } from "../../../runtime/modules/re.js";
import { useNativeRegExp } from "../../../runtime/modules/re-pattern.js";
import { IGNORECASE_EXTRAS } from "../../../runtime/modules/re-native.js";
import { repr } from "../../../runtime/values/repr.js";
import { python } from "./python-oracle.js";

/** A small deterministic PRNG (mulberry32), so the generated set is the same on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(random: () => number, count: number): Array<[string, string]> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const atoms = ["a", "b", "c", "A", ".", "[ab]", "[^a]", "[a-c]", "\\d", "\\w", "\\s", "\\W", "[\\w-]", "1", " ", "\\n", "é", "ß", "K", "[^\\s]", "\\.", "x", "i", "s", "k", "[h-l]", "\\D", "\\S", "[\\s\\d]", "[^\\W]"];
  const anchors = ["^", "$", "\\b", "\\B", "\\A", "\\Z"];
  const quantifiers = ["*", "+", "?", "*?", "+?", "??", "{2}", "{1,2}", "{,2}", "{2,}", "{1,2}?", "*+", "++", "?+"];
  let groups = 0;
  const expr = (depth: number): string => {
    const parts: string[] = [];
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      const r = random();
      let part: string;
      if (depth < 2 && r < 0.25) {
        const kind = pick(["(", "(?:", "(?P<g%>", "(?>", "(?i:", "(?=", "(?!", "(?<=", "(?<!"]);
        if (kind.startsWith("(?<")) {
          part = `${kind}${pick(["a", "b", "ab", "\\w", "[ab]c", "a|b"])})`;
        } else {
          const inner = random() < 0.3 ? `${expr(depth + 1)}|${expr(depth + 1)}` : expr(depth + 1);
          if (kind === "(" || kind === "(?P<g%>") groups++;
          part = `${kind.replace("%", String(groups))}${inner})`;
        }
      } else if (r < 0.32) {
        part = pick(anchors);
      } else if (r < 0.36 && groups > 0) {
        part = `\\${1 + Math.floor(random() * groups)}`;
      } else if (r < 0.38 && groups > 0) {
        part = `(?(${1 + Math.floor(random() * groups)})a|b)`;
      } else {
        part = pick(atoms);
      }
      if (!anchors.includes(part) && random() < 0.35) part += pick(quantifiers);
      parts.push(part);
    }
    return parts.join("");
  };
  const alphabet = ["a", "b", "c", "A", "B", "1", "2", " ", "\n", "_", "é", "É", "ß", "K", "k", "x", "-", ".", "i", "s", "\u0130", "\u0131", "\u017f", "\u212a", "\r", "\u2028", "\u0663"];
  const cases: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    groups = 0;
    const prefix = random() < 0.15 ? pick(["(?i)", "(?s)", "(?m)", "(?a)", "(?x) "]) : "";
    const pattern = prefix + expr(0);
    let subject = "";
    const length = Math.floor(random() * 12);
    for (let j = 0; j < length; j++) subject += pick(alphabet);
    cases.push([pattern, subject]);
  }
  return cases;
}

const ORACLE = `
import json, re, sys
out = []
for pattern, subject in json.loads(sys.stdin.read()):
    try:
        p = re.compile(pattern)
        m = p.search(subject)
        out.append(repr([m and (m.span(), m.groups(), m.lastindex), p.findall(subject), p.sub(r"<\\g<0>>", subject), p.split(subject)]))
    except re.error as e:
        out.append("error: " + str(e))
print(json.dumps(out))
`;

function pyts(pattern: string, subject: string): string {
  try {
    const p = re.compile(pattern);
    const m = p.search(subject);
    const first = m === null ? "None" : `(${repr(m.span())}, ${repr(m.groups())}, ${repr(m.lastindex)})`;
    return `[${first}, ${repr(p.findall(subject))}, ${repr(p.sub("<\\g<0>>", subject))}, ${repr(p.split(subject))}]`;
  } catch (error) {
    if (error instanceof re.error) return `error: ${(error as Error).message}`;
    throw error;
  }
}

describe("re: generated patterns against CPython", () => {
  const cases = generate(prng(11), 4000);
  const expected = JSON.parse(execFileSync("python3", ["-c", ORACLE], { input: JSON.stringify(cases), encoding: "utf8", maxBuffer: 1 << 26 })) as string[];

  const mismatchesOf = (): string => {
    const mismatches: string[] = [];
    cases.forEach(([pattern, subject], i) => {
      const got = pyts(pattern, subject);
      if (got !== expected[i]) mismatches.push(`${JSON.stringify(pattern)} on ${JSON.stringify(subject)}:\n  cpython ${expected[i]}\n  pyts    ${got}`);
    });
    return mismatches.slice(0, 10).join("\n");
  };

  it("gives CPython's search, findall, sub and split results (or re.error) for every case", () => {
    expect(mismatchesOf()).toBe("");
  }, 120_000);

  it("gives them with pyts's own engine alone too (no pattern handed to a JavaScript RegExp)", () => {
    re.purge();
    useNativeRegExp(false);
    try {
      expect(mismatchesOf()).toBe("");
    } finally {
      useNativeRegExp(true);
      re.purge();
    }
  }, 120_000);

  it("hands a good share of the patterns to a JavaScript RegExp", () => {
    let native = 0;
    for (const [pattern] of cases) {
      try {
        if ((re.compile(pattern) as { native: unknown }).native !== null) native++;
      } catch {
        // re.error
      }
    }
    expect(native).toBeGreaterThan(cases.length / 4);
  });

  it("covers matches, empty results and errors", () => {
    expect(expected.filter((e) => e.startsWith("error")).length).toBeGreaterThan(5);
    expect(expected.filter((e) => e.startsWith("[((")).length).toBeGreaterThan(1000);
  });
});

describe("re: errors and edge cases as CPython reports them", () => {
  const checks = [
    "re.compile('(abc')",
    "re.compile('abc)')",
    "re.compile('a**')",
    "re.compile('*a')",
    "re.compile('[z-a]')",
    "re.compile('(?<=a+)b')",
    "re.compile('\\\\q')",
    "re.compile('(?P<1>a)')",
    "re.compile('(?P<a>x)(?P<a>y)')",
    "re.compile('\\\\2(a)')",
    "re.compile('a(?i)b')",
    "re.compile('x{2,1}')",
    "re.compile('a\\n(b', re.X)",
    "re.sub('(a)', '\\\\2', 'a')",
    "re.sub('(a)', '\\\\g<x>', 'a')",
  ];
  const oracle = python(`import re\nfor src in ${JSON.stringify(checks)}:\n    try:\n        eval(src)\n        print("ok")\n    except Exception as e:\n        print(type(e).__name__, e, getattr(e, "pos", None))\n`)
    .replace(/\n$/, "")
    .split("\n");

  it.each(checks.map((src, i) => [src, oracle[i]!]))("%s", (src, expected) => {
    const run = (): void => {
      // The same call on pyts's module: the Python source above is tiny, so evaluate it by hand.
      const m = /^re\.(compile|sub)\((.*)\)$/.exec(src)!;
      const args = JSON.parse(`[${m[2]!.replace(/'/g, '"').replace(/re\.X/, "64")}]`) as unknown[];
      const call = re[m[1] as "compile" | "sub"] as (...a: unknown[]) => unknown;
      call(...args.map((a) => (typeof a === "number" ? BigInt(a) : a)));
    };
    let got = "ok";
    try {
      run();
    } catch (error) {
      const e = error as { name: string; message: string; pos?: bigint | null };
      got = `${e.name} ${e.message} ${e.pos === undefined || e.pos === null ? "None" : e.pos}`;
    }
    expect(got).toBe(expected);
  });
});

describe("re: IGNORECASE beyond ASCII", () => {
  it("knows every non-ASCII character (of the BMP) CPython matches for an ASCII letter", () => {
    const expected = python(`import re, string
for letter in string.ascii_lowercase:
    found = [c for c in range(0x80, 0x10000) if re.match("(?i)" + letter, chr(c))]
    if found:
        print(letter, found)`);
    const table = Object.entries(IGNORECASE_EXTRAS)
      .sort()
      .map(([letter, cps]) => `${letter} [${cps.join(", ")}]\n`)
      .join("");
    expect(table).toBe(expected);
  }, 60_000);
});

describe("re: long subjects", () => {
  it("repeats a group 100,000 times without deepening the stack", () => {
    const subject = "ab".repeat(100_000);
    const got = [
      repr(re.match("(?:a|b)*c", subject + "c").span()),
      repr(re.match("(ab|cd)*$", subject).span(1n)),
      repr(re.match("(?:(a)|b)+?$", subject).span(1n)),
      repr(re.fullmatch("(?:x|ab)*", subject).span()),
    ];
    const expected = python(`import re
s = "ab" * 100_000
print(re.match("(?:a|b)*c", s + "c").span())
print(re.match("(ab|cd)*$", s).span(1))
print(re.match("(?:(a)|b)+?$", s).span(1))
print(re.fullmatch("(?:x|ab)*", s).span())`);
    expect(got.join("\n") + "\n").toBe(expected);
  }, 60_000);
});
