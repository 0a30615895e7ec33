// Interleaving order of tasks, callbacks and timers, checked against CPython's printed order.

import { beforeEach, describe, expect, it } from "vitest";
import { await_, coroutine, type Coroutine } from "../../../runtime/core/index.js";
import { asyncio, _reset_event_loop_policy, type Future } from "../../../runtime/asyncio/index.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { cpythonLines, recorder } from "./cpython.js";

beforeEach(() => _reset_event_loop_policy());

describe("event order matches CPython", () => {
  it("tasks interleave at sleep(0) with call_soon callbacks in FIFO order", async () => {
    const expected = cpythonLines(`
import asyncio
async def worker(name, n):
    for i in range(n):
        print(name, "step", i)
        await asyncio.sleep(0)
    return name
def cb(x): print("cb", x)
async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, 1)
    t1 = asyncio.create_task(worker("a", 3))
    t2 = asyncio.create_task(worker("b", 2))
    loop.call_soon(cb, 2)
    print("main before", t1.get_name(), t2.get_name())
    r = await asyncio.gather(t1, t2)
    print("gathered", r)
asyncio.run(main())
`);
    const print = recorder();
    const worker = (name: string, n: bigint): Coroutine<string> =>
      coroutine(function* () {
        for (let i = 0n; i < n; i++) {
          print(name, "step", i);
          yield* await_(asyncio.sleep(0n));
        }
        return name;
      }, "worker");
    const cb = (x: bigint): void => print("cb", x);
    const main = (): Coroutine<void> =>
      coroutine(function* () {
        const loop = asyncio.get_running_loop();
        loop.call_soon(cb, 1n);
        const t1 = asyncio.create_task(worker("a", 3n));
        const t2 = asyncio.create_task(worker("b", 2n));
        loop.call_soon(cb, 2n);
        print("main before", t1.get_name(), t2.get_name());
        const r = yield* await_(asyncio.gather(t1, t2));
        print("gathered", r);
      }, "main");
    await asyncio.run(main());
    expect(print.lines).toEqual(expected);
  });

  it("timers fire in time order; equal times keep heapq's order; cancelled handles never run", async () => {
    const expected = cpythonLines(`
import asyncio
loop = asyncio.new_event_loop()
def cb(x): print("cb", x)
t0 = loop.time() + 0.02
for i in range(7):
    loop.call_at(t0, cb, i)
loop.call_at(t0 - 0.01, cb, "early")
h = loop.call_at(t0 - 0.005, cb, "cancelled")
h.cancel()
print(h.cancelled())
loop.call_soon(cb, "soon")
loop.call_later(0.05, loop.stop)
loop.run_forever()
loop.close()
`);
    const print = recorder();
    const loop = asyncio.new_event_loop();
    const cb = (x: unknown): void => print("cb", x);
    const t0 = loop.time() + 0.02;
    for (let i = 0n; i < 7n; i++) loop.call_at(t0, cb, i);
    loop.call_at(t0 - 0.01, cb, "early");
    const h = loop.call_at(t0 - 0.005, cb, "cancelled");
    h.cancel();
    print(h.cancelled());
    loop.call_soon(cb, "soon");
    loop.call_later(0.05, () => loop.stop());
    await loop.run_forever();
    loop.close();
    expect(print.lines).toEqual(expected);
  });

  it("lecture 04b: concurrent sleepers wake in delay order and wait() returns (done, pending)", async () => {
    const expected = cpythonLines(`
import asyncio
async def sleeper(name, delay):
    print("%s: going to sleep for %s s" % (name, delay))
    await asyncio.sleep(delay)
    print("%s: woke up after %s s" % (name, delay))
loop = asyncio.get_event_loop()
tasks = [asyncio.ensure_future(sleeper("A", 0.02)), asyncio.ensure_future(sleeper("B", 0.04)), asyncio.ensure_future(sleeper("C", 0.02))]
done, pending = loop.run_until_complete(asyncio.wait(tasks))
print(len(done), len(pending))
loop.close()
`);
    const print = recorder();
    const sleeper = (name: string, delay: number): Coroutine<void> =>
      coroutine(function* () {
        print(`${name}: going to sleep for ${delay} s`);
        yield* await_(asyncio.sleep(delay));
        print(`${name}: woke up after ${delay} s`);
      }, "sleeper");
    const loop = asyncio.get_event_loop();
    const tasks = [
      asyncio.ensure_future(sleeper("A", 0.02)),
      asyncio.ensure_future(sleeper("B", 0.04)),
      asyncio.ensure_future(sleeper("C", 0.02)),
    ];
    const result = await loop.run_until_complete(asyncio.wait(tasks));
    const [done, pending] = result.items;
    print(BigInt(done!.size), BigInt(pending!.size));
    loop.close();
    expect(print.lines).toEqual(expected);
  });

  it("done callbacks run via the loop, in order, also when added after completion", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("first", f.result()))
    fut.add_done_callback(lambda f: print("second", f.result()))
    def third(f): print("removed")
    fut.add_done_callback(third)
    print("removed count", fut.remove_done_callback(third))
    fut.set_result(42)
    print("set")
    fut.add_done_callback(lambda f: print("late", f.result()))
    print("added late")
    await asyncio.sleep(0)
    print("after sleep(0)")
    await asyncio.sleep(0)
    print(repr(fut))
asyncio.run(main())
`);
    const print = recorder();
    const main = coroutine(function* () {
      const loop = asyncio.get_running_loop();
      const fut: Future<bigint> = loop.create_future();
      fut.add_done_callback((f: Future) => print("first", f.result()));
      fut.add_done_callback((f: Future) => print("second", f.result()));
      const third = (): void => print("removed");
      fut.add_done_callback(third);
      print("removed count", BigInt(fut.remove_done_callback(third)));
      fut.set_result(42n);
      print("set");
      fut.add_done_callback((f: Future) => print("late", f.result()));
      print("added late");
      yield* await_(asyncio.sleep(0));
      print("after sleep(0)");
      yield* await_(asyncio.sleep(0));
      print(fut.__repr__());
    }, "main");
    await asyncio.run(main);
    expect(print.lines).toEqual(expected);
  });

  it("cancellation is thrown in at the await and can be caught", async () => {
    const expected = cpythonLines(`
import asyncio
async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("caught", repr(e))
        await asyncio.sleep(0)
        print("cleanup done")
        return "survived"
async def stubborn():
    await asyncio.sleep(10)
async def main():
    t = asyncio.create_task(victim())
    s = asyncio.create_task(stubborn(), name="stub")
    await asyncio.sleep(0)
    print(t.cancel("stop it"), s.cancel())
    print(t.cancelled(), t.done(), t.cancelling())
    r = await t
    print("result", r, t.cancelled())
    try:
        await s
    except asyncio.CancelledError as e:
        print("s cancelled", repr(e), s.cancelled(), s.get_name())
    print(s.cancel(), repr(s)[:30])
asyncio.run(main())
`);
    const print = recorder();
    const victim = (): Coroutine<string | undefined> =>
      coroutine(function* () {
        try {
          yield* await_(asyncio.sleep(10n));
        } catch (e) {
          if (!(e instanceof asyncio.CancelledError)) throw e;
          print("caught", asyncio.CancelledError.prototype.constructor === e.constructor ? reprOf(e) : "?");
          yield* await_(asyncio.sleep(0n));
          print("cleanup done");
          return "survived";
        }
        return undefined;
      }, "victim");
    const stubborn = (): Coroutine<void> =>
      coroutine(function* () {
        yield* await_(asyncio.sleep(10n));
      }, "stubborn");
    const main = coroutine(function* () {
      const t = asyncio.create_task(victim());
      const s = asyncio.create_task(stubborn(), kw({ name: "stub" }));
      yield* await_(asyncio.sleep(0n));
      print(t.cancel("stop it"), s.cancel());
      print(t.cancelled(), t.done(), BigInt(t.cancelling()));
      const r = yield* await_(t);
      print("result", r, t.cancelled());
      try {
        yield* await_(s);
      } catch (e) {
        if (!(e instanceof asyncio.CancelledError)) throw e;
        print("s cancelled", reprOf(e), s.cancelled(), s.get_name());
      }
      print(s.cancel(), s.__repr__().slice(0, 30));
    }, "main");
    await asyncio.run(main);
    expect(print.lines).toEqual(expected);
  });
});

import { repr as reprOf } from "../../../runtime/values/repr.js";
