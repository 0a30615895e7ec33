// A built module that node runs as the program's entry (`node out/main.js`) and that the program
// also imports by its name: CPython runs such a module twice, as `__main__` and as `main`, with
// two namespaces. Node keeps one ES module per URL, so `pyts build` writes beside such a module a
// twin file (`main.imported.ts`) importing it again under another URL (a query string), and the
// runtime loads the twin when the entry's own name is imported (runtime/modules/program-modules.ts).
import fs from "node:fs";
import path from "node:path";

/** What a build knows of one module of a program: the modules it imports. */
export interface ModuleImports {
  imports: readonly string[];
  /** it imports names computed at run time (which may be any module of the program) */
  computed: boolean;
}

/** The twin's path beside a module's output `.ts` file. */
export function twinPath(output: string): string {
  return output.replace(/\.ts$/, ".imported.ts");
}

/** The twin's text: the module's own file loaded again as a second ES module. */
export function twinText(output: string): string {
  const file = path.basename(output).replace(/\.ts$/, ".js");
  return [
    `// pyts: ${file} as a second module. Run by node as the program's entry, ${file} is \`__main__\`;`,
    "// an import of the module by its name loads this file, and the module runs again, as in CPython.",
    "// @ts-ignore: the query string makes Node load the file anew (TypeScript cannot resolve it)",
    `import "./${file}?as-module";`,
    "",
  ].join("\n");
}

/**
 * The modules of a program that can be imported by their name while they run as the entry:
 * those some importer of theirs is reachable from (an import cycle, or a module importing
 * itself). A module importing computed names may import any module.
 */
export function modulesNeedingTwins(program: ReadonlyMap<string, ModuleImports>): Set<string> {
  const names = [...program.keys()];
  const edges = (name: string): readonly string[] => (program.get(name)?.computed ? names : (program.get(name)?.imports ?? []));
  const importers = new Map<string, string[]>();
  for (const name of names) for (const target of edges(name)) importers.set(target, [...(importers.get(target) ?? []), name]);
  const needing = new Set<string>();
  for (const name of names) {
    const wanted = new Set(importers.get(name) ?? []);
    if (wanted.size === 0) continue;
    const seen = new Set<string>([name]);
    const pending = [name];
    while (pending.length && !needing.has(name)) {
      const current = pending.pop()!;
      if (wanted.has(current)) needing.add(name);
      for (const next of edges(current)) {
        if (!seen.has(next)) {
          seen.add(next);
          pending.push(next);
        }
      }
    }
  }
  return needing;
}

/**
 * Writes the twins the program's modules need and removes those no longer needed. With
 * `check`, writes nothing and returns the twins that are missing or out of date.
 */
export function updateTwins(outputs: ReadonlyMap<string, string>, needing: ReadonlySet<string>, check: boolean): string[] {
  const wrong: string[] = [];
  for (const [name, output] of outputs) {
    const twin = twinPath(output);
    if (!needing.has(name)) {
      if (!check) fs.rmSync(twin, { force: true });
      continue;
    }
    const text = twinText(output);
    let current: string | null = null;
    try {
      current = fs.readFileSync(twin, "utf8");
    } catch {
      // not written yet
    }
    if (current === text) continue;
    if (check) {
      wrong.push(twin);
      continue;
    }
    fs.mkdirSync(path.dirname(twin), { recursive: true });
    const temporary = `${twin}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, twin);
  }
  return wrong;
}
