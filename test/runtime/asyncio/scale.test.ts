// asyncio at a real program's scale: starred calls past what a JS spread can pass, run as
// `pyts run` and compared with CPython's output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess, runPyts } from "../../support/fixtures.js";

/** stdout of the program under CPython and under `pyts run`. */
async function bothOutputs(source: string): Promise<{ cpython: string; pyts: string; status: number | null }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-scale-"));
  const file = path.join(dir, "prog.py");
  fs.writeFileSync(file, source);
  try {
    const [cpython, pyts] = await Promise.all([runProcess("python3", [file]), runPyts(["run", file])]);
    expect(cpython.status).toBe(0);
    return { cpython: cpython.stdout, pyts: pyts.stdout + pyts.stderr, status: pyts.status };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("starred calls of any length", () => {
  it("gather(*aws) with 300,000 awaitables (a JS spread overflows past ~120k), with keywords too", async () => {
    const { cpython, pyts, status } = await bothOutputs(`
import asyncio

N = 300_000


async def job(i):
    return i


async def main():
    results = await asyncio.gather(*[job(i) for i in range(N)])
    print(len(results), results[0], results[-1], sum(results))
    futures = [asyncio.get_running_loop().create_future() for _ in range(N)]
    for i, f in enumerate(futures):
        if i % 1000 == 0:
            f.set_exception(ValueError(i))
        else:
            f.set_result(i)
    mixed = await asyncio.gather(*futures, job(-1), return_exceptions=True)
    print(len(mixed), repr(mixed[0]), mixed[1], mixed[-1])


asyncio.run(main())
`);
    expect(pyts).toBe(cpython);
    expect(status).toBe(0);
  }, 600_000);
});
