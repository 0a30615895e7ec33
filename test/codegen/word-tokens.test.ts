// The word scan that pairs the generator's text with prettier's (formatted output's call
// table): strings, template text and comments hold no words; code inside `${}` does.
import { describe, expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { sameWords, wordAt, wordTokens } from "../../src/codegen/word-tokens.js";

function words(code: string): string[] | undefined {
  return wordTokens(code)?.words;
}

describe("wordTokens", () => {
  test("names, keywords and numbers; not strings or comments", () => {
    expect(words(`const a = f("b c", 'd\\'e') // g h\n/* i */ new X.y(1.5e-7, 0x1F, 2n);`)).toEqual(["const", "a", "f", "new", "X", "y", "0", "0", "0"]);
  });
  test("template text is skipped, its substitutions are not, nested braces included", () => {
    expect(words("`a ${b({ c: `d ${e}` })} f` + g")).toEqual(["b", "c", "e", "g"]);
  });
  test("numbers compare by kind: prettier respells them", () => {
    expect(sameWords(wordTokens("x(.5, 1E5)")!, wordTokens("x(0.5, 1e5);")!)).toBe(true);
    expect(sameWords(wordTokens("x(a)")!, wordTokens("x(b)")!)).toBe(false);
  });
  test("unterminated text does not scan", () => {
    expect(wordTokens(`f("a`)).toBeNull();
    expect(wordTokens("/* a")).toBeNull();
    expect(wordTokens("`a ${b")).toBeNull();
  });
  test("wordAt finds only a word's first character", () => {
    const tokens = wordTokens("foo(bar)")!;
    expect(wordAt(tokens, 4)).toBe(1);
    expect(wordAt(tokens, 5)).toBe(-1);
  });
});

describe("formatted call table", () => {
  // A call table made without parsing the formatted text equals the one its parse gives:
  // frames at names, under `new`, behind a parenthesized callee, and in a string that spells a call.
  const source = [
    "class K:",
    "    def m(self, v):",
    "        return v",
    "def f(x):",
    "    return x",
    "s = 'f(1) # not a call'",
    "k = K()",
    "print(f(k.m(1)), (lambda y: y)(2), [f(i) for i in range(2)], s)",
  ].join("\n");
  test("each call's frame is on its callee in the formatted code", async () => {
    const { code, map } = await transpile(source, { filename: "prog.py" });
    const lines = code.split("\n");
    const calls = map.x_pyts_calls ?? [];
    expect(calls.length).toBeGreaterThan(3);
    for (const [genLine, genCol, pyLine, pyCol] of calls) {
      const at = lines[genLine]!.slice(genCol);
      // the frame is a name, `new`, or an opening parenthesis of a parenthesized callee
      expect(at).toMatch(/^([A-Za-z_$][\w$]*|\()/);
      expect(pyLine).toBeGreaterThan(0);
      expect(pyCol).toBeGreaterThanOrEqual(0);
    }
    // `k.m(1)`: V8 names the method's property, so its frame is at `m`
    const printLine = source.split("\n")[7]!;
    const method = calls.find(([, , pyLine, pyCol]) => pyLine === 8 && pyCol === printLine.indexOf("k.m(1)"));
    expect(method).toBeDefined();
    expect(lines[method![0]]!.slice(method![1])).toMatch(/^m\(/);
  });
});
