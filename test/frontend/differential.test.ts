// Differential test: our AST dump must equal CPython's `ast.dump(..., include_attributes=True)`
// for every fixture and every corpus snippet (`ast.parse` runs no symbol-table or compiler
// checks, so neither does this comparison: compile_errors.test.ts covers those).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiagnosticError } from "../../src/frontend/ast.js";
import { dumpAst } from "../../src/frontend/dump.js";
import { parseAst } from "../../src/frontend/parse.js";
import { decodeSource } from "../../src/frontend/encoding.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");

function pyFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(pyFiles(p));
    else if (name.endsWith(".py")) out.push(p);
  }
  return out.sort();
}

const files = [...pyFiles(join(root, "fixtures")), ...pyFiles(join(here, "corpus"))];
const expected: Record<string, string> = JSON.parse(
  execFileSync("python3", [join(here, "cpython_dump.py")], { input: files.join("\n"), maxBuffer: 1 << 28 }).toString(),
);

function ours(file: string): string {
  try {
    return dumpAst(parseAst(decodeSource(readFileSync(file), file), file));
  } catch (e) {
    if (e instanceof DiagnosticError) {
      const d = e.diagnostics[0]!;
      return `SyntaxError:${d.line}:${d.col + 1}:${d.message}`;
    }
    throw e;
  }
}

describe("frontend matches CPython's ast", () => {
  it("has files to compare", () => {
    expect(files.length).toBeGreaterThan(20);
  });
  for (const file of files) {
    it(relative(root, file), () => {
      expect(ours(file)).toBe(expected[file]);
    });
  }
});
