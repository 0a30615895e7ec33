// `javascript: true` (what `pyts run` executes): the emitter's TypeScript with its types
// stripped on the syntax tree. The result must be plain JavaScript and keep every construct
// that is JavaScript's own (optional chaining shares a flag name with TypeScript's `x?`).
import fs from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";
import { expect, test } from "vitest";
import { transpile } from "../../src/index.js";
import { listFixtures, ROOT } from "../support/fixtures.js";

/** Node types in a module, counted (positions and comments left out). */
function nodeCounts(code: string, typescript: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== "object") return;
    const type = (node as { type?: string }).type;
    // (`import { type T }`: a specifier only the type checker reads)
    if (type === "ImportSpecifier" && (node as { importKind?: string }).importKind === "type") return;
    if (type !== undefined) counts.set(type, (counts.get(type) ?? 0) + 1);
    // Inside a type only the value of an assertion (`v as T`) is code.
    if (type?.startsWith("TS")) return visit((node as { expression?: unknown }).expression ?? null);
    for (const [key, value] of Object.entries(node)) if (key !== "loc" && key !== "leadingComments" && key !== "trailingComments" && key !== "innerComments") visit(value);
  };
  visit(parse(code, { sourceType: "module", plugins: typescript ? ["typescript"] : [], allowAwaitOutsideFunction: true }).program);
  return counts;
}

test("every fixture's JavaScript parses without TypeScript and keeps the JavaScript constructs", async () => {
  for (const fixture of listFixtures()) {
    const source = fs.readFileSync(fixture.py);
    const filename = path.relative(ROOT, fixture.py);
    // The golden TypeScript is what pyts emits (test/fixtures.test.ts); formatting changes no node.
    const ts = nodeCounts(fs.readFileSync(fixture.ts, "utf8"), true);
    const js = nodeCounts((await transpile(source, { filename, format: false, javascript: true })).code, false);
    for (const [type, count] of ts) {
      if (type.startsWith("TS")) expect(js.has(type), `${filename}: ${type}`).toBe(false);
      else expect([filename, type, js.get(type)]).toEqual([filename, type, count]);
    }
  }
}, 300_000);

test("annotations, assertions and index signatures go; optional chaining and class fields stay", async () => {
  const source = "class C:\n    x: int = 1\n    def f(self, a: int) -> int:\n        return a\nn = {'k': None}['k']\ntry:\n    n.v\nexcept AttributeError:\n    print('no v')\n";
  const { code } = await transpile(source, { filename: "prog.py", format: false, javascript: true });
  expect(code).toContain("?.");
  expect(code).not.toMatch(/: any\b|\bas any\b|\[attr: string\]/);
  expect(() => nodeCounts(code, false)).not.toThrow();
});
