// Async generators as the lowering emits them (asyncGenerator + asyncYield), against CPython.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  asyncGenerator,
  asyncYield,
  await_,
  coroutine,
  type AsyncGenerator_,
} from "../../../runtime/core/index.js";
import { asyncio, _reset_event_loop_policy, forgetUnretrieved, setErrorSink } from "../../../runtime/asyncio/index.js";
import { aiter, anextStep } from "../../../runtime/lang/iteration.js";
import { GeneratorExit, KeyError, StopAsyncIteration, StopIteration, ValueError } from "../../../runtime/values/exceptions.js";
import { repr } from "../../../runtime/values/repr.js";
import { cpythonLines, recorder, type Printer } from "./cpython.js";

beforeEach(() => {
  _reset_event_loop_policy();
  setErrorSink(() => undefined);
});
afterEach(() => forgetUnretrieved());

const run = (body: () => Generator<unknown, unknown, unknown>): Promise<unknown> =>
  asyncio.run(coroutine(body, "main"));

/** `async def ag(): try: x = yield 1; print("got", x); await sleep(0); yield 2 finally: print("fin")` */
function ag(print: Printer): AsyncGenerator_ {
  return asyncGenerator(function* () {
    try {
      const x = yield* asyncYield(1n);
      print("got", x);
      yield* await_(asyncio.sleep(0n));
      yield* asyncYield(2n);
    } finally {
      print("fin");
    }
  }, "ag");
}

/** Catches what an await raises and prints `label repr(exc)`. */
function* attempt(print: Printer, label: string, aw: unknown): Generator<unknown, void, unknown> {
  try {
    print(label, repr(yield* await_(aw)));
  } catch (error) {
    print(label, repr(error));
  }
}

describe("async generators", () => {
  it("asend, athrow, aclose, exhaustion and the errors CPython raises", async () => {
    const expected = cpythonLines(`
import asyncio
async def ag():
    try:
        x = yield 1
        print("got", x)
        await asyncio.sleep(0)
        yield 2
    finally:
        print("fin")
async def ign():
    try:
        yield 1
    except GeneratorExit:
        yield 2
async def stopper():
    yield 1
    raise StopAsyncIteration
async def attempt(label, aw):
    try:
        print(label, repr(await aw))
    except BaseException as e:
        print(label, repr(e))
async def main():
    a = ag()
    print(repr(a).split(" at ")[0], a.__aiter__() is a)
    await attempt("anext", a.__anext__())
    await attempt("asend", a.asend("s"))
    await attempt("end", a.__anext__())
    await attempt("athrow done", a.athrow(ValueError("v")))
    await attempt("aclose done", a.aclose())
    b = ag()
    await attempt("athrow unstarted", b.athrow(ValueError("v")))
    await attempt("after", b.__anext__())
    c = ign()
    await c.__anext__()
    await attempt("ignored", c.aclose())
    await attempt("send", ag().asend(1))
    e = ag()
    await e.__anext__()
    await attempt("thrown", e.athrow(KeyError("k")))
    f = ag()
    await f.__anext__()
    await attempt("aclose", f.aclose())
    g = ag()
    step = g.__anext__()
    try:
        step.send(None)
    except StopIteration as s:
        print("manual", s.value)
    await attempt("reuse", step)
    await g.aclose()
    s = stopper()
    await s.__anext__()
    await attempt("stopper", s.__anext__())
asyncio.run(main())
`);
    const print = recorder();
    const ign = (): AsyncGenerator_ =>
      asyncGenerator(function* () {
        try {
          yield* asyncYield(1n);
        } catch (error) {
          if (!(error instanceof GeneratorExit)) throw error;
          yield* asyncYield(2n);
        }
      }, "ign");
    const stopper = (): AsyncGenerator_ =>
      asyncGenerator(function* () {
        yield* asyncYield(1n);
        throw new StopAsyncIteration();
      }, "stopper");
    await run(function* () {
      const a = ag(print);
      print(repr(a).split(" at ")[0], a.__aiter__() === a);
      yield* attempt(print, "anext", a.__anext__());
      yield* attempt(print, "asend", a.asend("s"));
      yield* attempt(print, "end", a.__anext__());
      yield* attempt(print, "athrow done", a.athrow(new ValueError("v")));
      yield* attempt(print, "aclose done", a.aclose());
      const b = ag(print);
      yield* attempt(print, "athrow unstarted", b.athrow(new ValueError("v")));
      yield* attempt(print, "after", b.__anext__());
      const c = ign();
      yield* await_(c.__anext__());
      yield* attempt(print, "ignored", c.aclose());
      yield* attempt(print, "send", ag(print).asend(1n));
      const e = ag(print);
      yield* await_(e.__anext__());
      yield* attempt(print, "thrown", e.athrow(new KeyError("k")));
      const f = ag(print);
      yield* await_(f.__anext__());
      yield* attempt(print, "aclose", f.aclose());
      const g = ag(print);
      const step = g.__anext__();
      try {
        step.send(null);
      } catch (error) {
        if (!(error instanceof StopIteration)) throw error;
        print("manual", error.value);
      }
      yield* attempt(print, "reuse", step);
      yield* await_(g.aclose());
      const s = stopper();
      yield* await_(s.__anext__());
      yield* attempt(print, "stopper", s.__anext__());
    });
    expect(print.lines).toEqual(expected);
  });

  it("async for (aiter/anextStep) interleaves with other tasks; concurrent anext is refused", async () => {
    const expected = cpythonLines(`
import asyncio
async def ticks(name, n):
    for i in range(n):
        await asyncio.sleep(0)
        yield f"{name}{i}"
async def consume(name):
    async for v in ticks(name, 3):
        print(v)
async def main():
    await asyncio.gather(consume("a"), consume("b"))
    async def slow():
        await asyncio.sleep(0.01)
        yield 1
    r = slow()
    t = asyncio.ensure_future(r.__anext__())
    await asyncio.sleep(0)
    try:
        await r.__anext__()
    except RuntimeError as e:
        print(e)
    print(await t)
    await r.aclose()
asyncio.run(main())
`);
    const print = recorder();
    const ticks = (name: string, n: bigint): AsyncGenerator_ =>
      asyncGenerator(function* () {
        for (let i = 0n; i < n; i++) {
          yield* await_(asyncio.sleep(0n));
          yield* asyncYield(`${name}${i}`);
        }
      }, "ticks");
    const consume = (name: string) =>
      coroutine(function* () {
        const it = aiter(ticks(name, 3n));
        for (;;) {
          const step = yield* await_(anextStep(it));
          if (step.done) break;
          print(step.value);
        }
      }, "consume");
    await run(function* () {
      yield* await_(asyncio.gather(consume("a"), consume("b")));
      const r = asyncGenerator(function* () {
        yield* await_(asyncio.sleep(0.01));
        yield* asyncYield(1n);
      }, "main.<locals>.slow");
      const t = asyncio.ensure_future(r.__anext__());
      yield* await_(asyncio.sleep(0n));
      try {
        yield* await_(r.__anext__());
      } catch (error) {
        print(error);
      }
      print(yield* await_(t));
      yield* await_(r.aclose());
    });
    expect(print.lines).toEqual(expected);
  });

  it("asyncio.run closes async generators left open (shutdown_asyncgens)", async () => {
    const expected = cpythonLines(`
import asyncio
async def gen():
    try:
        yield 1
        yield 2
    finally:
        await asyncio.sleep(0)
        print("closed at shutdown")
keep = []
async def main():
    g = gen()
    keep.append(g)
    async for v in g:
        print(v)
        break
    print("main done")
asyncio.run(main())
print("after run")
`);
    const print = recorder();
    const gen = (): AsyncGenerator_ =>
      asyncGenerator(function* () {
        try {
          yield* asyncYield(1n);
          yield* asyncYield(2n);
        } finally {
          yield* await_(asyncio.sleep(0n));
          print("closed at shutdown");
        }
      }, "gen");
    await run(function* () {
      const it = aiter(gen());
      const step = yield* await_(anextStep(it));
      print(step.value);
      print("main done");
    });
    print("after run");
    expect(print.lines).toEqual(expected);
    expect(KeyError).toBeDefined();
  });
});
