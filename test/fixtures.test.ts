// Golden tests for every fixture: the emitted TypeScript equals the golden file, it
// type-checks strictly, and running it prints what CPython printed.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { transpile } from "../src/index.js";
import { startServer, type RunningServer } from "./support/http-server.js";
import { ROOT, expectedStatus, fixtureArgs, fixtureInput, listFixtures, normalise, runProcess, runPyts } from "./support/fixtures.js";

const fixtures = listFixtures();
let server: RunningServer;
let typeErrors: Map<string, string[]>;
let cacheDir: string | undefined;

/** One strict `tsgo --noEmit` over all golden files, its errors grouped by file. */
async function typeCheckGoldens(): Promise<Map<string, string[]>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-tsc-"));
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
      typeRoots: [path.join(ROOT, "node_modules/@types")],
      paths: { "@pyts/runtime": [path.join(ROOT, "runtime/index.ts")] },
    },
    files: fixtures.map((f) => f.ts).filter((f) => fs.existsSync(f)),
  };
  const configFile = path.join(dir, "tsconfig.json");
  fs.writeFileSync(configFile, JSON.stringify(config));
  // The goldens are ES modules: a package.json with "type": "module" sits above them.
  const result = await runProcess(path.join(ROOT, "node_modules/.bin/tsgo"), ["-p", configFile, "--pretty", "false"]);
  fs.rmSync(dir, { recursive: true, force: true });
  const errors = new Map<string, string[]>();
  for (const line of result.stdout.split("\n")) {
    const m = /^(.+?\.ts)\(\d+,\d+\): error/.exec(line);
    if (!m) continue;
    const file = path.resolve(ROOT, m[1]!);
    errors.set(file, [...(errors.get(file) ?? []), line]);
  }
  if (result.status !== 0 && errors.size === 0) errors.set("<tsgo>", [result.stdout + result.stderr]);
  return errors;
}

/**
 * Converts every fixture into a run cache of this test's own, in this process (the compiler
 * loaded once), so each `pyts run` below starts from the cache as a user's second run does.
 * The cold path (converting on run) has its own tests (test/cli/run-cache.test.ts).
 */
async function warmRunCache(): Promise<void> {
  const { prepareProgram } = (await import(path.join(ROOT, "dist/src/cli/run.js"))) as { prepareProgram: (file: string) => Promise<unknown> };
  const write = process.stderr.write;
  process.stderr.write = () => true; // SyntaxWarnings: each run prints them again
  try {
    for (const fixture of fixtures) {
      try {
        await prepareProgram(path.relative(ROOT, fixture.py));
      } catch {
        // a program that does not convert is converted (and reported) by its own run
      }
    }
  } finally {
    process.stderr.write = write;
  }
}

beforeAll(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-fixture-cache-"));
  process.env.PYTS_CACHE_DIR = cacheDir;
  server = await startServer();
  [typeErrors] = await Promise.all([typeCheckGoldens(), warmRunCache()]);
  // (an idle machine needs about two minutes for every fixture; a loaded one several times that)
}, 1_200_000);

afterAll(async () => {
  await server?.close();
  if (cacheDir !== undefined) fs.rmSync(cacheDir, { recursive: true, force: true });
}, 120_000); // the run cache holds every fixture's converted program: slow to delete on a loaded machine

test("the type checker ran cleanly apart from per-file errors", () => {
  expect(typeErrors.get("<tsgo>")).toBeUndefined();
});

describe.concurrent.each(fixtures)("$group/$name", (fixture) => {
  test("emits the golden TypeScript", async () => {
    const source = fs.readFileSync(fixture.py); // bytes: the file may declare its encoding
    const { code } = await transpile(source, { filename: path.relative(ROOT, fixture.py) });
    expect(code).toBe(fs.readFileSync(fixture.ts, "utf8"));
  }, 60_000); // a 100,000-term chain takes seconds on a loaded machine

  test("the golden TypeScript type-checks strictly", () => {
    expect(typeErrors.get(fixture.ts) ?? []).toEqual([]);
  });

  test("runs with CPython's output and exit status", async () => {
    const result = await runPyts(["run", path.relative(ROOT, fixture.py), ...fixtureArgs(fixture, server.url)], { input: fixtureInput(fixture) });
    expect(normalise(result.stdout)).toBe(normalise(fs.readFileSync(fixture.out, "utf8")));
    if (fs.existsSync(fixture.err)) expect(normalise(result.stderr)).toBe(normalise(fs.readFileSync(fixture.err, "utf8")));
    expect(result.status, result.stderr).toBe(expectedStatus(fixture));
  }, 60_000);
});
