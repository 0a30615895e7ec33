// `_asyncio.FutureIter`: what `await fut` iterates in CPython (`fut.__await__()`), seen by
// programs as a suspended coroutine's `cr_await`. The runtime awaits futures directly; this
// view stands for that iterator where Python code looks at it, one per awaited future.
import { setAwaitedView } from "../core/coroutine.js";
import { StopIteration } from "../values/exceptions.js";
import { isFuture, type Future } from "./futures.js";

export class FutureIter {
  static readonly tpName = "_asyncio.FutureIter";
  static readonly pythonName = "FutureIter";
  static readonly __module__ = "_asyncio";
  declare private readonly future: Future;

  constructor(future: Future) {
    this.future = future;
  }

  /** The future while it is pending (the task waits on it); its result as StopIteration's value once done. */
  send(value: unknown): unknown {
    void value;
    if (!this.future.done()) return this.future;
    throw new StopIteration(this.future.result());
  }

  __next__(): unknown {
    return this.send(null);
  }

  __iter__(): FutureIter {
    return this;
  }

  throw(error: unknown): never {
    throw error;
  }

  close(): null {
    return null;
  }
}

const views = new WeakMap<object, FutureIter>();

setAwaitedView((awaited) => {
  if (!isFuture(awaited)) return awaited;
  let view = views.get(awaited);
  if (view === undefined) views.set(awaited, (view = new FutureIter(awaited)));
  return view;
});
