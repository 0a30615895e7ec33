// asyncio's debug mode: what pyts prints on stderr for the programs of fixtures/asyncio_debug
// is what python3 prints for them, once the things that differ between any two runs or
// machines are normalised: durations ("took 0.123 seconds"), clock readings (a timer's
// "when="), addresses, the folder CPython's
// asyncio package is installed in, and the frames inside that package in a "Coroutine created
// at" traceback (pyts has no such files).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { CLI, FIXTURES, runProcess } from "../support/fixtures.js";

const DIR = path.join(FIXTURES, "asyncio_debug");

function normaliseDebug(text: string): string {
  return text
    .replace(/took \d+\.\d{3} seconds/g, "took <duration> seconds")
    .replace(/ when=\d+(\.\d+)?(e-\d+)? /g, " when=<time> ")
    .replace(/ at 0x[0-9a-f]+/g, " at 0x<address>")
    .replace(/ {2}File "[^"\n]*\/asyncio\/\w+\.py", line \d+, in .*\n.*\n/g, "")
    .replace(/[^\s"<>=]*\/asyncio\/(\w+\.py):(\d+)/g, "<asyncio>/$1:$2");
}

async function compare(file: string, env: NodeJS.ProcessEnv): Promise<string> {
  const expected = await runProcess("python3", [file], { env });
  const actual = await runProcess(process.execPath, [CLI, "run", file], { env });
  expect(actual.status).toBe(expected.status);
  expect(actual.stdout).toBe(expected.stdout);
  expect(normaliseDebug(actual.stderr)).toBe(normaliseDebug(expected.stderr));
  return actual.stderr;
}

const plain = { ...process.env, PYTHONASYNCIODEBUG: "" };

describe("asyncio debug mode logs what CPython logs", () => {
  test("asyncio.run(debug=True): slow task steps, with where each task was created", async () => {
    const stderr = await compare(path.join(DIR, "debug_run_slow.py"), plain);
    // Four slow steps: three tasks (create_task, ensure_future, loop.create_task) and main's last.
    expect(stderr.match(/^Executing <Task finished name='(Task-2|Task-3|third|Task-1)'/gm)).toHaveLength(4);
  }, 60_000);

  test("loop.set_debug(True): a pending task's step shows what it waits for", async () => {
    const stderr = await compare(path.join(DIR, "debug_set_debug.py"), plain);
    expect(stderr).toContain("wait_for=<Future pending cb=[Task.task_wakeup()] created at ");
  }, 60_000);

  test("a coroutine never awaited is reported with where it was created", async () => {
    const stderr = await compare(path.join(DIR, "debug_never_awaited.py"), plain);
    expect(stderr).toContain("Coroutine created at (most recent call last)\n");
  }, 60_000);

  test("slow plain callbacks: the handle with the function's def line and where it was created", async () => {
    const stderr = await compare(path.join(DIR, "debug_slow_callbacks.py"), plain);
    const file = path.join(DIR, "debug_slow_callbacks.py");
    expect(stderr).toContain(`Executing <Handle slow(1) at ${file}:9 created at ${file}:37> took `);
    expect(stderr).toMatch(new RegExp(`^Executing <TimerHandle when=[\\d.]+ slow\\(2\\) at ${file}:9 created at ${file}:38> took `, "m"));
    // A bound method has no location; a decorated function has its first decorator's line.
    expect(stderr).toContain(`Executing <Handle Worker.tick('a') created at ${file}:39> took `);
    expect(stderr).toContain(`Executing <Handle decorated('long', 'xxxxxxxxxxxx...xxxxxxxxxxxxx') at ${file}:23 created at `);
  }, 60_000);

  test("PYTHONASYNCIODEBUG=1 turns debug mode on; without it nothing is logged", async () => {
    const file = path.join(DIR, "debug_environment.py");
    const on = await compare(file, { ...process.env, PYTHONASYNCIODEBUG: "1" });
    expect(on).toMatch(/^Executing <Task pending name='slow' .* took \d\.\d{3} seconds\n$/);
    expect(await compare(file, plain)).toBe("");
  }, 60_000);
});

test("the normalisation keeps the program's own lines", () => {
  const sample = fs.readFileSync(path.join(DIR, "debug_never_awaited.py"), "utf8");
  expect(sample).toContain("fetch(1)");
  expect(normaliseDebug('  File "/x/lib/python3.11/asyncio/runners.py", line 190, in run\n    return runner.run(main)\n  File "/p/a.py", line 3, in main\n    f()\n')).toBe('  File "/p/a.py", line 3, in main\n    f()\n');
  expect(normaliseDebug("created at /usr/lib/python3.11/asyncio/tasks.py:384> took 0.123 seconds")).toBe("created at <asyncio>/tasks.py:384> took <duration> seconds");
  expect(normaliseDebug("<TimerHandle when=16780.303800348 f() at /p/a.py:9>")).toBe("<TimerHandle when=<time> f() at /p/a.py:9>");
});
