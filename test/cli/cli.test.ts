// The pyts command as a user runs it: the built CLI in a child process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
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

describe("usage", { timeout: 60_000 }, () => {
  test("--help describes the commands and exits 0", async () => {
    const r = await runPyts(["--help"]);
    expect(r.status).toBe(0);
    for (const command of ["build", "run", "--out-dir", "-o"]) expect(r.stdout).toContain(command);
  });

  test("--version prints the package version", async () => {
    const r = await runPyts(["--version"]);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });

  test("no arguments is wrong usage: exit 2", async () => {
    const r = await runPyts([]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("pyts --help");
  });

  test("an unknown option is wrong usage: exit 2", async () => {
    const r = await runPyts([path.join(ROOT, "fixtures/lecture/01_co_hello.py"), "--frobnicate"]);
    expect(r.status).toBe(2);
  });

  test("a missing input file: exit 2 and no stack trace", async () => {
    const r = await runPyts([path.join(work, "nope.py")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nope.py");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("convert", { timeout: 60_000 }, () => {
  test("prints the TypeScript of a file", async () => {
    const r = await runPyts(["fixtures/lecture/03_co_sum.py"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, "fixtures/lecture/03_co_sum.ts"), "utf8"));
  });

  test("-o writes the module and its source map", async () => {
    const out = path.join(work, "out/sum.ts");
    const r = await runPyts(["fixtures/lecture/03_co_sum.py", "-o", out]);
    expect(r.status).toBe(0);
    const code = fs.readFileSync(out, "utf8");
    expect(code).toBe(fs.readFileSync(path.join(ROOT, "fixtures/lecture/03_co_sum.ts"), "utf8") + "//# sourceMappingURL=sum.ts.map\n");
    const map = JSON.parse(fs.readFileSync(out + ".map", "utf8")) as { version: number; sources: string[]; mappings: string };
    expect(map.version).toBe(3);
    // relative to the map's folder, so the map stays right wherever the tree is moved or built from
    expect(map.sources).toEqual([path.relative(path.dirname(out), path.join(ROOT, "fixtures/lecture/03_co_sum.py"))]);
    expect(map.mappings.split(";").filter((l) => l !== "").length).toBeGreaterThan(5);
  });

  test("a syntax error: file:line:col, a code frame, exit 1, no output file", async () => {
    const bad = write("bad.py", "import asyncio\n\nasync def f(:\n    pass\n");
    const out = path.join(work, "bad.ts");
    const r = await runPyts([bad, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3:\\d+: SyntaxError: `));
    expect(r.stderr).toContain("3 | async def f(:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(out + ".map")).toBe(false);
  });

  test("an unsupported construct: named, located, exit 1, no output file", async () => {
    const bad = write("unsupported.py", "import string\nfrom enum import Enum\n\nclass Pair(Enum):\n    A = string._re\n");
    const out = path.join(work, "unsupported.ts");
    const r = await runPyts([bad, "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe(`${bad}:5:9: error: unsupported: 'string._re' (pyts's string module does not provide it)`);
    expect(r.stderr).toContain("5 |     A = string._re");
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("build", { timeout: 60_000 }, () => {
  test("converts a folder into --out-dir keeping relative paths", async () => {
    write("proj/a.py", "print('a')\n");
    write("proj/pkg/b.py", "print('b')\n");
    write("proj/notes.txt", "not python\n");
    const outDir = path.join(work, "built");
    const r = await runPyts(["build", path.join(work, "proj"), "--out-dir", outDir]);
    expect(r.status).toBe(0);
    expect(fs.existsSync(path.join(outDir, "a.ts"))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "pkg/b.ts"))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "pkg/b.ts.map"))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "notes.ts"))).toBe(false);
  });

  test("a bad file fails the build with exit 1 and is not written", async () => {
    write("mixed/good.py", "print('good')\n");
    write("mixed/bad.py", "print('bad'\n");
    const outDir = path.join(work, "mixed-out");
    const r = await runPyts(["build", path.join(work, "mixed"), "--out-dir", outDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("bad.py:1:");
    expect(fs.existsSync(path.join(outDir, "good.ts"))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "bad.ts"))).toBe(false);
  });
});

describe("run", { timeout: 60_000 }, () => {
  test("passes arguments as sys.argv[1:] and keeps the program's stdout", async () => {
    const file = write("args.py", "import sys\nprint(sys.argv[1:])\nprint(len(sys.argv))\n");
    const r = await runPyts(["run", file, "one", "--two", "3"]);
    expect(r.stdout).toBe("['one', '--two', '3']\n4\n");
    expect(r.status).toBe(0);
  });

  test("the program's exit status is pyts run's exit status", async () => {
    const file = write("exit.py", "import sys\nprint('bye')\nsys.exit(3)\n");
    const r = await runPyts(["run", file]);
    expect(r.stdout).toBe("bye\n");
    expect(r.status).toBe(3);
  });

  test("an uncaught exception prints a Python traceback to stderr and exits 1", async () => {
    const file = write("boom.py", "print('before')\n\n\ndef divide(a, b):\n    return a / b\n\n\nx = divide(1, 0)\n");
    const r = await runPyts(["run", file]);
    expect(r.stdout).toBe("before\n");
    // The frames name the .py file, its lines and functions, as CPython's do.
    expect(r.stderr).toBe(
      [
        "Traceback (most recent call last):",
        `  File "${file}", line 8, in <module>`,
        "    x = divide(1, 0)",
        "        ^^^^^^^^^^^^",
        `  File "${file}", line 5, in divide`,
        "    return a / b",
        "           ~~^~~",
        "ZeroDivisionError: division by zero",
        "",
      ].join("\n"),
    );
    expect(r.status).toBe(1);
  });

  test("a syntax error in the program: located error and exit 1, nothing runs", async () => {
    const file = write("bad-run.py", "print('never')\nif True print('x')\n");
    const r = await runPyts(["run", file]);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bad-run\.py:2:\d+: SyntaxError/);
    expect(r.status).toBe(1);
  });
});

describe("compile-time warnings", { timeout: 60_000 }, () => {
  // python3 prints these on stderr when it compiles the script, before the program runs
  const program = [
    "x = 1",
    "if x is 1:",
    "    print('one')",
    "y = (1, 2)(3) if x == 2 else 0",
    "def f():",
    "    assert (x, 'message')",
    "    return [1][1.5] if x == 2 else 'a\\d'",
    "print(f(), y, x is not 'a')",
    "",
  ].join("\n");

  test("pyts run prints CPython's SyntaxWarnings on stderr, then runs the program", async () => {
    const file = write("warns.py", program);
    const python = await runProcess("python3", [file]);
    const r = await runPyts(["run", file]);
    expect(python.stderr).toContain("SyntaxWarning");
    expect(r.stderr).toBe(python.stderr);
    expect(r.stdout).toBe(python.stdout);
    expect(r.status).toBe(0);
  }, 60_000);

  test("pyts FILE.py prints the same warnings and the TypeScript", async () => {
    const file = write("warns2.py", program);
    const python = await runProcess("python3", ["-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", file]);
    const r = await runPyts([file]);
    expect(r.stderr).toBe(python.stderr);
    expect(r.stdout).toContain(`from "@pyts/runtime"`);
    expect(r.status).toBe(0);
  }, 60_000);
});

describe("safety", { timeout: 60_000 }, () => {
  test("-o naming the input file is refused and the input is untouched", async () => {
    const file = write("keep/self.py", "print('mine')\n");
    const r = await runPyts([file, "-o", file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("it is the input file");
    expect(fs.readFileSync(file, "utf8")).toBe("print('mine')\n");
  });

  test("-o without a value is wrong usage: exit 2", async () => {
    const r = await runPyts(["fixtures/lecture/03_co_sum.py", "-o"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
  });

  test("- reads the program from standard input", async () => {
    const r = await runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "-"], { input: "x = 1\nprint(x\n" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("<stdin>:2:");
    const ok = await runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "run", "-"], { input: "print(6 * 7)\n" });
    expect(ok.stdout).toBe("42\n");
    expect(ok.status).toBe(0);
  });

  test("run -c CODE runs the code with CPython's argv, sys.path and traceback names", async () => {
    const code = "import sys\nprint(sys.argv, sys.path[0] == '', __name__)\nprint(1 / 0)";
    const r = await runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "run", "-c", code, "a", "-x"]);
    expect(r.stdout).toBe("['-c', 'a', '-x'] True __main__\n");
    expect(r.stderr).toBe('Traceback (most recent call last):\n  File "<string>", line 3, in <module>\nZeroDivisionError: division by zero\n');
    expect(r.status).toBe(1);
  });

  test("a file-system error is one line and exit 1", async () => {
    const dir = path.join(work, "a-folder.ts");
    fs.mkdirSync(dir, { recursive: true });
    const r = await runPyts(["fixtures/lecture/03_co_sum.py", "-o", dir]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^pyts: .*EISDIR/);
    expect(fs.readdirSync(work).filter((f) => f.includes(".tmp"))).toEqual([]);
    // nor the map beside it
    expect(fs.existsSync(`${dir}.map`)).toBe(false);
  });

  test.runIf(fs.existsSync("/dev/full"))("standard output on a full disk (ENOSPC) is one line and exit 1, for a file and for build --format json", async () => {
    const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, "dist/src/cli/main.js"))}`;
    write("full/m.py", "print('m')\n");
    for (const args of ["fixtures/lecture/03_co_sum.py", `build ${JSON.stringify(path.join(work, "full"))} --out-dir ${JSON.stringify(path.join(work, "full-out"))} --format json`]) {
      const r = await runProcess("bash", ["-c", `${cli} ${args} > /dev/full`], { cwd: ROOT });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("pyts: ENOSPC: cannot write to standard output: no space left on device\n");
    }
  });

  test("-o - writes the TypeScript to standard output, as without -o", async () => {
    const r = await runPyts(["fixtures/lecture/03_co_sum.py", "-o", "-"]);
    const plain = await runPyts(["fixtures/lecture/03_co_sum.py"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stdout).toContain(`from "@pyts/runtime"`);
  });

  test("an output folder that is a file (EEXIST) is one line and exit 1, for a file and for a build", async () => {
    const file = write("not-a-folder", "");
    for (const args of [["fixtures/lecture/03_co_sum.py", "-o", path.join(file, "x.ts")], ["build", "fixtures/modules/module_state", "--out-dir", file]]) {
      const r = await runPyts(args);
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^pyts: EEXIST: /);
    }
    expect(fs.readFileSync(file, "utf8")).toBe("");
  }, 180_000);

  test("pyts run passes --help, --version and -- after the file to the program", async () => {
    const file = write("passthru.py", "import sys\nprint(sys.argv[1:])\n");
    const r = await runPyts(["run", file, "--help", "--", "--version", "-o"]);
    expect(r.stdout).toBe("['--help', '--', '--version', '-o']\n");
    expect(r.status).toBe(0);
  });

  test("build: two inputs for one output are an error and nothing is written", async () => {
    write("twins/one/same.py", "print(1)\n");
    write("twins/two/same.py", "print(2)\n");
    const outDir = path.join(work, "twins-out");
    const r = await runPyts(["build", path.join(work, "twins/one"), path.join(work, "twins/two"), "--out-dir", outDir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("would both be written to");
    expect(fs.existsSync(outDir)).toBe(false);
  });

  test("build: a dangling symbolic link is reported and skipped", async () => {
    write("links/real.py", "print('real')\n");
    fs.symlinkSync(path.join(work, "links/missing.py"), path.join(work, "links/gone.py"));
    fs.symlinkSync(path.join(work, "links"), path.join(work, "links/loop"));
    const outDir = path.join(work, "links-out");
    const r = await runPyts(["build", path.join(work, "links"), "--out-dir", outDir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("skipping");
    expect(r.stderr).toContain("gone.py");
    expect(fs.existsSync(path.join(outDir, "real.ts"))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "gone.ts"))).toBe(false);
  });
});

describe("build as a build step", { timeout: 60_000 }, () => {
  test("an unchanged input is not converted again; a changed one is", async () => {
    write("incr/a.py", "print('a')\n");
    write("incr/b.py", "print('b')\n");
    const outDir = path.join(work, "incr-out");
    const first = await runPyts(["build", path.join(work, "incr"), "--out-dir", outDir]);
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/converted 2 file\(s\), 0 up to date in [\d.]+ s/);
    const before = fs.statSync(path.join(outDir, "a.ts")).mtimeMs;
    write("incr/b.py", "print('b2')\n");
    const second = await runPyts(["build", path.join(work, "incr"), "--out-dir", outDir]);
    expect(second.stderr).toMatch(/converted 1 file\(s\), 1 up to date/);
    expect(fs.statSync(path.join(outDir, "a.ts")).mtimeMs).toBe(before);
    expect(fs.readFileSync(path.join(outDir, "b.ts"), "utf8")).toContain("b2");
    const quiet = await runPyts(["build", path.join(work, "incr"), "--out-dir", outDir, "--quiet"]);
    expect(quiet.stderr).toBe("");
    expect(quiet.status).toBe(0);
  });

  test("--check writes nothing and fails on a missing, stale or bad output", async () => {
    write("chk/a.py", "print('a')\n");
    const outDir = path.join(work, "chk-out");
    const missing = await runPyts(["build", path.join(work, "chk"), "--out-dir", outDir, "--check"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("is missing");
    expect(fs.existsSync(outDir)).toBe(false);
    expect((await runPyts(["build", path.join(work, "chk"), "--out-dir", outDir])).status).toBe(0);
    expect((await runPyts(["build", path.join(work, "chk"), "--out-dir", outDir, "--check"])).status).toBe(0);
    write("chk/a.py", "print('changed')\n");
    const stale = await runPyts(["build", path.join(work, "chk"), "--out-dir", outDir, "--check"]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("out of date");
    expect(fs.readFileSync(path.join(outDir, "a.ts"), "utf8")).not.toContain("changed");
    write("chk/a.py", "print('changed'\n");
    const bad = await runPyts(["build", path.join(work, "chk"), "--out-dir", outDir, "--check"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("a.py:1:6: SyntaxError");
  });

  test("an output whose input was deleted: --check reports it, the next build removes it (and only it)", { timeout: 180_000 }, async () => {
    write("gone/a.py", "print('a')\n");
    write("gone/b.py", "print('b')\n");
    write("gone-other/c.py", "print('c')\n");
    const outDir = path.join(work, "gone-out");
    expect((await runPyts(["build", path.join(work, "gone"), "--out-dir", outDir, "--quiet"])).status).toBe(0);
    // another build into the same folder, from another root, leaves the first one's outputs alone
    expect((await runPyts(["build", path.join(work, "gone-other"), "--out-dir", outDir, "--quiet"])).status).toBe(0);
    expect(fs.existsSync(path.join(outDir, "a.ts"))).toBe(true);
    fs.rmSync(path.join(work, "gone/b.py"));
    const check = await runPyts(["build", path.join(work, "gone"), "--out-dir", outDir, "--check"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`${path.join(work, "gone/b.py")}: is gone, but its output ${path.join(outDir, "b.ts")} is still there`);
    expect(check.stderr).toMatch(/1 up to date, 0 to convert, 1 to remove/);
    expect(fs.existsSync(path.join(outDir, "b.ts"))).toBe(true);
    const build = await runPyts(["build", path.join(work, "gone"), "--out-dir", outDir]);
    expect(build.status).toBe(0);
    expect(build.stderr).toContain(`pyts: removed ${path.join(outDir, "b.ts")}`);
    expect(fs.readdirSync(outDir).filter((f) => !f.startsWith(".")).sort()).toEqual(["a.ts", "a.ts.map", "c.ts", "c.ts.map"]);
    expect((await runPyts(["build", path.join(work, "gone"), "--out-dir", outDir, "--check"])).status).toBe(0);
  });

  test("a module an import cycle can reach by name gets a twin file; --check wants it; a build without the cycle removes it", async () => {
    write("twin/main.py", "import helper\n");
    write("twin/helper.py", "def f():\n    import main\n");
    write("twin/leaf.py", "import helper\n");
    const outDir = path.join(work, "twin-out");
    expect((await runPyts(["build", path.join(work, "twin"), "--out-dir", outDir, "--quiet"])).status).toBe(0);
    // main and helper import each other; nothing imports leaf.
    expect(fs.readdirSync(outDir).filter((f) => f.endsWith(".imported.ts")).sort()).toEqual(["helper.imported.ts", "main.imported.ts"]);
    expect(fs.readFileSync(path.join(outDir, "main.imported.ts"), "utf8")).toContain('import "./main.js?as-module";');
    fs.rmSync(path.join(outDir, "main.imported.ts"));
    const check = await runPyts(["build", path.join(work, "twin"), "--out-dir", outDir, "--check"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(`output ${path.join(outDir, "main.imported.ts")} is missing or out of date`);
    write("twin/helper.py", "def f():\n    pass\n");
    expect((await runPyts(["build", path.join(work, "twin"), "--out-dir", outDir, "--quiet"])).status).toBe(0);
    expect(fs.readdirSync(outDir).filter((f) => f.endsWith(".imported.ts"))).toEqual([]);
    // An input whose output is a module's twin is refused.
    write("twin/helper.py", "import main\n");
    write("twin/main.imported.py", "print(1)\n");
    const clash = await runPyts(["build", path.join(work, "twin"), "--out-dir", outDir]);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toContain("where the build puts the twin of");
  });

  test("default and given excludes", async () => {
    write("ex/main.py", "print(1)\n");
    write("ex/.venv/lib/site.py", "print(2)\n");
    write("ex/__pycache__/x.py", "print(3)\n");
    write("ex/node_modules/m.py", "print(4)\n");
    write("ex/scratch/tmp.py", "print(5)\n");
    write("ex/pkg/test_util.py", "print(6)\n");
    const outDir = path.join(work, "ex-out");
    const r = await runPyts(["build", path.join(work, "ex"), "--out-dir", outDir, "--exclude", "scratch", "--exclude", "test_*.py"]);
    expect(r.status).toBe(0);
    const written = fs.readdirSync(outDir, { recursive: true }).map(String).filter((f) => f.endsWith(".ts")).sort();
    expect(written).toEqual(["main.ts"]);
  });

  test("--format json: every file's status and diagnostics as data on stdout", async () => {
    write("js/good.py", "print('good')\n");
    write("js/bad.py", "x = (1,\n");
    const r = await runPyts(["build", path.join(work, "js"), "--out-dir", path.join(work, "js-out"), "--format", "json"]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; files: { file: string; status: string; diagnostics: { line: number; column: number; kind: string; message: string }[] }[] };
    expect(report.ok).toBe(false);
    const byName = new Map(report.files.map((f) => [path.basename(f.file), f]));
    expect(byName.get("good.py")!.status).toBe("converted");
    expect(byName.get("bad.py")!.status).toBe("failed");
    expect(byName.get("bad.py")!.diagnostics).toEqual([{ file: path.join(work, "js/bad.py"), line: 1, column: 5, kind: "SyntaxError", message: "'(' was never closed" }]);
  });

  test("settings from pyts.config.json and package.json; flags override them", { timeout: 180_000 }, async () => {
    const project = path.join(work, "cfg");
    write("cfg/src/app.py", "print('app')\n");
    write("cfg/src/skip_me.py", "print('skip')\n");
    write("cfg/pyts.config.json", JSON.stringify({ roots: ["src"], outDir: "gen", exclude: ["skip_*"], runtime: "my-runtime" }));
    const r = await runPyts(["build"], { cwd: project });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(project, "gen/app.ts"), "utf8")).toContain('from "my-runtime"');
    expect(fs.existsSync(path.join(project, "gen/skip_me.ts"))).toBe(false);
    const flagged = await runPyts(["build", "--out-dir", "other"], { cwd: project });
    expect(flagged.status).toBe(0);
    expect(fs.existsSync(path.join(project, "other/app.ts"))).toBe(true);

    const pkgProject = path.join(work, "cfg-pkg");
    write("cfg-pkg/lib/m.py", "print('m')\n");
    write("cfg-pkg/lib/n.py", "def f(a, b):\n    return [a, b]\n");
    write("cfg-pkg/package.json", JSON.stringify({ name: "x", pyts: { roots: ["lib"], outDir: "dist-ts", format: false, sourceMap: "none" } }));
    expect((await runPyts(["build"], { cwd: pkgProject })).status).toBe(0);
    expect(fs.existsSync(path.join(pkgProject, "dist-ts/m.ts"))).toBe(true);
    expect(fs.existsSync(path.join(pkgProject, "dist-ts/m.ts.map"))).toBe(false);
    // --pretty and --source-map override the file's format and sourceMap
    expect((await runPyts(["build", "--out-dir", "pretty", "--pretty", "--source-map", "file"], { cwd: pkgProject })).status).toBe(0);
    expect(fs.existsSync(path.join(pkgProject, "pretty/m.ts.map"))).toBe(true);
    const unformatted = fs.readFileSync(path.join(pkgProject, "dist-ts/n.ts"), "utf8");
    const formatted = fs.readFileSync(path.join(pkgProject, "pretty/n.ts"), "utf8").replace(/\/\/# sourceMappingURL=.*\n$/, "");
    expect(unformatted).not.toBe(formatted);
    expect(formatted).toContain('defineModule("n", import.meta.url, {}, [\n');
    expect(unformatted).toContain('defineModule("n", import.meta.url, {}, [["f"');
    // unformatted, with a map: the map's comment on a line of its own
    expect((await runPyts(["build", "--out-dir", "plain-map", "--source-map", "file"], { cwd: pkgProject })).status).toBe(0);
    expect(fs.readFileSync(path.join(pkgProject, "plain-map/n.ts"), "utf8")).toMatch(/\nexport \{ f \};\n\/\/# sourceMappingURL=n\.ts\.map\n$/);

    write("cfg-bad/pyts.config.json", JSON.stringify({ outdir: "x" }));
    const bad = await runPyts(["build", "a.py"], { cwd: path.join(work, "cfg-bad") });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("unknown setting 'outdir'");
    write("cfg-bad/pyts.config.json", JSON.stringify({ sourceMap: "separate" }));
    const badChoice = await runPyts(["build", "a.py"], { cwd: path.join(work, "cfg-bad") });
    expect(badChoice.status).toBe(1);
    expect(badChoice.stderr).toContain(`'sourceMap' must be one of "file", "inline", "none"`);
  });

  test("colours only on request: FORCE_COLOR colours, NO_COLOR does not", async () => {
    const file = write("colour/bad.py", "print('x'\n");
    const env = (extra: Record<string, string>): NodeJS.ProcessEnv => {
      const copy: NodeJS.ProcessEnv = { ...process.env, ...extra };
      if (!("FORCE_COLOR" in extra)) delete copy.FORCE_COLOR;
      return copy;
    };
    const coloured = await runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), file], { env: env({ FORCE_COLOR: "1" }) });
    expect(coloured.stderr).toContain("\x1b[1;31mSyntaxError\x1b[0m");
    const plain = await runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), file], { env: env({ NO_COLOR: "1" }) });
    expect(plain.stderr).not.toContain("\x1b[");
  });

  // `script` (util-linux) gives the command a pseudo-terminal: colours by default there, none with NO_COLOR.
  test.runIf(spawnSync("which", ["script"]).status === 0)("on a terminal diagnostics are coloured unless NO_COLOR is set; a pipe gets none", async () => {
    const file = write("colour/tty.py", "print('x'\n");
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(ROOT, "dist/src/cli/main.js"))} ${JSON.stringify(file)}`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.FORCE_COLOR;
    delete env.NO_COLOR;
    const terminal = await runProcess("script", ["-qec", command, "/dev/null"], { env });
    expect(terminal.stdout).toContain("\x1b[1;31mSyntaxError\x1b[0m");
    const noColour = await runProcess("script", ["-qec", command, "/dev/null"], { env: { ...env, NO_COLOR: "1" } });
    expect(noColour.stdout).toContain("SyntaxError: '(' was never closed");
    expect(noColour.stdout).not.toContain("\x1b[1;31m");
    const piped = await runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), file], { env });
    expect(piped.stderr).toContain("SyntaxError: '(' was never closed");
    expect(piped.stderr).not.toContain("\x1b[");
  });
});
