// asyncio.gather: one future over many awaitables; results in argument order.

import type { Coroutine } from "../core/coroutine.js";
import { withManyArgs } from "../lang/spread-call.js";
import { splitKw } from "../values/kwargs.js";
import { CancelledError } from "./exceptions.js";
import type { EventLoop } from "./events.js";
import { Future, getLoopOf, hasDoneCallback } from "./futures.js";
import { get_event_loop } from "./loop-state.js";
import { ensureFutureOn } from "./tasks.js";

/** The future gather returns: cancelling it cancels the children. */
export class _GatheringFuture<T = unknown[]> extends Future<T> {
  declare _children: Future[];
  declare _cancel_requested: boolean;

  constructor(children: Future[], loop: EventLoop) {
    super(loop);
    this._children = children;
    this._cancel_requested = false;
  }

  override cancel(...args: unknown[]): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this._children) if (child.cancel(...args)) cancelled = true;
    // Gather's own result then becomes a CancelledError when the children are done.
    if (cancelled) this._cancel_requested = true;
    return cancelled;
  }
}

type Awaited_<A> = A extends Coroutine<infer R> ? R : A extends Future<infer R> ? R : unknown;

/** `asyncio.gather(*aws, return_exceptions=False)`. */
export function gather<A extends unknown[]>(...args: A): Future<{ [K in keyof A]: Awaited_<A[K]> }>;
export function gather(...args: unknown[]): Future<unknown[]> {
  return gatherAll(args);
}
// `gather(*aws)` of any length (see spreadCall).
withManyArgs(gather, gatherAll);

function gatherAll(args: unknown[]): Future<unknown[]> {
  const [aws, keywords] = splitKw(args);
  const returnExceptions = Boolean(keywords["return_exceptions"]);
  if (aws.length === 0) {
    const outer = get_event_loop().create_future() as Future<unknown[]>;
    outer.set_result([]);
    return outer;
  }
  const argToFut = new Map<unknown, Future>();
  const children: Future[] = [];
  let loop: EventLoop | null = null;
  let nfuts = 0;
  let nfinished = 0;
  let outer: _GatheringFuture | null = null;

  const onChildDone = (fut: Future): void => {
    nfinished += 1;
    if (outer === null || outer.done()) {
      // Mark the exception retrieved: gather already reported (or will never report) it.
      if (!fut.cancelled()) fut.exception();
      return;
    }
    if (!returnExceptions) {
      if (fut.cancelled()) {
        outer.set_exception(fut._make_cancelled_error());
        return;
      }
      const exc = fut.exception();
      if (exc !== null) {
        outer.set_exception(exc);
        return;
      }
    }
    if (nfinished === nfuts) {
      const results = children.map((child) => {
        if (child.cancelled()) {
          const message = child._cancel_message;
          return new CancelledError(message === null || message === undefined ? "" : message);
        }
        const exc = child.exception();
        return exc !== null ? exc : child.result();
      });
      if (outer._cancel_requested) outer.set_exception(fut._make_cancelled_error());
      else outer.set_result(results);
    }
  };
  Object.defineProperty(onChildDone, "__qualname__", { value: "gather.<locals>._done_callback" });

  for (const arg of aws) {
    // A pending Future seen before already carries onChildDone (no map lookup, the usual case
    // for a list of tasks); other arguments are told apart through the map, as CPython does.
    if (arg instanceof Future && !arg.done()) {
      if (hasDoneCallback(arg, onChildDone)) {
        children.push(arg);
        continue;
      }
      if (loop !== null && loop !== getLoopOf(arg)) ensureFutureOn(arg, loop);
      if (loop === null) loop = getLoopOf(arg);
      nfuts += 1;
      arg.add_done_callback(onChildDone);
      children.push(arg);
      continue;
    }
    let fut = argToFut.get(arg);
    if (fut === undefined) {
      fut = ensureFutureOn(arg, loop);
      if (loop === null) loop = getLoopOf(fut);
      nfuts += 1;
      argToFut.set(arg, fut);
      fut.add_done_callback(onChildDone);
    }
    children.push(fut);
  }
  outer = new _GatheringFuture(children, loop!);
  return outer;
}
