// Loop API details programs rarely show: exception handlers, handle cancellation, call_at,
// debug flags, and the order of callbacks around completion.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { await_, coroutine } from "../../../runtime/core/index.js";
import {
  asyncio,
  _reset_event_loop_policy,
  forgetUnretrieved,
  setErrorSink,
  type EventLoop,
  type Future,
} from "../../../runtime/asyncio/index.js";
import { Dict } from "../../../runtime/values/dict.js";
import { ValueError } from "../../../runtime/values/exceptions.js";
import { cpythonLines, recorder } from "./cpython.js";

const errors: string[] = [];
beforeEach(() => {
  _reset_event_loop_policy();
  errors.length = 0;
  setErrorSink((text) => errors.push(text));
});
afterEach(() => forgetUnretrieved());

describe("event loop API", () => {
  it("exception handlers: set/get, custom handler gets the context, failing handler is logged", async () => {
    const expected = cpythonLines(`
import asyncio
loop = asyncio.new_event_loop()
print(loop.get_exception_handler(), loop.get_debug(), loop.is_running(), loop.is_closed())
loop.set_debug(True)
print(loop.get_debug())
loop.set_debug(False)
seen = []
def handler(lp, ctx):
    seen.append((lp is loop, sorted(ctx), ctx["message"], repr(ctx.get("exception"))))
loop.set_exception_handler(handler)
print(loop.get_exception_handler() is handler)
def bad():
    raise ValueError("boom")
loop.call_soon(bad)
loop.call_soon(loop.call_exception_handler, {"message": "custom", "extra": 1})
loop.call_soon(loop.stop)
loop.run_forever()
for s in seen: print(s)
loop.set_exception_handler(None)
print(loop.get_exception_handler())
loop.close()
print(loop.is_closed())
`);
    const print = recorder();
    const loop: EventLoop = asyncio.new_event_loop();
    print(loop.get_exception_handler(), loop.get_debug(), loop.is_running(), loop.is_closed());
    loop.set_debug(true);
    print(loop.get_debug());
    loop.set_debug(false);
    const seen: unknown[] = [];
    const handler = (lp: EventLoop, ctx: unknown): void => {
      const d = ctx as Dict<string, unknown>;
      const keys = [...d.keys()].map(String).sort();
      const exc = d.get("exception");
      seen.push(
        `(${lp === loop ? "True" : "False"}, [${keys.map((k) => `'${k}'`).join(", ")}], '${String(d.get("message"))}', ${
          exc === undefined ? "'None'" : `"ValueError('boom')"`
        })`,
      );
    };
    loop.set_exception_handler(handler);
    print(loop.get_exception_handler() === handler);
    function bad(): void {
      throw new ValueError("boom");
    }
    loop.call_soon(bad);
    loop.call_soon(() => loop.call_exception_handler({ message: "custom", extra: 1n }));
    loop.call_soon(() => loop.stop());
    await loop.run_forever();
    for (const s of seen) print(s);
    loop.set_exception_handler(null);
    print(loop.get_exception_handler());
    loop.close();
    print(loop.is_closed());
    // CPython names the callback's source line (`bad() at file:12`); JS functions have none.
    expect(print.lines).toEqual(expected.map((l) => l.replace(/Exception in callback bad\(\) at [^']*/, "Exception in callback bad()")));
  });

  it("a handler that raises falls back to the default handler; cancelled handles never run", async () => {
    const loop = asyncio.new_event_loop();
    loop.set_exception_handler(() => {
      throw new ValueError("handler broke");
    });
    const ran: string[] = [];
    const h = loop.call_soon(() => ran.push("cancelled one"));
    loop.call_soon(() => ran.push("kept"));
    const t = loop.call_at(loop.time() + 0.001, () => ran.push("timer"));
    const t2 = loop.call_at(loop.time() + 0.001, () => ran.push("cancelled timer"));
    h.cancel();
    t2.cancel();
    loop.call_soon(() => loop.call_exception_handler({ message: "ctx" }));
    loop.call_later(0.01, () => loop.stop());
    await loop.run_forever();
    loop.close();
    expect(ran).toEqual(["kept", "timer"]);
    expect(h.cancelled()).toBe(true);
    expect(t.cancelled()).toBe(false);
    expect(errors.join("")).toContain("Unhandled error in exception handler");
    expect(errors.join("")).toContain("ValueError: handler broke");
  });

  it("callbacks added to a done future, and a task's own callbacks, keep CPython's order", async () => {
    const expected = cpythonLines(`
import asyncio
async def child():
    print("child runs")
    return 7
async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(child())
    t.add_done_callback(lambda f: print("task cb 1", f.result()))
    loop.call_soon(print, "soon before")
    t.add_done_callback(lambda f: print("task cb 2"))
    await asyncio.sleep(0)
    print("after first turn", t.done())
    t.add_done_callback(lambda f: print("late cb"))
    loop.call_soon(print, "soon after late")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    f = loop.create_future()
    loop.call_later(0.001, f.set_result, "timer result")
    print(await f)
asyncio.run(main())
`);
    const print = recorder();
    await asyncio.run(
      coroutine(function* () {
        const loop = asyncio.get_running_loop();
        const t = asyncio.create_task(
          coroutine(function* () {
            print("child runs");
            return 7n;
          }, "child"),
        );
        t.add_done_callback((f: Future) => print("task cb 1", f.result()));
        loop.call_soon(print, "soon before");
        t.add_done_callback(() => print("task cb 2"));
        yield* await_(asyncio.sleep(0n));
        print("after first turn", t.done());
        t.add_done_callback(() => print("late cb"));
        loop.call_soon(print, "soon after late");
        yield* await_(asyncio.sleep(0n));
        yield* await_(asyncio.sleep(0n));
        const f = loop.create_future();
        loop.call_later(0.001, (v: unknown) => f.set_result(v), "timer result");
        print(yield* await_(f));
      }, "main"),
    );
    expect(print.lines).toEqual(expected);
  });
});
