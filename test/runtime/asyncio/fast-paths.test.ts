// The runtime's shortcuts must not show: Queue.put/get finishing without a generator when they
// need not wait, gather telling repeated futures apart without a map, the task registry
// dropping done tasks in bulk, and callbacks queued without a Handle. Each scenario is checked
// line by line against CPython.

import { beforeEach, describe, expect, it } from "vitest";
import { await_, coroutine, type Coroutine } from "../../../runtime/core/index.js";
import { asyncio, _reset_event_loop_policy, type Queue } from "../../../runtime/asyncio/index.js";
import { RuntimeError, StopIteration, ValueError } from "../../../runtime/values/exceptions.js";
import type { Dict } from "../../../runtime/values/dict.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { typeName } from "../../../runtime/values/typename.js";
import { cpythonLines, recorder } from "./cpython.js";

beforeEach(() => _reset_event_loop_policy());

const run = (body: () => Generator<unknown, unknown, unknown>): Promise<unknown> =>
  asyncio.run(coroutine(body, "main"));

describe("Queue.put and Queue.get behave as coroutines whether or not they wait", () => {
  it("are coroutine objects run once when awaited, by send, by a task, or closed unrun", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    q = asyncio.Queue(maxsize=1)
    c = q.put(1)
    print(type(c).__name__, asyncio.iscoroutine(c), q.qsize())
    await c
    print("after await", q.qsize())
    try:
        await c
    except RuntimeError as e:
        print("again:", e)
    g = q.get()
    try:
        g.send(None)
    except StopIteration as e:
        print("send gives", e.value, q.qsize())
    unrun = q.put("x")
    unrun.close()
    print("closed unrun", q.qsize())
    t1 = asyncio.create_task(q.put("a"))
    t2 = asyncio.create_task(q.put("b"))
    await asyncio.sleep(0)
    print(q.qsize(), t1.done(), t2.done())
    first = await q.get()
    second = await q.get()
    print(first, second, t2.done())
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    getter.cancel()
    try:
        await getter
    except asyncio.CancelledError:
        print("waiting get cancelled", q.empty())
    await q.put("c")
    print("got", await q.get())
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      const q: Queue = new asyncio.Queue(kw({ maxsize: 1n }));
      const c = q.put(1n);
      print(typeName(c), asyncio.iscoroutine(c), q.qsize());
      yield* await_(c);
      print("after await", q.qsize());
      try {
        yield* await_(c);
      } catch (error) {
        if (!(error instanceof RuntimeError)) throw error;
        print("again:", error);
      }
      const g = q.get();
      try {
        g.send(null);
      } catch (error) {
        if (!(error instanceof StopIteration)) throw error;
        print("send gives", error.value, q.qsize());
      }
      const unrun = q.put("x");
      unrun.close();
      print("closed unrun", q.qsize());
      const t1 = asyncio.create_task(q.put("a"));
      const t2 = asyncio.create_task(q.put("b"));
      yield* await_(asyncio.sleep(0n));
      print(q.qsize(), t1.done(), t2.done());
      const first = yield* await_(q.get());
      const second = yield* await_(q.get());
      print(first, second, t2.done());
      const getter = asyncio.create_task(q.get());
      yield* await_(asyncio.sleep(0n));
      getter.cancel();
      try {
        yield* await_(getter);
      } catch (error) {
        if (!(error instanceof asyncio.CancelledError)) throw error;
        print("waiting get cancelled", q.empty());
      }
      yield* await_(q.put("c"));
      print("got", yield* await_(q.get()));
    });
    expect(print.lines).toEqual(expected);
  });

  it("a put that finishes at once wakes a waiting getter in FIFO order, without a switch", async () => {
    const expected = cpythonLines(`
import asyncio
async def consumer(q, name):
    item = await q.get()
    print(name, "got", item)
async def main():
    q = asyncio.Queue()
    ts = [asyncio.create_task(consumer(q, n)) for n in "xyz"]
    await asyncio.sleep(0)
    for i in range(3):
        await q.put(i)
        print("put", i, q.qsize())
    await asyncio.gather(*ts)
asyncio.run(main())
`);
    const print = recorder();
    const consumer = (q: Queue, name: string): Coroutine =>
      coroutine(function* () {
        const item = yield* await_(q.get());
        print(name, "got", item);
      }, "consumer");
    await run(function* () {
      const q: Queue = new asyncio.Queue();
      const ts = ["x", "y", "z"].map((n) => asyncio.create_task(consumer(q, n)));
      yield* await_(asyncio.sleep(0n));
      for (const i of [0n, 1n, 2n]) {
        yield* await_(q.put(i));
        print("put", i, q.qsize());
      }
      yield* await_(asyncio.gather(...ts));
    });
    expect(print.lines).toEqual(expected);
  });
});

describe("gather, the task registry and done callbacks keep CPython's results and order", () => {
  it("gather gives one result per argument for repeated tasks and done futures", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(5)
    t = asyncio.create_task(asyncio.sleep(0, "t"))
    u = asyncio.create_task(asyncio.sleep(0, "u"))
    print(await asyncio.gather(t, f, t, u, f, u))
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      const loop = asyncio.get_running_loop();
      const f = loop.create_future();
      f.set_result(5n);
      const t = asyncio.create_task(asyncio.sleep(0n, "t"));
      const u = asyncio.create_task(asyncio.sleep(0n, "u"));
      print(yield* await_(asyncio.gather(t, f, t, u, f, u)));
    });
    expect(print.lines).toEqual(expected);
  });

  it("all_tasks holds only pending tasks after many have finished", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    for _ in range(3):
        ts = [asyncio.create_task(asyncio.sleep(0)) for _ in range(700)]
        await asyncio.gather(*ts)
    slow = asyncio.create_task(asyncio.sleep(0.01), name="slow")
    me = asyncio.current_task()
    print(sorted(t.get_name() for t in asyncio.all_tasks() if t is not me), me in asyncio.all_tasks())
    await slow
    print(len(asyncio.all_tasks()))
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      for (let r = 0; r < 3; r++) {
        const ts = Array.from({ length: 700 }, () => asyncio.create_task(asyncio.sleep(0n)));
        yield* await_(asyncio.gather(...ts));
      }
      const slow = asyncio.create_task(asyncio.sleep(0.01), kw({ name: "slow" }));
      const me = asyncio.current_task();
      const names = [...asyncio.all_tasks()].filter((t) => t !== me).map((t) => t.get_name());
      print(names.sort(), [...asyncio.all_tasks()].includes(me));
      yield* await_(slow);
      print(BigInt([...asyncio.all_tasks()].length));
    });
    expect(print.lines).toEqual(expected);
  });

  it("done callbacks (one, several, removed) run in order; a failing one is reported", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda l, ctx: print("handler:", ctx["message"].split("(")[0], type(ctx["exception"]).__name__))
    f = loop.create_future()
    def a(fut): print("a", fut.result())
    def b(fut): print("b")
    def bad(fut): raise ValueError("boom")
    f.add_done_callback(a)
    print(f.remove_done_callback(a), repr(f))
    f.add_done_callback(a)
    f.add_done_callback(bad)
    f.add_done_callback(b)
    f.add_done_callback(a)
    print(f.remove_done_callback(a))
    f.add_done_callback(a)
    loop.call_soon(print, "soon")
    f.set_result(1)
    await asyncio.sleep(0)
    g = loop.create_future()
    g.add_done_callback(bad)
    g.set_result(2)
    await asyncio.sleep(0)
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      const loop = asyncio.get_running_loop();
      loop.set_exception_handler((_l: unknown, ctx: unknown) => {
        const c = ctx as Dict<string, unknown>;
        print("handler:", (c.get("message") as string).split("(")[0], typeName(c.get("exception")));
      });
      const f = loop.create_future();
      const a = (fut: { result(): unknown }): void => print("a", fut.result());
      const b = (): void => print("b");
      const bad = (): never => {
        throw new ValueError("boom");
      };
      Object.defineProperty(bad, "__qualname__", { value: "main.<locals>.bad" });
      f.add_done_callback(a);
      print(f.remove_done_callback(a), f.__repr__());
      f.add_done_callback(a);
      f.add_done_callback(bad);
      f.add_done_callback(b);
      f.add_done_callback(a);
      print(f.remove_done_callback(a));
      f.add_done_callback(a);
      loop.call_soon(print, "soon");
      f.set_result(1n);
      yield* await_(asyncio.sleep(0n));
      const g = loop.create_future();
      g.add_done_callback(bad);
      g.set_result(2n);
      yield* await_(asyncio.sleep(0n));
    });
    expect(print.lines).toEqual(expected);
  });
});
