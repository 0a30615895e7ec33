// Multi-module fixture programs: fixtures/modules/<program>/ holds a program's .py files
// (its entry is main.py), the golden .ts pyts emits for each (as `pyts build` converts the
// folder), main.out (CPython's stdout for `python3 main.py` run in the folder) and, when not
// 0, main.status.
import fs from "node:fs";
import path from "node:path";
import { FIXTURES } from "./fixtures.js";
import { transpileFiles } from "../../src/index.js";

export const PROGRAMS = path.join(FIXTURES, "modules");

export interface Program {
  name: string;
  dir: string;
  /** every .py file of the program, relative to its folder, sorted */
  files: string[];
}

function pythonFiles(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? pythonFiles(path.join(dir, e.name), base) : e.name.endsWith(".py") ? [path.relative(base, path.join(dir, e.name))] : []))
    .sort();
}

export function listPrograms(): Program[] {
  if (!fs.existsSync(PROGRAMS)) return [];
  return fs
    .readdirSync(PROGRAMS)
    .sort()
    .filter((name) => fs.existsSync(path.join(PROGRAMS, name, "main.py")))
    .map((name) => ({ name, dir: path.join(PROGRAMS, name), files: pythonFiles(path.join(PROGRAMS, name)) }));
}

/** The TypeScript of each file of the program (by its .py path relative to the folder), as the API's transpileFiles() (and `pyts build`) emits it. */
export async function transpileProgram(program: Program): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const { relative, result, diagnostics } of await transpileFiles(program.dir)) {
    if (!result) throw new Error(`${program.name}/${relative}: ${JSON.stringify(diagnostics)}`);
    out.set(relative, result.code);
  }
  return out;
}

export function expectedProgramStatus(program: Program): number {
  const file = path.join(program.dir, "main.status");
  return fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8").trim()) : 0;
}
