// `pyts run`'s cache of converted programs: a run reuses a conversion only while everything it
// was made from is unchanged (sources, the module lookups, the path as given), the entry's
// SyntaxWarnings print on every run, and --no-cache leaves the cache alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, runProcess, type ProcessResult } from "../support/fixtures.js";

let work: string;
let cache: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-run-cache-"));
  cache = path.join(work, ".cache");
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function write(dir: string, name: string, text: string): void {
  fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
}

function run(dir: string, args: string[]): Promise<ProcessResult> {
  return runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "run", ...args], { cwd: dir, env: { ...process.env, PYTS_CACHE_DIR: cache } });
}

/** The converted trees the cache holds (one per conversion kept). */
function cachedTrees(): string[] {
  const runs = path.join(cache, "run");
  if (!fs.existsSync(runs)) return [];
  return fs.readdirSync(runs).flatMap((key) => fs.readdirSync(path.join(runs, key), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(runs, key, e.name)));
}

describe("pyts run cache", { timeout: 120_000 }, () => {
  test("an edited entry or imported module is converted again; an unchanged program reuses its conversion", async () => {
    const dir = path.join(work, "edit");
    write(dir, "main.py", "import helper\nprint('main', helper.VALUE)\n");
    write(dir, "helper.py", "VALUE = 1\n");
    expect((await run(dir, ["main.py"])).stdout).toBe("main 1\n");
    const trees = cachedTrees();
    expect(trees.length).toBe(1);
    const again = await run(dir, ["main.py"]);
    expect(again.stdout).toBe("main 1\n");
    expect(cachedTrees()).toEqual(trees);

    write(dir, "helper.py", "VALUE = 2\n");
    expect((await run(dir, ["main.py"])).stdout).toBe("main 2\n");
    write(dir, "main.py", "import helper\nprint('edited', helper.VALUE)\n");
    expect((await run(dir, ["main.py"])).stdout).toBe("edited 2\n");
  });

  test("a module file created after the conversion changes what an import finds", async () => {
    const dir = path.join(work, "shadow");
    // CPython imports a `random.py` beside the script before the standard library's.
    write(dir, "main.py", "import random\nprint(hasattr(random, 'local'))\n");
    expect((await run(dir, ["main.py"])).stdout).toBe("False\n");
    write(dir, "random.py", "local = True\n");
    expect((await run(dir, ["main.py"])).stdout).toBe("True\n");
    fs.rmSync(path.join(dir, "random.py"));
    expect((await run(dir, ["main.py"])).stdout).toBe("False\n");
  });

  test("arguments, exit status and tracebacks are the program's on a cached run", async () => {
    const dir = path.join(work, "status");
    write(dir, "main.py", "import sys\nprint(sys.argv)\nif len(sys.argv) > 2:\n    raise ValueError(sys.argv[2])\nsys.exit(3)\n");
    for (let i = 0; i < 2; i++) {
      const quiet = await run(dir, ["main.py", "a"]);
      expect(quiet.stdout).toBe("['main.py', 'a']\n");
      expect(quiet.status).toBe(3);
      const failing = await run(dir, ["main.py", "a", "boom"]);
      expect(failing.status).toBe(1);
      // the script made absolute, as CPython's code objects hold it (not as typed)
      expect(failing.stderr).toContain(`File "${fs.realpathSync(dir)}/main.py", line 4, in <module>`);
      expect(failing.stderr).toContain("ValueError: boom");
    }
  });

  test("the entry's SyntaxWarnings print on every run, as CPython compiles the script each time", async () => {
    const dir = path.join(work, "warn");
    write(dir, "main.py", "x = 5\nprint(x is 5)\n");
    for (let i = 0; i < 2; i++) {
      const r = await run(dir, ["main.py"]);
      expect(r.stdout).toBe("True\n");
      expect(r.stderr).toContain('SyntaxWarning: "is" with a literal. Did you mean "=="?');
    }
  });

  test("--no-cache converts anew and writes nothing to the cache", async () => {
    const dir = path.join(work, "nocache");
    write(dir, "main.py", "print('fresh')\n");
    const before = cachedTrees();
    const r = await run(dir, ["--no-cache", "main.py"]);
    expect(r.stdout).toBe("fresh\n");
    expect(r.status).toBe(0);
    expect(cachedTrees()).toEqual(before);
  });
});
