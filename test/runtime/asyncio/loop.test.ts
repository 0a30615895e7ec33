// The loop's entry points and error paths: run_until_complete results and exceptions, closed
// and running loops, the exception handler, waking an idle loop, promises, wait_for, gather.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { await_, coroutine, yieldFrom, generator, type Coroutine } from "../../../runtime/core/index.js";
import { types } from "../../../runtime/modules/index.js";
import {
  asyncio,
  _reset_event_loop_policy,
  forgetUnretrieved,
  reportAllUnretrieved,
  setErrorSink,
  type Future,
} from "../../../runtime/asyncio/index.js";
import { RuntimeError, ValueError, ZeroDivisionError, BaseException } from "../../../runtime/values/exceptions.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { repr } from "../../../runtime/values/repr.js";
import { typeName } from "../../../runtime/values/typename.js";
import { cpythonLines, recorder } from "./cpython.js";

let errors: string[] = [];
beforeEach(() => {
  _reset_event_loop_policy();
  errors = [];
  setErrorSink((text) => errors.push(text));
});
afterEach(() => setErrorSink((text) => process.stderr.write(text)));

const compute = (x: bigint, y: bigint): Coroutine<bigint> =>
  coroutine(function* () {
    yield* await_(asyncio.sleep(0.01));
    return x + y;
  }, "compute");

describe("run_until_complete", () => {
  it("returns the coroutine's result (lecture 03) and is typed by it", async () => {
    const loop = asyncio.get_event_loop();
    const result: bigint = await loop.run_until_complete(compute(1n, 2n));
    expect(result).toBe(3n);
    expect(loop.is_running()).toBe(false);
    const fut = loop.create_future();
    loop.call_later(0.005, () => fut.set_result("later"));
    expect(await loop.run_until_complete(fut)).toBe("later");
    loop.close();
    expect(loop.is_closed()).toBe(true);
  });

  it("propagates the coroutine's exception and the loop can run again", async () => {
    const loop = asyncio.new_event_loop();
    const fails = coroutine(function* () {
      yield* await_(asyncio.sleep(0));
      throw new ValueError("bad value");
    }, "fails");
    await expect(loop.run_until_complete(fails)).rejects.toBeInstanceOf(ValueError);
    expect(await loop.run_until_complete(compute(2n, 3n))).toBe(5n);
    loop.close();
    expect(errors).toEqual([]);
  });

  it("raises CPython's errors for closed and running loops", async () => {
    const expected = cpythonLines(`
import asyncio
loop = asyncio.new_event_loop()
async def nested():
    try:
        loop.run_until_complete(asyncio.sleep(0))
    except RuntimeError as e:
        print(e)
    try:
        loop.close()
    except RuntimeError as e:
        print(e)
    try:
        asyncio.run(asyncio.sleep(0))
    except RuntimeError as e:
        print(e)
loop.run_until_complete(nested())
loop.close()
try:
    loop.run_until_complete(asyncio.sleep(0))
except RuntimeError as e:
    print(e)
try:
    loop.call_soon(print)
except RuntimeError as e:
    print(e)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
`);
    const print = recorder();
    const loop = asyncio.new_event_loop();
    const catchRuntime = (fn: () => unknown): void => {
      try {
        const p = fn();
        if (p instanceof Promise) p.catch(() => {});
      } catch (e) {
        if (!(e instanceof RuntimeError)) throw e;
        print(e);
      }
    };
    const nested = coroutine(function* () {
      const sleeper = asyncio.sleep(0);
      catchRuntime(() => loop.run_until_complete(sleeper));
      sleeper.close();
      catchRuntime(() => loop.close());
      try {
        yield* await_(asyncio.run(asyncio.sleep(0)).catch((e: unknown) => { throw e; }));
      } catch (e) {
        if (!(e instanceof RuntimeError)) throw e;
        print(e);
      }
    }, "nested");
    await loop.run_until_complete(nested);
    loop.close();
    const sleeper = asyncio.sleep(0);
    catchRuntime(() => loop.run_until_complete(sleeper));
    sleeper.close();
    catchRuntime(() => loop.call_soon(() => null));
    catchRuntime(() => asyncio.get_running_loop());
    expect(print.lines).toEqual(expected);
  });

  it("asyncio.run closes its loop; Task names count across runs like CPython", async () => {
    const expected = cpythonLines(`
import asyncio
async def name():
    return asyncio.current_task().get_name()
async def main():
    t = asyncio.create_task(name())
    return [await t, asyncio.current_task().get_name(), len(asyncio.all_tasks())]
print(asyncio.run(main()))
print(asyncio.run(main()))
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print(e)
`);
    const print = recorder();
    const name = (): Coroutine<string> =>
      coroutine(function* () { return asyncio.current_task()!.get_name(); }, "name");
    const main = (): Coroutine<unknown[]> =>
      coroutine(function* () {
        const t = asyncio.create_task(name());
        return [yield* await_(t), asyncio.current_task()!.get_name(), BigInt(asyncio.all_tasks().size)];
      }, "main");
    // Task numbering is process-wide: measure from this test's first task.
    const first = await asyncio.run(main());
    const second = await asyncio.run(main());
    const offset = Number(expected[0]!.match(/Task-(\d+)/)![1]) - Number((first[0] as string).slice(5));
    const renumber = (xs: unknown[]): unknown[] =>
      xs.map((x) => (typeof x === "string" ? `Task-${Number(x.slice(5)) + offset}` : x));
    print(renumber(first));
    print(renumber(second));
    try {
      asyncio.get_event_loop();
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      print(e);
    }
    expect(print.lines).toEqual(expected);
  });
});

describe("errors go to the exception handler", () => {
  it("logs an exception in a callback and keeps running", async () => {
    const print = recorder();
    const loop = asyncio.new_event_loop();
    function cb(x: bigint): void {
      print("cb", x);
      throw new ZeroDivisionError("division by zero");
    }
    loop.call_soon(cb, 1n);
    loop.call_soon(() => print("next callback ran"));
    loop.call_soon(() => loop.stop());
    await loop.run_forever();
    expect(print.lines).toEqual(["cb 1", "next callback ran"]);
    expect(errors).toEqual([
      "Exception in callback cb(1)\nhandle: <Handle cb(1)>\nZeroDivisionError: division by zero\n",
    ]);
    const seen: string[] = [];
    loop.set_exception_handler((_loop, context) => {
      seen.push(repr((context as { get(k: string): unknown }).get("message")));
    });
    loop.call_soon(cb, 2n);
    loop.call_soon(() => loop.stop());
    await loop.run_forever();
    expect(seen).toEqual(["'Exception in callback cb(2)'"]);
    loop.close();
  });

  it("reports a failed task whose exception was never retrieved", async () => {
    forgetUnretrieved();
    const loop = asyncio.new_event_loop();
    const bad = coroutine(function* () {
      throw new ValueError("boom");
    }, "bad");
    const retrieved = coroutine(function* () {
      throw new ValueError("seen");
    }, "retrieved");
    loop.create_task(bad);
    const t2 = loop.create_task(retrieved);
    await loop.run_until_complete(asyncio.sleep(0.001));
    expect(repr(t2.exception())).toBe("ValueError('seen')");
    reportAllUnretrieved();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^Task exception was never retrieved\nfuture: <Task finished name='Task-\d+' coro=<bad\(\) done> exception=ValueError\('boom'\)>\nValueError: boom\n$/,
    );
    loop.close();
  });
});

describe("waking and awaiting from outside", () => {
  it("an idle run_forever wakes for call_soon_threadsafe from Node's side", async () => {
    const loop = asyncio.new_event_loop();
    const events: string[] = [];
    setTimeout(() => loop.call_soon_threadsafe(() => events.push("woken")), 20);
    setTimeout(() => loop.call_soon_threadsafe(() => loop.stop()), 40);
    await loop.run_forever();
    expect(events).toEqual(["woken"]);
    loop.close();
  });

  it("awaits a JS promise through a Future of the running loop", async () => {
    const main = coroutine(function* () {
      const value = yield* await_(new Promise<string>((resolve) => setTimeout(() => resolve("from js"), 10)));
      try {
        yield* await_(Promise.reject(new ValueError("js failed")));
      } catch (e) {
        return [value, repr(e)];
      }
      return [];
    }, "main");
    expect(await asyncio.run(main)).toEqual(["from js", "ValueError('js failed')"]);
  });
});

describe("gather, wait_for and generator-based coroutines", () => {
  it("match CPython", async () => {
    const expected = cpythonLines(`
import asyncio, types
async def fail(): 
    await asyncio.sleep(0)
    raise ValueError("f")
async def slow():
    await asyncio.sleep(1)
    return "slow"
@types.coroutine
def old_style(fut):
    x = yield from fut
    yield
    return x * 2
async def main():
    print(await asyncio.gather(asyncio.sleep(0, "a"), fail(), asyncio.sleep(0.001, "c"), return_exceptions=True))
    try:
        await asyncio.gather(fail(), asyncio.sleep(0, "x"))
    except ValueError as e:
        print("gather raised", repr(e))
    print(await asyncio.gather())
    try:
        await asyncio.wait_for(slow(), 0.01)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, type(e.__cause__).__name__)
    print(await asyncio.wait_for(asyncio.sleep(0, "quick"), 1))
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_later(0.001, fut.set_result, 21)
    print(await old_style(fut))
    done, pending = await asyncio.wait([asyncio.ensure_future(slow()), asyncio.ensure_future(asyncio.sleep(0))], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending))
    for t in pending: t.cancel()
asyncio.run(main())
`);
    const print = recorder();
    const fail = (): Coroutine<never> =>
      coroutine(function* () {
        yield* await_(asyncio.sleep(0));
        throw new ValueError("f");
      }, "fail");
    const slow = (): Coroutine<string> =>
      coroutine(function* () {
        yield* await_(asyncio.sleep(1n));
        return "slow";
      }, "slow");
    const oldStyle = types.coroutine((fut: Future<bigint>) =>
      generator(function* () {
        const x = yield* yieldFrom(fut);
        yield null;
        return x * 2n;
      }, "old_style"),
    );
    const main = coroutine(function* () {
      print(
        yield* await_(
          asyncio.gather(asyncio.sleep(0, "a"), fail(), asyncio.sleep(0.001, "c"), kw({ return_exceptions: true })),
        ),
      );
      try {
        yield* await_(asyncio.gather(fail(), asyncio.sleep(0, "x")));
      } catch (e) {
        if (!(e instanceof ValueError)) throw e;
        print("gather raised", repr(e));
      }
      print(yield* await_(asyncio.gather()));
      try {
        yield* await_(asyncio.wait_for(slow(), 0.01));
      } catch (e) {
        if (!(e instanceof asyncio.TimeoutError)) throw e;
        print("timeout", typeName(e), typeName((e as BaseException).__cause__));
      }
      print(yield* await_(asyncio.wait_for(asyncio.sleep(0, "quick"), 1n)));
      const fut: Future<bigint> = asyncio.get_running_loop().create_future();
      asyncio.get_running_loop().call_later(0.001, (v: bigint) => fut.set_result(v), 21n);
      print(yield* await_(oldStyle(fut)));
      const waited = yield* await_(
        asyncio.wait(
          [asyncio.ensure_future(slow()), asyncio.ensure_future(asyncio.sleep(0))],
          kw({ return_when: asyncio.FIRST_COMPLETED }),
        ),
      );
      const [done, pending] = waited.items;
      print(BigInt(done!.size), BigInt(pending!.size));
      for (const t of pending!) t.cancel();
    }, "main");
    await asyncio.run(main);
    expect(print.lines).toEqual(expected);
  });
});
