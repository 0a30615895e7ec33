// send / throw / close on coroutine and generator objects, await on non-awaitables, reuse
// errors, StopIteration inside generators: compared with what CPython prints.

import { describe, expect, it } from "vitest";
import {
  PyGenerator,
  await_,
  coroutine,
  forgetUnstarted,
  generator,
  reportAllUnstarted,
  setWarningSink,
  yieldFrom,
  type Coroutine,
} from "../../../runtime/core/index.js";
import { asyncio } from "../../../runtime/asyncio/index.js";
import { BaseException, StopIteration, ValueError, KeyError } from "../../../runtime/values/exceptions.js";
import { repr } from "../../../runtime/values/repr.js";
import { typeName } from "../../../runtime/values/typename.js";
import { cpythonLines, recorder, type Printer } from "./cpython.js";

/** Python's `except BaseException as e: print(label, type(e).__name__, e)`. */
function attempt(print: Printer, label: string, fn: () => unknown): void {
  try {
    const value = fn();
    print(label, "->", repr(value));
  } catch (e) {
    if (!(e instanceof BaseException)) throw e;
    print(label, "raised", typeName(e), e instanceof StopIteration ? repr(e.value) : e);
  }
}

const PY_HELPERS = `
def attempt(label, fn):
    try:
        value = fn()
        print(label, "->", repr(value))
    except BaseException as e:
        print(label, "raised", type(e).__name__, repr(e.value) if isinstance(e, StopIteration) else e)
`;

describe("coroutine objects", () => {
  it("send, throw, close and reuse behave as in CPython", () => {
    const expected = cpythonLines(`${PY_HELPERS}
import asyncio, types
@types.coroutine
def suspend():
    got = yield "suspended"
    return got
async def f(x):
    try:
        got = await suspend()
        print("resumed with", got)
    except ValueError as e:
        print("caught", e)
        got = await suspend()
    return x * 2
c = f(21)
print(c.__name__, c.__qualname__, c.cr_running)
attempt("send1", lambda: c.send(None))
attempt("throw", lambda: c.throw(ValueError("boom")))
attempt("send2", lambda: c.send("late"))
attempt("send3", lambda: c.send(None))
attempt("throw-done", lambda: c.throw(KeyError("k")))
attempt("close-done", lambda: c.close())
c2 = f(1)
attempt("send-non-none", lambda: c2.send(1))
attempt("close-new", lambda: c2.close())
attempt("send-closed", lambda: c2.send(None))
c3 = f(2)
attempt("send", lambda: c3.send(None))
attempt("close", lambda: c3.close())
print(c3.cr_suspended)
async def ignores():
    try:
        await suspend()
    except GeneratorExit:
        await suspend()
c4 = ignores()
attempt("send", lambda: c4.send(None))
attempt("close", lambda: c4.close())
c5 = f(3)
w = c5.__await__()
attempt("wrapper-next", lambda: w.__next__())
attempt("wrapper-send", lambda: w.send(5))
`);
    const print = recorder();
    const suspend = asyncio.coroutine(() =>
      generator(function* () {
        const got: unknown = yield "suspended";
        return got;
      }, "suspend"),
    );
    const f = (x: bigint): Coroutine<bigint> =>
      coroutine(function* () {
        try {
          const got = yield* await_(suspend());
          print("resumed with", got);
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          print("caught", e);
          yield* await_(suspend());
        }
        return x * 2n;
      }, "f");
    const c = f(21n);
    print(c.__name__, c.__qualname__, c.cr_running);
    attempt(print, "send1", () => c.send(null));
    attempt(print, "throw", () => c.throw(new ValueError("boom")));
    attempt(print, "send2", () => c.send("late"));
    attempt(print, "send3", () => c.send(null));
    attempt(print, "throw-done", () => c.throw(new KeyError("k")));
    attempt(print, "close-done", () => c.close());
    const c2 = f(1n);
    attempt(print, "send-non-none", () => c2.send(1n));
    attempt(print, "close-new", () => c2.close());
    attempt(print, "send-closed", () => c2.send(null));
    const c3 = f(2n);
    attempt(print, "send", () => c3.send(null));
    attempt(print, "close", () => c3.close());
    print(c3.cr_suspended);
    const ignores = (): Coroutine<void> =>
      coroutine(function* () {
        try {
          yield* await_(suspend());
        } catch (e) {
          if (!(e instanceof BaseException) || typeName(e) !== "GeneratorExit") throw e;
          yield* await_(suspend());
        }
      }, "ignores");
    const c4 = ignores();
    attempt(print, "send", () => c4.send(null));
    attempt(print, "close", () => c4.close());
    const c5 = f(3n);
    const w = c5.__await__();
    attempt(print, "wrapper-next", () => w.__next__());
    attempt(print, "wrapper-send", () => w.send(5n));
    expect(print.lines).toEqual(expected);
  });

  it("await on a non-awaitable, and awaiting a coroutine twice, raise CPython's errors", () => {
    const expected = cpythonLines(`${PY_HELPERS}
async def value(): return 1
async def bad(x): await x
attempt("int", lambda: bad(5).send(None))
attempt("str", lambda: bad("s").send(None))
attempt("None", lambda: bad(None).send(None))
attempt("list", lambda: bad([1]).send(None))
async def twice():
    c = value()
    print("first", await c)
    await c
attempt("twice", lambda: twice().send(None))
class Awaitable:
    def __await__(self):
        x = yield from []
        return "custom"
async def custom(): return await Awaitable()
attempt("custom", lambda: custom().send(None))
`);
    const print = recorder();
    const value = (): Coroutine<bigint> => coroutine(function* () { return 1n; }, "value");
    const bad = (x: unknown): Coroutine<void> => coroutine(function* () { yield* await_(x); }, "bad");
    attempt(print, "int", () => bad(5n).send(null));
    attempt(print, "str", () => bad("s").send(null));
    attempt(print, "None", () => bad(null).send(null));
    attempt(print, "list", () => bad([1n]).send(null));
    const twice = (): Coroutine<void> =>
      coroutine(function* () {
        const c = value();
        print("first", yield* await_(c));
        yield* await_(c);
      }, "twice");
    attempt(print, "twice", () => twice().send(null));
    class Awaitable {
      __await__(): PyGenerator {
        return generator(function* () {
          yield* yieldFrom([]);
          return "custom";
        }, "Awaitable.__await__");
      }
    }
    const custom = (): Coroutine<string> =>
      coroutine(function* () { return yield* await_(new Awaitable()); }, "custom");
    attempt(print, "custom", () => custom().send(null));
    expect(print.lines).toEqual(expected);
  });

  it("reprs and the never-awaited warning", () => {
    const c = coroutine(function* () { return 1n; }, "Outer.<locals>.inner");
    expect(repr(c)).toMatch(/^<coroutine object Outer\.<locals>\.inner at 0x[0-9a-f]+>$/);
    expect(c.__name__).toBe("inner");
    const warnings: string[] = [];
    setWarningSink((text) => warnings.push(text));
    forgetUnstarted();
    coroutine(function* () {}, "never_run");
    const started = coroutine(function* () {}, "was_run");
    expect(() => started.send(null)).toThrow(StopIteration);
    const closed = coroutine(function* () {}, "was_closed");
    closed.close();
    reportAllUnstarted();
    expect(warnings).toEqual(["sys:1: RuntimeWarning: coroutine 'never_run' was never awaited\n"]);
    setWarningSink((text) => process.stderr.write(text));
  });
});

describe("generator objects", () => {
  it("send, throw, close, exhaustion and StopIteration as in CPython", () => {
    const expected = cpythonLines(`${PY_HELPERS}
def gen():
    x = yield 1
    print("got", x)
    try:
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 3
    return 9
g = gen()
print(g.__name__, repr(g).startswith("<generator object gen at 0x"))
attempt("next", lambda: next(g))
attempt("send", lambda: g.send("hi"))
attempt("throw", lambda: g.throw(ValueError("v")))
attempt("next", lambda: next(g))
attempt("next-again", lambda: next(g))
attempt("throw-done", lambda: g.throw(KeyError("k")))
attempt("close-done", lambda: g.close())
def raises_stop():
    raise StopIteration(5)
    yield
attempt("stop-inside", lambda: next(raises_stop()))
def ignores():
    try:
        yield 1
    except GeneratorExit:
        yield 2
x = ignores(); next(x)
attempt("ignored", lambda: x.close())
def finally_gen():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")
y = finally_gen()
attempt("first", lambda: next(y))
attempt("close", lambda: y.close())
attempt("after-close", lambda: next(y))
def inner():
    a = yield "i1"
    print("inner got", a)
    return "inner-result"
def outer():
    r = yield from inner()
    print("outer got", r)
    yield from [10, 20]
    return "outer-done"
print(list(outer()))
o = outer()
attempt("o1", lambda: next(o))
attempt("o2", lambda: o.send("S"))
attempt("o3", lambda: next(o))
attempt("o4", lambda: next(o))
def numbers():
    for i in range(5): yield i
n = numbers()
for v in n:
    if v == 2: break
print("after break", list(n))
`);
    const print = recorder();
    const gen = (): PyGenerator<bigint, bigint> =>
      generator(function* () {
        const x: unknown = yield 1n;
        print("got", x);
        try {
          yield 2n;
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          print("caught", e);
          yield 3n;
        }
        return 9n;
      }, "gen");
    const g = gen();
    print(g.__name__, repr(g).startsWith("<generator object gen at 0x"));
    attempt(print, "next", () => g.__next__());
    attempt(print, "send", () => g.send("hi"));
    attempt(print, "throw", () => g.throw(new ValueError("v")));
    attempt(print, "next", () => g.__next__());
    attempt(print, "next-again", () => g.__next__());
    attempt(print, "throw-done", () => g.throw(new KeyError("k")));
    attempt(print, "close-done", () => g.close());
    const raisesStop = generator(function* () {
      throw new StopIteration(5n);
    }, "raises_stop");
    attempt(print, "stop-inside", () => raisesStop.__next__());
    const x = generator(function* () {
      try {
        yield 1n;
      } catch (e) {
        if (typeName(e) !== "GeneratorExit") throw e;
        yield 2n;
      }
    }, "ignores");
    x.__next__();
    attempt(print, "ignored", () => x.close());
    const y = generator(function* () {
      try {
        yield 1n;
        yield 2n;
      } finally {
        print("finally ran");
      }
    }, "finally_gen");
    attempt(print, "first", () => y.__next__());
    attempt(print, "close", () => y.close());
    attempt(print, "after-close", () => y.__next__());
    const inner = (): PyGenerator<string, string> =>
      generator(function* () {
        const a: unknown = yield "i1";
        print("inner got", a);
        return "inner-result";
      }, "inner");
    const outer = (): PyGenerator<unknown, string> =>
      generator(function* () {
        const r = yield* yieldFrom(inner());
        print("outer got", r);
        yield* yieldFrom([10n, 20n]);
        return "outer-done";
      }, "outer");
    print([...outer()]);
    const o = outer();
    attempt(print, "o1", () => o.__next__());
    attempt(print, "o2", () => o.send("S"));
    attempt(print, "o3", () => o.__next__());
    attempt(print, "o4", () => o.__next__());
    const n = generator(function* () {
      for (let i = 0n; i < 5n; i++) yield i;
    }, "numbers");
    for (const v of n) if (v === 2n) break;
    print("after break", [...n]);
    expect(print.lines).toEqual(expected);
  });
});
