// Lock, Event, Condition, Semaphore and Queue: the order in which waiters wake is observable,
// so each scenario is checked line by line against CPython.

import { beforeEach, describe, expect, it } from "vitest";
import { await_, coroutine, type Coroutine } from "../../../runtime/core/index.js";
import { asyncio, _reset_event_loop_policy, type Queue } from "../../../runtime/asyncio/index.js";
import { ValueError } from "../../../runtime/values/exceptions.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { repr } from "../../../runtime/values/repr.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { cpythonLines, recorder } from "./cpython.js";

beforeEach(() => _reset_event_loop_policy());

const run = (body: () => Generator<unknown, unknown, unknown>): Promise<unknown> =>
  asyncio.run(coroutine(body, "main"));

describe("locks wake waiters in FIFO order, as CPython", () => {
  it("Lock: contenders acquire in arrival order; a cancelled waiter is skipped", async () => {
    const expected = cpythonLines(`
import asyncio
async def user(lock, name):
    try:
        async with lock:
            print(name, "in")
            await asyncio.sleep(0)
            print(name, "out")
    except asyncio.CancelledError:
        print(name, "cancelled")
async def main():
    lock = asyncio.Lock()
    ts = [asyncio.create_task(user(lock, n)) for n in "abcd"]
    await asyncio.sleep(0)
    print(lock.locked(), repr(lock).split("[")[1])
    ts[2].cancel()
    await asyncio.gather(*ts)
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("error", e)
asyncio.run(main())
`);
    const print = recorder();
    const user = (lock: InstanceType<typeof asyncio.Lock>, name: string): Coroutine =>
      coroutine(function* () {
        try {
          yield* await_(lock.__aenter__());
          try {
            print(name, "in");
            yield* await_(asyncio.sleep(0n));
            print(name, "out");
          } finally {
            yield* await_(lock.__aexit__(null, null, null));
          }
        } catch (error) {
          if (!(error instanceof asyncio.CancelledError)) throw error;
          print(name, "cancelled");
        }
      }, "user");
    await run(function* () {
      const lock = new asyncio.Lock();
      const ts = ["a", "b", "c", "d"].map((n) => asyncio.create_task(user(lock, n)));
      yield* await_(asyncio.sleep(0n));
      print(lock.locked(), repr(lock).split("[")[1]);
      ts[2]!.cancel();
      yield* await_(asyncio.gather(...ts));
      print(lock.locked());
      try {
        lock.release();
      } catch (error) {
        print("error", error);
      }
    });
    expect(print.lines).toEqual(expected);
  });

  it("Event wakes all waiters in order; Condition notify(n) and notify_all; wait_for", async () => {
    const expected = cpythonLines(`
import asyncio
async def ev_waiter(ev, name):
    await ev.wait()
    print("event", name)
async def cond_waiter(cond, name):
    async with cond:
        r = await cond.wait()
        print("cond", name, r)
async def main():
    ev = asyncio.Event()
    ts = [asyncio.create_task(ev_waiter(ev, n)) for n in "xyz"]
    await asyncio.sleep(0)
    print(repr(ev).split("[")[1])
    ev.set()
    await asyncio.gather(*ts)
    cond = asyncio.Condition()
    ts = [asyncio.create_task(cond_waiter(cond, n)) for n in "abcd"]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
        print("notified 2")
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ts)
    state = []
    async def setter():
        for i in range(3):
            async with cond:
                state.append(i)
                cond.notify_all()
            await asyncio.sleep(0)
    t = asyncio.create_task(setter())
    async with cond:
        r = await cond.wait_for(lambda: len(state) >= 2)
        print("wait_for", r, state)
    await t
    try:
        cond.notify()
    except RuntimeError as e:
        print("error", e)
asyncio.run(main())
`);
    const print = recorder();
    type Cond = InstanceType<typeof asyncio.Condition>;
    const evWaiter = (ev: InstanceType<typeof asyncio.Event>, name: string): Coroutine =>
      coroutine(function* () {
        yield* await_(ev.wait());
        print("event", name);
      }, "ev_waiter");
    const condWaiter = (cond: Cond, name: string): Coroutine =>
      coroutine(function* () {
        yield* await_(cond.__aenter__());
        try {
          const r = yield* await_(cond.wait());
          print("cond", name, r);
        } finally {
          yield* await_(cond.__aexit__(null, null, null));
        }
      }, "cond_waiter");
    await run(function* () {
      const ev = new asyncio.Event();
      let ts = ["x", "y", "z"].map((n) => asyncio.create_task(evWaiter(ev, n)));
      yield* await_(asyncio.sleep(0n));
      print(repr(ev).split("[")[1]);
      ev.set();
      yield* await_(asyncio.gather(...ts));
      const cond = new asyncio.Condition();
      ts = ["a", "b", "c", "d"].map((n) => asyncio.create_task(condWaiter(cond, n)));
      yield* await_(asyncio.sleep(0n));
      yield* await_(cond.__aenter__());
      cond.notify(2n);
      print("notified 2");
      yield* await_(cond.__aexit__(null, null, null));
      yield* await_(asyncio.sleep(0n));
      yield* await_(cond.__aenter__());
      cond.notify_all();
      yield* await_(cond.__aexit__(null, null, null));
      yield* await_(asyncio.gather(...ts));
      const state: bigint[] = [];
      const setter = coroutine(function* () {
        for (let i = 0n; i < 3n; i++) {
          yield* await_(cond.__aenter__());
          state.push(i);
          cond.notify_all();
          yield* await_(cond.__aexit__(null, null, null));
          yield* await_(asyncio.sleep(0n));
        }
      }, "setter");
      const t = asyncio.create_task(setter);
      yield* await_(cond.__aenter__());
      const r = yield* await_(cond.wait_for(() => state.length >= 2));
      print("wait_for", r, state);
      yield* await_(cond.__aexit__(null, null, null));
      yield* await_(t);
      try {
        cond.notify();
      } catch (error) {
        print("error", error);
      }
    });
    expect(print.lines).toEqual(expected);
  });

  it("Semaphore admits `value` holders in FIFO order; BoundedSemaphore refuses extra releases", async () => {
    const expected = cpythonLines(`
import asyncio
async def user(sem, name):
    async with sem:
        print(name, "in", sem.locked())
        await asyncio.sleep(0)
        await asyncio.sleep(0)
    print(name, "out")
async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*[user(sem, n) for n in "abcde"])
    print(repr(sem).split("[")[1])
    b = asyncio.BoundedSemaphore(1)
    await b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("error", e)
asyncio.run(main())
`);
    const print = recorder();
    type Sem = InstanceType<typeof asyncio.Semaphore>;
    const user = (sem: Sem, name: string): Coroutine =>
      coroutine(function* () {
        yield* await_(sem.__aenter__());
        try {
          print(name, "in", sem.locked());
          yield* await_(asyncio.sleep(0n));
          yield* await_(asyncio.sleep(0n));
        } finally {
          yield* await_(sem.__aexit__(null, null, null));
        }
        print(name, "out");
      }, "user");
    await run(function* () {
      const sem = new asyncio.Semaphore(2n);
      yield* await_(asyncio.gather(...["a", "b", "c", "d", "e"].map((n) => user(sem, n))));
      print(repr(sem).split("[")[1]);
      const b = new asyncio.BoundedSemaphore(1n);
      yield* await_(b.acquire());
      b.release();
      try {
        b.release();
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        print("error", error);
      }
    });
    expect(print.lines).toEqual(expected);
  });
});

describe("queues", () => {
  it("a bounded Queue blocks putters and getters in FIFO order; join waits for task_done", async () => {
    const expected = cpythonLines(`
import asyncio
async def producer(q, name, n):
    for i in range(n):
        await q.put((name, i))
        print("put", name, i, q.qsize())
async def consumer(q, name):
    while True:
        item = await q.get()
        print("got", name, item)
        await asyncio.sleep(0)
        q.task_done()
async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.empty(), q.full())
    cs = [asyncio.create_task(consumer(q, c)) for c in "XY"]
    ps = [asyncio.create_task(producer(q, p, 3)) for p in "ab"]
    await asyncio.gather(*ps)
    print(str(q))
    await q.join()
    print("joined", q.empty())
    for c in cs:
        c.cancel()
    await asyncio.gather(*cs, return_exceptions=True)
    q2 = asyncio.Queue(1)
    q2.put_nowait(1)
    try:
        q2.put_nowait(2)
    except asyncio.QueueFull:
        print("full", q2.full())
    q2.get_nowait()
    try:
        q2.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")
    try:
        q2.task_done(); q2.task_done()
    except ValueError as e:
        print("error", e)
asyncio.run(main())
`);
    const print = recorder();
    const producer = (q: Queue, name: string, n: bigint): Coroutine =>
      coroutine(function* () {
        for (let i = 0n; i < n; i++) {
          yield* await_(q.put(Tuple.of(name, i)));
          print("put", name, i, q.qsize());
        }
      }, "producer");
    const consumer = (q: Queue, name: string): Coroutine =>
      coroutine(function* () {
        for (;;) {
          const item = yield* await_(q.get());
          print("got", name, item);
          yield* await_(asyncio.sleep(0n));
          q.task_done();
        }
      }, "consumer");
    await run(function* () {
      const q = new asyncio.Queue(kw({ maxsize: 2n }));
      print(q.maxsize, q.empty(), q.full());
      const cs = ["X", "Y"].map((c) => asyncio.create_task(consumer(q, c)));
      const ps = ["a", "b"].map((p) => asyncio.create_task(producer(q, p, 3n)));
      yield* await_(asyncio.gather(...ps));
      print(q.__str__());
      yield* await_(q.join());
      print("joined", q.empty());
      for (const c of cs) c.cancel();
      yield* await_(asyncio.gather(...cs, kw({ return_exceptions: true })));
      const q2 = new asyncio.Queue(1n);
      q2.put_nowait(1n);
      try {
        q2.put_nowait(2n);
      } catch (error) {
        if (!(error instanceof asyncio.QueueFull)) throw error;
        print("full", q2.full());
      }
      q2.get_nowait();
      try {
        q2.get_nowait();
      } catch (error) {
        if (!(error instanceof asyncio.QueueEmpty)) throw error;
        print("empty");
      }
      try {
        q2.task_done();
        q2.task_done();
      } catch (error) {
        print("error", error);
      }
    });
    expect(print.lines).toEqual(expected);
  });

  it("LifoQueue pops the newest; PriorityQueue keeps heapq order with Python comparison", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    lq = asyncio.LifoQueue()
    for x in [1, 2, 3]:
        await lq.put(x)
    print([lq.get_nowait() for _ in range(3)])
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "z"), (2, "b"), (1, "a"), (2.5, "x")]:
        pq.put_nowait(item)
    print(repr(pq).split(" ", 3)[3])
    print([pq.get_nowait() for _ in range(5)])
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      const lq = new asyncio.LifoQueue();
      for (const x of [1n, 2n, 3n]) yield* await_(lq.put(x));
      print([0, 1, 2].map(() => lq.get_nowait()));
      const pq = new asyncio.PriorityQueue();
      const items = [Tuple.of(3n, "c"), Tuple.of(1n, "z"), Tuple.of(2n, "b"), Tuple.of(1n, "a"), Tuple.of(2.5, "x")];
      for (const item of items) pq.put_nowait(item);
      print(repr(pq).split(" ").slice(3).join(" "));
      print([0, 1, 2, 3, 4].map(() => pq.get_nowait()));
    });
    expect(print.lines).toEqual(expected);
  });
});
