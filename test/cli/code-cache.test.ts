// `pyts run`'s V8 code cache of the runtime's scripts (<cache>/v8/*.bin, run-program.ts): a
// start without one writes it, a start with a good one keeps it, and a missing, damaged,
// truncated or stale one (another script's) runs the program as before and is written anew.
// A damaged cache handed to V8 unchecked crashed every later start (segmentation fault).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, runProcess, type ProcessResult } from "../support/fixtures.js";

let work: string;
let cache: string;
const PROGRAM = 'import json\nprint(json.dumps({"a": [1, 2]}))\n';
const OUTPUT = '{"a": [1, 2]}\n';

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-code-cache-"));
  cache = path.join(work, ".cache");
  fs.writeFileSync(path.join(work, "main.py"), PROGRAM);
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

function run(): Promise<ProcessResult> {
  return runProcess(process.execPath, [path.join(ROOT, "dist/src/cli/main.js"), "run", "main.py"], { cwd: work, env: { ...process.env, PYTS_CACHE_DIR: cache } });
}

/** The code cache files: the core's and the standard-library modules' (json is one). */
function cacheFiles(): { core: string; stdlib: string } {
  const dir = path.join(cache, "v8");
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith(".bin")) : [];
  const stdlib = names.find((n) => n.endsWith("-stdlib.bin"));
  const core = names.find((n) => !n.endsWith("-stdlib.bin"));
  if (core === undefined || stdlib === undefined) throw new Error(`code cache files missing: ${names.join(", ")}`);
  return { core: path.join(dir, core), stdlib: path.join(dir, stdlib) };
}

async function expectRuns(): Promise<void> {
  const result = await run();
  expect(result.stderr).toBe("");
  expect(result.stdout).toBe(OUTPUT);
  expect(result.status).toBe(0);
}

describe("pyts run's V8 code cache", { timeout: 120_000 }, () => {
  test("written by a start without one, kept by the next", async () => {
    await expectRuns();
    const { core, stdlib } = cacheFiles();
    const before = [fs.readFileSync(core), fs.readFileSync(stdlib)];
    await expectRuns();
    expect(fs.readFileSync(core).equals(before[0]!)).toBe(true);
    expect(fs.readFileSync(stdlib).equals(before[1]!)).toBe(true);
  });

  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ["bytes changed inside", (bytes) => {
      const copy = Buffer.from(bytes);
      for (let i = 1000; i < copy.length; i += 997) copy[i]! ^= 0x5a;
      return copy;
    }],
    ["one bit changed near the end", (bytes) => {
      const copy = Buffer.from(bytes);
      copy[copy.length - 100]! ^= 1;
      return copy;
    }],
    ["truncated", (bytes) => bytes.subarray(0, bytes.length >> 1)],
    ["empty", () => Buffer.alloc(0)],
    ["not a cache", () => Buffer.from("garbage ".repeat(100))],
  ];
  for (const [name, damage] of damages) {
    test(`a cache file ${name} is not used, and is written anew`, async () => {
      await expectRuns();
      const files = cacheFiles();
      for (const file of [files.core, files.stdlib]) {
        const damaged = damage(fs.readFileSync(file));
        fs.writeFileSync(file, damaged);
        await expectRuns();
        const rewritten = fs.readFileSync(file);
        expect(rewritten.equals(damaged)).toBe(false);
        // and the new one is good: the next start keeps it
        await expectRuns();
        expect(fs.readFileSync(file).equals(rewritten)).toBe(true);
      }
    });
  }

  test("a stale cache (another script's: V8 rejects it) is written anew", async () => {
    await expectRuns();
    const { core, stdlib } = cacheFiles();
    const other = fs.readFileSync(stdlib);
    fs.writeFileSync(core, other);
    await expectRuns();
    const rewritten = fs.readFileSync(core);
    expect(rewritten.equals(other)).toBe(false);
    await expectRuns();
    expect(fs.readFileSync(core).equals(rewritten)).toBe(true);
  });

  test("a cache folder that cannot be written leaves the program running", async () => {
    fs.rmSync(cache, { recursive: true, force: true });
    fs.mkdirSync(cache, { recursive: true });
    // a file where the v8 folder should be
    fs.writeFileSync(path.join(cache, "v8"), "");
    await expectRuns();
    await expectRuns();
  });
});
