// `pyts run --timeline`: the recorded data of the lecture's examples. Blocking calls serialise
// the coroutines (04a time.sleep, 05a urlopen: sequential stalls of the loop); async calls
// overlap them (04b asyncio.sleep, 05b aiohttp: awaits at the same time).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { ChromeTrace, TraceEvent } from "../../runtime/timeline/chrome-trace.js";
import { FIXTURES, runPyts } from "../support/fixtures.js";
import { startServer, type RunningServer } from "../support/http-server.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pyts-timeline-"));
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Recorded {
  lanes: Map<number, string>;
  events: TraceEvent[];
  stdout: string;
}

/** Runs a lecture example with `--timeline OUT` and reads the trace it wrote. */
async function record(name: string, out: string, args: string[] = []): Promise<Recorded> {
  const target = path.join(dir, out);
  const run = await runPyts(["run", "--timeline", target, path.join(FIXTURES, "lecture", name + ".py"), ...args]);
  expect(run.status, run.stderr).toBe(0);
  const trace = JSON.parse(fs.readFileSync(target, "utf8")) as ChromeTrace;
  const lanes = new Map<number, string>();
  for (const e of trace.traceEvents) if (e.ph === "M" && e.name === "thread_name") lanes.set(e.tid, String(e.args!["name"]));
  return { lanes, events: trace.traceEvents, stdout: run.stdout };
}

function laneOf(rec: Recorded, title: string): number {
  const found = [...rec.lanes].find(([, name]) => name === title);
  if (found === undefined) throw new Error(`no lane ${title} in ${[...rec.lanes.values()].join(", ")}`);
  return found[0];
}

function spans(rec: Recorded, tid: number, cat: string): TraceEvent[] {
  return rec.events.filter((e) => e.ph === "X" && e.tid === tid && e.cat === cat);
}

const end = (e: TraceEvent): number => e.ts! + e.dur!;

/** Each span starts after the previous one ended. */
function expectSequential(list: TraceEvent[]): void {
  const sorted = [...list].sort((a, b) => a.ts! - b.ts!);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.ts!).toBeGreaterThanOrEqual(end(sorted[i - 1]!));
}

/** All spans are in progress at one moment. */
function expectOverlapping(list: TraceEvent[]): void {
  const latestStart = Math.max(...list.map((e) => e.ts!));
  const earliestEnd = Math.min(...list.map(end));
  expect(latestStart).toBeLessThan(earliestEnd);
}

const SLEEPERS = [
  ["Task-1 sleeper()", 1],
  ["Task-2 sleeper()", 2],
  ["Task-3 sleeper()", 1],
] as const;

describe("timeline of the lecture's examples", () => {
  test("04a: the three time.sleep calls are sequential stalls of the loop, inside the tasks' steps", async () => {
    const rec = await record("04a_co_sleep", "04a.json");
    const loop = laneOf(rec, "event loop");
    const stalls = spans(rec, loop, "stall");
    expect(stalls.map((e) => [e.args!["call"], e.args!["task"], e.args!["line"]])).toEqual(SLEEPERS.map(([lane, n], i) => [`time.sleep(${n})`, `Task-${i + 1}`, 9]));
    expectSequential(stalls);
    for (const [lane, seconds] of SLEEPERS) {
      const tid = laneOf(rec, lane);
      const [blocking] = spans(rec, tid, "blocking");
      expect(blocking!.args!["call"]).toBe(`time.sleep(${seconds})`);
      expect(blocking!.dur!).toBeGreaterThanOrEqual(seconds * 1e6 * 0.99);
      // One step runs the whole coroutine: it never suspends, so it awaits nothing.
      const steps = spans(rec, tid, "step");
      expect(steps.map((s) => [s.args!["resumed_line"], s.args!["wait_for"]])).toEqual([[7, null]]);
      expect(blocking!.ts!).toBeGreaterThanOrEqual(steps[0]!.ts!);
      expect(end(blocking!)).toBeLessThanOrEqual(end(steps[0]!));
      expect(spans(rec, tid, "await")).toEqual([]);
    }
  }, 60_000);

  test("04b: the three asyncio.sleep awaits overlap and the loop never stalls", async () => {
    const rec = await record("04b_co_sleep", "04b.json");
    expect(spans(rec, laneOf(rec, "event loop"), "stall")).toEqual([]);
    const awaits: TraceEvent[] = [];
    for (const [lane, seconds] of SLEEPERS) {
      const tid = laneOf(rec, lane);
      const waits = spans(rec, tid, "await");
      expect(waits.map((w) => [w.name, w.args!["wait_for"], w.args!["line"]])).toEqual([[`await sleep(${seconds})`, `sleep(${seconds})`, 9]]);
      expect(waits[0]!.dur!).toBeGreaterThanOrEqual(seconds * 1e6 * 0.99);
      // First step: from `async def` (line 7) to the await (line 9); second: from there to the end.
      const steps = spans(rec, tid, "step");
      expect(steps.map((s) => [s.args!["resumed_line"], s.args!["suspended_line"], s.args!["wait_for"]])).toEqual([
        [7, 9, `sleep(${seconds})`],
        [9, 0, null],
      ]);
      expect(spans(rec, tid, "blocking")).toEqual([]);
      awaits.push(waits[0]!);
    }
    expectOverlapping(awaits);
    // The task asyncio.wait() made, awaited by run_until_complete.
    expect(spans(rec, laneOf(rec, "Task-4 wait()"), "step")).toHaveLength(2);
    const created = rec.events.filter((e) => e.ph === "i" && e.name === "created").map((e) => e.args!["detail"]);
    expect(created).toEqual([16, 17, 18, 20].map((line, i) => expect.stringMatching(new RegExp(`^Task-${i + 1} created at .*04b_co_sleep\\.py:${line}$`))));
  }, 60_000);

  test("05a: the downloads are sequential blocking urlopen calls", async () => {
    const rec = await record("05a_co_down", "05a.json", [server.url]);
    const stalls = spans(rec, laneOf(rec, "event loop"), "stall");
    expect(stalls.map((e) => [e.args!["call"], e.args!["task"], e.args!["line"]])).toEqual(
      ["/slow/1000", "/slow/300", "/slow/700"].map((page, i) => [`urlopen('${server.url}${page}')`, `Task-${i + 1}`, 18]),
    );
    expectSequential(stalls);
    for (let i = 1; i <= 3; i++) expect(spans(rec, laneOf(rec, `Task-${i} download()`), "await")).toEqual([]);
  }, 60_000);

  test("05b: the aiohttp downloads overlap, each awaiting its socket read", async () => {
    const rec = await record("05b_co_down", "05b.json", [server.url]);
    expect(spans(rec, laneOf(rec, "event loop"), "stall")).toEqual([]);
    const reads = ["/slow/1000", "/slow/300", "/slow/700"].map((page, i) => {
      const waits = spans(rec, laneOf(rec, `Task-${i + 2} download()`), "await");
      expect(waits.map((w) => [w.args!["wait_for"], w.args!["line"]])).toEqual([[`socket read: GET ${page}`, 19]]);
      return waits[0]!;
    });
    expectOverlapping(reads);
    // download_all() waits on asyncio.wait(tasks) at line 27 meanwhile.
    const main = spans(rec, laneOf(rec, "Task-1 download_all()"), "await");
    expect(main.map((w) => [w.args!["wait_for"], w.args!["line"]])).toEqual([["wait()", 27]]);
  }, 60_000);
});

test("--timeline FILE.html writes one page that loads nothing from the network", async () => {
  const target = path.join(dir, "04b.html");
  const run = await runPyts(["run", "--timeline", target, path.join(FIXTURES, "lecture", "04b_co_sleep.py")]);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toBe(fs.readFileSync(path.join(FIXTURES, "lecture", "04b_co_sleep.out"), "utf8"));
  const html = fs.readFileSync(target, "utf8");
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain("<svg");
  // No external script, style sheet, image or font.
  expect(html).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
  expect(html).not.toMatch(/url\(/i);
  for (const title of ["event loop", "callbacks", "Task-1", "Task-2", "Task-3", "Task-4"]) expect(html).toContain(`>${title}</text>`);
  // Hovering a step shows its source line.
  expect(html).toContain("line 9: await asyncio.sleep(delay)");
}, 60_000);

test("--timeline needs a file name; --timeline=FILE works too", async () => {
  const missing = await runPyts(["run", "--timeline"]);
  expect(missing.status).toBe(2);
  const target = path.join(dir, "03.json");
  const run = await runPyts(["run", `--timeline=${target}`, path.join(FIXTURES, "lecture", "03_co_sum.py")]);
  expect(run.status, run.stderr).toBe(0);
  const trace = JSON.parse(fs.readFileSync(target, "utf8")) as ChromeTrace;
  const lane = trace.traceEvents.find((e) => e.name === "thread_name" && e.args!["name"] === "Task-1 print_sum()");
  // The await inside compute(), which print_sum() awaits: the innermost line of the program.
  const waits = trace.traceEvents.filter((e) => e.tid === lane!.tid && e.cat === "await");
  expect(waits.map((w) => [w.args!["wait_for"], w.args!["line"]])).toEqual([["sleep(1.0)", 6]]);
}, 60_000);

const TARGETS = `import asyncio


async def consumer(queue):
    item = await queue.get()
    return item


async def locked(lock, event):
    async with lock:
        await event.wait()


async def failing():
    await asyncio.sleep(0.01)
    raise ValueError("boom")


async def main():
    queue = asyncio.Queue()
    lock = asyncio.Lock()
    event = asyncio.Event()
    getter = asyncio.create_task(consumer(queue), name="getter")
    holder = asyncio.create_task(locked(lock, event), name="holder")
    waiter = asyncio.create_task(locked(lock, event), name="waiter")
    doomed = asyncio.create_task(asyncio.sleep(10), name="doomed")
    bad = asyncio.create_task(failing(), name="bad")
    # Long enough for the other tasks to reach their awaits (and bad to fail) on a busy machine.
    await asyncio.sleep(0.2)
    queue.put_nowait("x")
    event.set()
    doomed.cancel()
    print(await getter)
    await holder
    await waiter
    try:
        await bad
    except ValueError as e:
        print("bad:", e)
    try:
        await doomed
    except asyncio.CancelledError:
        print("doomed cancelled")


asyncio.run(main())
`;

test("awaits name their target (a queue, a lock, an event, another task) and marks show cancellation and exceptions", async () => {
  const file = path.join(dir, "targets.py");
  fs.writeFileSync(file, TARGETS);
  const target = path.join(dir, "targets.json");
  const run = await runPyts(["run", "--timeline", target, file]);
  expect(run.stdout).toBe("x\nbad: boom\ndoomed cancelled\n");
  const trace = JSON.parse(fs.readFileSync(target, "utf8")) as ChromeTrace;
  const rec: Recorded = { lanes: new Map(), events: trace.traceEvents, stdout: run.stdout };
  for (const e of trace.traceEvents) if (e.name === "thread_name") rec.lanes.set(e.tid, String(e.args!["name"]));
  const awaited = (lane: string): unknown[] => spans(rec, laneOf(rec, lane), "await").map((w) => [w.args!["wait_for"], w.args!["line"]]);
  expect(awaited("getter consumer()")).toEqual([["Queue.get()", 5]]);
  expect(awaited("holder locked()")).toEqual([["Event.wait()", 11]]);
  expect(awaited("waiter locked()")).toEqual([["Lock.acquire()", 10]]);
  expect(awaited("bad failing()")).toEqual([["sleep(0.01)", 15]]);
  expect(awaited("Task-1 main()")).toEqual([["sleep(0.2)", 29], ["getter", 33], ["waiter", 35]]);
  const marks = (lane: string): unknown[] => trace.traceEvents.filter((e) => e.ph === "i" && e.tid === laneOf(rec, lane)).map((e) => [e.name, e.args!["detail"]]);
  expect(marks("doomed sleep()").slice(1)).toEqual([["cancel-requested", "doomed.cancel() called"], ["cancelled", "doomed cancelled"]]);
  expect(marks("bad failing()").slice(1)).toEqual([["exception", "bad raised ValueError('boom')"]]);
  // The cancelled task's last step is the one CancelledError was thrown into.
  const doomedSteps = spans(rec, laneOf(rec, "doomed sleep()"), "step");
  expect(String(doomedSteps[doomedSteps.length - 1]!.args!["thrown"])).toMatch(/^CancelledError/);
}, 60_000);

test("a long computation in a step shows as a stall of the loop", async () => {
  const file = path.join(dir, "compute.py");
  fs.writeFileSync(file, "import asyncio\nimport time\n\n\nasync def crunch():\n    await asyncio.sleep(0)\n    t0 = time.perf_counter()\n    while time.perf_counter() - t0 < 0.2:\n        pass\n\n\nasyncio.run(crunch())\n");
  const target = path.join(dir, "compute.json");
  const run = await runPyts(["run", "--timeline", target, file]);
  expect(run.status, run.stderr).toBe(0);
  const trace = JSON.parse(fs.readFileSync(target, "utf8")) as ChromeTrace;
  const stalls = trace.traceEvents.filter((e) => e.cat === "stall");
  expect(stalls.map((e) => [e.name, e.args!["line"]])).toEqual([["stalled: Task-1 computing", 6]]);
  expect(stalls[0]!.dur!).toBeGreaterThanOrEqual(200_000);
}, 60_000);

const MANY = `import asyncio


async def job(i):
    await asyncio.sleep(0)


async def main():
    first = [asyncio.create_task(job(i)) for i in range(100)]
    await asyncio.sleep(0)
    second = [asyncio.create_task(job(i)) for i in range(50)]
    mixed = []
    for i in range(60):
        mixed.append(asyncio.create_task(job(i)))
        mixed.append(asyncio.create_task(job(-i)))
    await asyncio.gather(*first, *second, *mixed)
    await asyncio.gather(*[job(i) for i in range(40)])


asyncio.run(main())
`;

test("tasks made by the hundred each name the line that created them, or none, never a wrong one", async () => {
  const file = path.join(dir, "many.py");
  fs.writeFileSync(file, MANY);
  const target = path.join(dir, "many.json");
  const run = await runPyts(["run", "--timeline", target, file]);
  expect(run.status, run.stderr).toBe(0);
  const trace = JSON.parse(fs.readFileSync(target, "utf8")) as ChromeTrace;
  const created = trace.traceEvents.filter((e) => e.ph === "i" && e.name === "created").map((e) => Number(/ at .*:(\d+)$/.exec(String(e.args!["detail"]))?.[1] ?? 0));
  // main() by asyncio.run (line 20), which also makes the two tasks of its shutdown.
  const expected = [20, ...Array(100).fill(9), ...Array(50).fill(11), ...Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? 14 : 15)), ...Array(40).fill(17), 20, 20];
  expect(created).toHaveLength(expected.length);
  // Lines are found by sampling the stack where a loop makes the tasks (runtime/timeline/recorder.ts):
  // where the code moves on from one call site to another between two samples, the tasks
  // in between have no line (fewer than a sampling interval of them: 8 at first, doubling
  // up to 32 while the samples agree; here `second` moves on to `mixed` at an interval of 16).
  const unknown = created.filter((line) => line === 0).length;
  expect(unknown).toBeGreaterThan(0);
  expect(unknown).toBeLessThan(16);
  expect(created.map((line, i) => (line === 0 ? 0 : expected[i]))).toEqual(created);
  expect(created.slice(0, 101)).toEqual(expected.slice(0, 101));
  expect(created.slice(-42)).toEqual(expected.slice(-42));
}, 60_000);
