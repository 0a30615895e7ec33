// as_completed, shield, timeout, TaskGroup, wait(FIRST_EXCEPTION), gather cancellation and
// wait_for, each checked against CPython's printed order.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { await_, coroutine, type Coroutine } from "../../../runtime/core/index.js";
import {
  asyncio,
  _reset_event_loop_policy,
  BaseExceptionGroup,
  ExceptionGroup,
  forgetUnretrieved,
  setErrorSink,
} from "../../../runtime/asyncio/index.js";
import { KeyError, TimeoutError, ValueError } from "../../../runtime/values/exceptions.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { repr, toStr } from "../../../runtime/values/repr.js";
import { Tuple } from "../../../runtime/values/tuple.js";
import { cpythonLines, recorder } from "./cpython.js";

const errors: string[] = [];
beforeEach(() => {
  _reset_event_loop_policy();
  errors.length = 0;
  setErrorSink((text) => errors.push(text));
});
afterEach(() => forgetUnretrieved());

const run = (body: () => Generator<unknown, unknown, unknown>): Promise<unknown> =>
  asyncio.run(coroutine(body, "main"));

const after = (delay: number, value: unknown, print?: (...p: unknown[]) => void): Coroutine =>
  coroutine(function* () {
    try {
      yield* await_(asyncio.sleep(delay));
    } catch (error) {
      print?.("cancelled", value);
      throw error;
    }
    if (value instanceof Error) throw value;
    return value;
  }, "after");

describe("combinators", () => {
  it("as_completed yields in completion order and raises TimeoutError after the timeout", async () => {
    const expected = cpythonLines(`
import asyncio
async def after(d, v):
    await asyncio.sleep(d)
    return v
async def main():
    for c in asyncio.as_completed([after(0.03, "c"), after(0.01, "a"), after(0.02, "b")]):
        print(await c)
    it = asyncio.as_completed([after(0.01, "x"), after(0.5, "y")], timeout=0.05)
    for c in it:
        try:
            print(await c)
        except TimeoutError:
            print("timeout")
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      for (const c of asyncio.as_completed([after(0.03, "c"), after(0.01, "a"), after(0.02, "b")])) {
        print(yield* await_(c));
      }
      for (const c of asyncio.as_completed([after(0.01, "x"), after(0.5, "y")], kw({ timeout: 0.05 }))) {
        try {
          print(yield* await_(c));
        } catch (error) {
          if (!(error instanceof TimeoutError)) throw error;
          print("timeout");
        }
      }
    });
    expect(print.lines).toEqual(expected);
  });

  it("shield: cancelling the outer future leaves the inner task running", async () => {
    const expected = cpythonLines(`
import asyncio
async def after(d, v):
    await asyncio.sleep(d)
    return v
async def main():
    inner = asyncio.create_task(after(0.01, "inner"))
    outer = asyncio.shield(inner)
    async def waiter():
        try:
            return await outer
        except asyncio.CancelledError:
            print("waiter cancelled")
            raise
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    w.cancel()
    await asyncio.sleep(0)
    print(outer.cancelled(), inner.cancelled(), w.cancelled())
    print(await inner)
    done = asyncio.shield(inner)
    print(done is inner)
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      const inner = asyncio.create_task(after(0.01, "inner"));
      const outer = asyncio.shield(inner);
      const w = asyncio.create_task(
        coroutine(function* () {
          try {
            return yield* await_(outer);
          } catch (error) {
            print("waiter cancelled");
            throw error;
          }
        }, "waiter"),
      );
      yield* await_(asyncio.sleep(0n));
      w.cancel();
      yield* await_(asyncio.sleep(0n));
      print(outer.cancelled(), inner.cancelled(), w.cancelled());
      print(yield* await_(inner));
      print(asyncio.shield(inner) === inner);
    });
    expect(print.lines).toEqual(expected);
  });

  it("timeout(): TimeoutError from the block, expired(), reschedule(), and no effect when fast", async () => {
    const expected = cpythonLines(`
import asyncio
async def main():
    try:
        async with asyncio.timeout(0.01) as cm:
            print(repr(cm).split(" ")[1])
            await asyncio.sleep(1)
    except TimeoutError as e:
        print("timed out", cm.expired(), type(e.__cause__).__name__, repr(cm))
    async with asyncio.timeout(None) as cm:
        cm.reschedule(asyncio.get_running_loop().time() + 0.5)
        await asyncio.sleep(0.01)
    print("fast", cm.expired(), repr(cm))
    try:
        cm.reschedule(None)
    except RuntimeError as e:
        print(e)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("already expired")
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      let cm = asyncio.timeout(0.01);
      try {
        yield* await_(cm.__aenter__());
        try {
          print(repr(cm).split(" ")[1]);
          yield* await_(asyncio.sleep(1n));
        } catch (error) {
          yield* await_(cm.__aexit__(asyncio.CancelledError, error, null));
          throw error;
        }
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
        const cause = error.__cause__ as object;
        print("timed out", cm.expired(), cause.constructor.name, repr(cm));
      }
      cm = asyncio.timeout(null);
      yield* await_(cm.__aenter__());
      cm.reschedule(asyncio.get_running_loop().time() + 0.5);
      yield* await_(asyncio.sleep(0.01));
      yield* await_(cm.__aexit__(null, null, null));
      print("fast", cm.expired(), repr(cm));
      try {
        cm.reschedule(null);
      } catch (error) {
        print(error);
      }
      const loop = asyncio.get_running_loop();
      const at = asyncio.timeout_at(loop.time() - 1);
      try {
        yield* await_(at.__aenter__());
        try {
          yield* await_(asyncio.sleep(0n));
          print("not reached");
        } catch (error) {
          yield* await_(at.__aexit__(asyncio.CancelledError, error, null));
          throw error;
        }
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
        print("already expired");
      }
    });
    expect(print.lines).toEqual(expected);
  });

  it("TaskGroup cancels siblings on the first failure and raises an ExceptionGroup of the errors", async () => {
    const expected = cpythonLines(`
import asyncio
async def after(d, v):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("cancelled", v)
        raise
    if isinstance(v, Exception):
        raise v
    return v
async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(after(0.01, "a"))
        b = tg.create_task(after(0, "b"), name="bee")
    print(a.result(), b.result(), b.get_name())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(after(0.01, ValueError("v")))
            tg.create_task(after(0.01, KeyError("k")))
            tg.create_task(after(0.5, "slow"))
            await asyncio.sleep(1)
            print("not reached")
    except ExceptionGroup as eg:
        print(type(eg).__name__, str(eg), repr(eg.exceptions))
        print(isinstance(eg, BaseExceptionGroup), eg.subgroup(KeyError), eg.split(ValueError))
    try:
        tg.create_task(after(0, "late"))
    except RuntimeError as e:
        print(e)
    print(asyncio.current_task().cancelling())
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      let tg = new asyncio.TaskGroup();
      yield* await_(tg.__aenter__());
      const a = tg.create_task(after(0.01, "a", print));
      const b = tg.create_task(after(0, "b", print), kw({ name: "bee" }));
      yield* await_(tg.__aexit__(null, null, null));
      print(a.result(), b.result(), b.get_name());
      try {
        tg = new asyncio.TaskGroup();
        yield* await_(tg.__aenter__());
        try {
          tg.create_task(after(0.01, new ValueError("v"), print));
          tg.create_task(after(0.01, new KeyError("k"), print));
          tg.create_task(after(0.5, "slow", print));
          yield* await_(asyncio.sleep(1n));
          print("not reached");
        } catch (error) {
          yield* await_(tg.__aexit__(asyncio.CancelledError, error, null));
          throw error;
        }
      } catch (error) {
        if (!(error instanceof ExceptionGroup)) throw error;
        print("ExceptionGroup", toStr(error), repr(error.exceptions));
        print(error instanceof BaseExceptionGroup, error.subgroup(KeyError), error.split(ValueError));
      }
      try {
        tg.create_task(after(0, "late"));
      } catch (error) {
        print(error);
      }
      print(BigInt(asyncio.current_task()!.cancelling()));
    });
    expect(print.lines).toEqual(expected);
  });

  it("gather: cancelling it cancels the children; wait(FIRST_EXCEPTION); wait_for cancels on timeout", async () => {
    const expected = cpythonLines(`
import asyncio
async def after(d, v):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("cancelled", v)
        raise
    if isinstance(v, Exception):
        raise v
    return v
async def main():
    g = asyncio.gather(after(1, "a"), after(1, "b"))
    await asyncio.sleep(0)
    print(g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())
    ts = [asyncio.create_task(after(0.01, "x"), name="x"), asyncio.create_task(after(0.02, ValueError("bad")), name="bad"),
          asyncio.create_task(after(1, "z"), name="z")]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(sorted(t.get_name() for t in done), [t.get_name() for t in pending])
    ts[2].cancel()
    try:
        await asyncio.wait_for(after(1, "w"), timeout=0.01)
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(after(0, "quick"), 1))
    print(await asyncio.sleep(0, result="slept"))
asyncio.run(main())
`);
    const print = recorder();
    await run(function* () {
      const g = asyncio.gather(after(1, "a", print), after(1, "b", print));
      yield* await_(asyncio.sleep(0n));
      print(g.cancel());
      try {
        yield* await_(g);
      } catch (error) {
        if (!(error instanceof asyncio.CancelledError)) throw error;
        print("gather cancelled", g.cancelled());
      }
      const ts = [
        asyncio.create_task(after(0.01, "x", print), kw({ name: "x" })),
        asyncio.create_task(after(0.02, new ValueError("bad"), print), kw({ name: "bad" })),
        asyncio.create_task(after(1, "z", print), kw({ name: "z" })),
      ];
      const [done, pending] = (yield* await_(
        asyncio.wait(ts, kw({ return_when: asyncio.FIRST_EXCEPTION })),
      )).items;
      print([...done!].map((t) => t.get_name()).sort(), [...pending!].map((t) => t.get_name()));
      ts[2]!.cancel();
      try {
        yield* await_(asyncio.wait_for(after(1, "w", print), kw({ timeout: 0.01 })));
      } catch (error) {
        if (!(error instanceof TimeoutError)) throw error;
        print("wait_for timed out");
      }
      print(yield* await_(asyncio.wait_for(after(0, "quick"), 1n)));
      print(yield* await_(asyncio.sleep(0n, kw({ result: "slept" }))));
    });
    expect(print.lines).toEqual(expected);
  });

  it("legacy calls: loop= accepted, wait() of bare coroutines, get_event_loop outside a loop", async () => {
    const print = recorder();
    const loop = asyncio.get_event_loop();
    expect(asyncio.get_event_loop()).toBe(loop);
    const main = coroutine(function* () {
      const lock = new asyncio.Lock(kw({ loop }));
      const q = new asyncio.Queue(kw({ loop, maxsize: 1n }));
      yield* await_(asyncio.sleep(0.001, kw({ loop })));
      const [done] = (yield* await_(asyncio.wait([after(0, "p"), after(0, "q")], kw({ loop })))).items;
      print([...done!].map((t) => t.result()).sort());
      print(yield* await_(asyncio.gather(after(0, 1n), kw({ loop }))));
      print(yield* await_(asyncio.wait_for(after(0, 2n), 1n, kw({ loop }))));
      print(yield* await_(asyncio.ensure_future(after(0, 3n), kw({ loop }))));
      print(lock.locked(), q.maxsize, new asyncio.Event(kw({ loop })).is_set());
    }, "main");
    await loop.run_until_complete(main);
    expect(print.lines).toEqual(["['p', 'q']", "[1]", "2", "3", "False 1 False"]);
  });
});

describe("ExceptionGroup", () => {
  it("construction, str/repr and validation match CPython", () => {
    const expected = cpythonLines(`
eg = BaseExceptionGroup("m", [ValueError(1), KeyError(2)])
print(type(eg).__name__, repr(eg), str(eg))
print(str(ExceptionGroup("x", [ValueError()])))
for args in [("x", []), (1, [ValueError()]), ("x", ValueError())]:
    try:
        ExceptionGroup(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as e:
    print(e)
print(type(BaseExceptionGroup("m", [KeyboardInterrupt()])).__name__)
`);
    const print = recorder();
    const eg = new BaseExceptionGroup("m", [new ValueError(1n), new KeyError(2n)]);
    print(eg.constructor.name, repr(eg), toStr(eg));
    print(toStr(new ExceptionGroup("x", [new ValueError()])));
    for (const args of [["x", []], [1n, [new ValueError()]], ["x", new ValueError()]] as const) {
      try {
        new ExceptionGroup(args[0], args[1]);
      } catch (error) {
        print((error as Error).name, error);
      }
    }
    try {
      new ExceptionGroup("x", [new asyncio.CancelledError()]);
    } catch (error) {
      print(error);
    }
    print(new BaseExceptionGroup("m", [new asyncio.CancelledError()]).constructor.name);
    expect(print.lines.map((l) => l.replace("CancelledError", "KeyboardInterrupt"))).toEqual(expected);
    expect(Tuple.of(1n).items.length).toBe(1);
  });
});
