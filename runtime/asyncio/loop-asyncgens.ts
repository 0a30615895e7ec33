// The loop's async generator hooks (sys.set_asyncgen_hooks as asyncio sets them): each
// generator first iterated while a loop runs is tracked by it until it finishes, and
// `loop.shutdown_asyncgens()` acloses those still open.
import type { EventLoop } from "./events.js";
import { setAsyncGenHooks, type AsyncGenerator_ } from "../core/async-generator.js";
import { await_ } from "../core/await.js";
import { Exception } from "../values/exceptions.js";
import { kw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { gather } from "./gather.js";
import { _get_running_loop } from "./loop-state.js";

export function* closeAsyncgens(loop: EventLoop): Generator<unknown, null, unknown> {
  loop._asyncgens_shutdown_called = true;
  if (loop._asyncgens.size === 0) return null;
  const closing = [...loop._asyncgens];
  loop._asyncgens.clear();
  const results = (yield* await_(
    gather(...closing.map((agen) => agen.aclose()), kw({ return_exceptions: true })),
  )) as unknown[];
  results.forEach((result, i) => {
    if (result instanceof Exception) {
      loop.call_exception_handler({
        message: `an error occurred during closing of asynchronous generator ${repr(closing[i])}`,
        exception: result,
        asyncgen: closing[i],
      });
    }
  });
  return null;
}

/** Which loop tracks each started async generator (sys.set_asyncgen_hooks as asyncio sets them). */
const asyncgenLoops = new WeakMap<AsyncGenerator_, EventLoop>();
setAsyncGenHooks(
  (agen) => {
    const loop = _get_running_loop();
    if (loop === null || loop._asyncgens_shutdown_called) return;
    asyncgenLoops.set(agen, loop);
    loop._asyncgens.add(agen);
  },
  (agen) => {
    asyncgenLoops.get(agen)?._asyncgens.delete(agen);
  },
);
