// The pyts command as a user runs it, continued from cli.test.ts: build --watch, on a terminal,
// source maps and large trees (the built CLI in a child process).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, runProcess, runPyts } from "../support/fixtures.js";

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-cli-"));
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(work, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe("build --watch", { timeout: 60_000 }, () => {
  test("rebuilds a changed file and reports each rebuild", async () => {
    write("watch/w.py", "print('one')\n");
    const outDir = path.join(work, "watch-out");
    const child = spawn(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "build", path.join(work, "watch"), "--out-dir", outDir, "--watch"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const until = async (done: () => boolean): Promise<void> => {
      for (let waited = 0; !done(); waited += 50) {
        if (waited > 30_000) throw new Error(`timed out; stderr so far: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await until(() => stderr.includes("watching"));
      expect(fs.readFileSync(path.join(outDir, "w.ts"), "utf8")).toContain("one");
      write("watch/w.py", "print('two')\n");
      await until(() => fs.readFileSync(path.join(outDir, "w.ts"), "utf8").includes("two"));
      await until(() => /rebuilding\n.*converted 1 file/s.test(stderr));
      write("watch/new.py", "print('new')\n");
      await until(() => fs.existsSync(path.join(outDir, "new.ts")));
    } finally {
      child.kill();
    }
  }, 60_000);

  test("rebuilds a changed module and the modules that depend on what changed, naming each", async () => {
    write("watch-graph/main.py", "from shapes import *\nimport util\nprint(area(2), util.x)\n");
    write("watch-graph/other.py", "import util\nprint(util.x)\n");
    write("watch-graph/shapes.py", "def area(r):\n    return r * r\n");
    write("watch-graph/util.py", "x = 1\n");
    const outDir = path.join(work, "watch-graph-out");
    const child = spawn(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "build", path.join(work, "watch-graph"), "--out-dir", outDir, "--watch"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const until = async (done: () => boolean): Promise<void> => {
      for (let waited = 0; !done(); waited += 50) {
        if (waited > 30_000) throw new Error(`timed out; stderr so far: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const rebuilds = (): string[] => stderr.split("\n").filter((line) => line.startsWith("pyts: rebuilt ")).map((line) => line.replace(path.join(work, "watch-graph") + path.sep, ""));
    try {
      await until(() => stderr.includes("watching"));
      // A body change that changes no name another module reads: only that module.
      write("watch-graph/util.py", "x = 2\n");
      await until(() => /converted 1 file\(s\), 3 up to date/.test(stderr));
      expect(rebuilds()).toEqual(["pyts: rebuilt util.py"]);
      // A new public name changes what `from shapes import *` binds: main.py is rebuilt too, other.py is not.
      write("watch-graph/shapes.py", "def area(r):\n    return r * r\n\n\ndef perimeter(r):\n    return 4 * r\n");
      await until(() => /converted 2 file\(s\), 2 up to date/.test(stderr));
      expect(rebuilds().slice(1).sort()).toEqual(["pyts: rebuilt main.py (a module it imports changed: shapes)", "pyts: rebuilt shapes.py"]);
      expect(fs.readFileSync(path.join(outDir, "main.ts"), "utf8")).toContain("perimeter");
    } finally {
      child.kill();
    }
  }, 60_000);
});

describe("build on a terminal", { timeout: 60_000 }, () => {
  // `script` (util-linux) gives the build a pseudo-terminal as its stderr.
  test.runIf(spawnSync("which", ["script"]).status === 0)("a long run shows a progress line that it clears; a pipe gets none", async () => {
    for (let i = 1; i <= 25; i++) write(`progress/m${i}.py`, `print(${i})\n`);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, "dist/src/cli/main.js"))} build ${JSON.stringify(path.join(work, "progress"))} --out-dir ${JSON.stringify(path.join(work, "progress-out"))}`;
    const terminal = await runProcess("script", ["-qec", command, "/dev/null"]);
    // Files are converted in parallel: the first to finish may be any of them.
    expect(terminal.stdout).toMatch(/\r\x1b\[K\[1\/25\] m\d+\.py/);
    expect(terminal.stdout).toContain("\r\x1b[K[25/25] ");
    expect(terminal.stdout).toMatch(/\r\x1b\[Kpyts: converted 25 file\(s\), 0 up to date in [\d.]+ s/);
    const piped = await runPyts(["build", path.join(work, "progress"), "--out-dir", path.join(work, "progress-out-2")]);
    expect(piped.stderr).not.toContain("[1/25]");
    expect(piped.stderr).toMatch(/^pyts: converted 25 file\(s\), 0 up to date in [\d.]+ s\n$/);
  }, 180_000);
});

describe("source maps", { timeout: 60_000 }, () => {
  test("--source-map inline puts the map in the module; none writes no map", async () => {
    const inline = path.join(work, "maps/inline.ts");
    expect((await runPyts(["fixtures/lecture/03_co_sum.py", "-o", inline, "--source-map", "inline"])).status).toBe(0);
    const code = fs.readFileSync(inline, "utf8");
    const encoded = /\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,(\S+)\n$/.exec(code);
    expect(encoded).not.toBeNull();
    const map = JSON.parse(Buffer.from(encoded![1]!, "base64").toString("utf8")) as { sources: string[]; sourcesContent: string[] };
    expect(map.sourcesContent[0]).toBe(fs.readFileSync(path.join(ROOT, "fixtures/lecture/03_co_sum.py"), "utf8"));
    expect(fs.existsSync(inline + ".map")).toBe(false);
    const none = path.join(work, "maps/none.ts");
    expect((await runPyts(["fixtures/lecture/03_co_sum.py", "-o", none, "--source-map", "none"])).status).toBe(0);
    expect(fs.readFileSync(none, "utf8")).toBe(fs.readFileSync(path.join(ROOT, "fixtures/lecture/03_co_sum.ts"), "utf8"));
    expect(fs.existsSync(none + ".map")).toBe(false);
  });

  test("a built tree's maps name their sources relative to themselves", async () => {
    write("maptree/pkg/deep/m.py", "print('m')\n");
    const outDir = path.join(work, "maptree-out");
    expect((await runPyts(["build", path.join(work, "maptree"), "--out-dir", outDir])).status).toBe(0);
    const mapFile = path.join(outDir, "pkg/deep/m.ts.map");
    const map = JSON.parse(fs.readFileSync(mapFile, "utf8")) as { sources: string[]; sourcesContent: string[] };
    expect(path.resolve(path.dirname(mapFile), map.sources[0]!)).toBe(path.join(work, "maptree/pkg/deep/m.py"));
    expect(map.sourcesContent).toEqual(["print('m')\n"]);
  });
});

describe("build of a large tree", { timeout: 60_000 }, () => {
  test("converts across worker threads with the same outputs and reports in input order", async () => {
    for (let i = 0; i < 30; i++) write(`big/m${String(i).padStart(2, "0")}.py`, i === 7 || i === 21 ? `print(${i}\n` : `x = ${i}\nprint(x * 2)\n`);
    const outDir = path.join(work, "big-out");
    const r = await runPyts(["build", path.join(work, "big"), "--out-dir", outDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/converted 28 file\(s\), 0 up to date, 2 failed/);
    expect(r.stderr.indexOf("m07.py:1:6")).toBeGreaterThan(-1);
    expect(r.stderr.indexOf("m07.py:1:6")).toBeLessThan(r.stderr.indexOf("m21.py:1:6"));
    // The same module converted in this thread (a build of one file) reads the same.
    const singleOut = path.join(work, "big-single");
    await runPyts(["build", path.join(work, "big/m12.py"), "--out-dir", singleOut]);
    expect(fs.readFileSync(path.join(outDir, "m12.ts"), "utf8")).toBe(fs.readFileSync(path.join(singleOut, "m12.ts"), "utf8"));
    expect(fs.existsSync(path.join(outDir, "m21.ts"))).toBe(false);
  }, 120_000);
});
