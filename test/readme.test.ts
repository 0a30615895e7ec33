// The README's side-by-side example must be what pyts really emits for 03_co_sum.py.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "./support/fixtures.js";

function codeBlock(markdown: string, language: string): string {
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(markdown);
  if (!match) throw new Error(`no ${language} block in the README`);
  return match[1]!;
}

test("the README shows 03_co_sum.py and its golden TypeScript verbatim", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const lecture = path.join(ROOT, "fixtures/lecture");
  expect(codeBlock(readme, "python")).toBe(fs.readFileSync(path.join(lecture, "03_co_sum.py"), "utf8"));
  expect(codeBlock(readme, "ts")).toBe(fs.readFileSync(path.join(lecture, "03_co_sum.ts"), "utf8"));
});
