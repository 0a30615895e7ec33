// asyncio.Barrier (3.11): CPython's Lib/asyncio/locks.py Barrier on an asyncio Condition, so
// tasks leave it in CPython's order.

import { await_ } from "../core/await.js";
import { Coroutine } from "../core/coroutine.js";
import { RuntimeError, ValueError } from "../values/exceptions.js";
import { bindArgs } from "./args.js";
import { Condition, LoopBound } from "./locks.js";

export class BrokenBarrierError extends RuntimeError {
  static __module__ = "asyncio.exceptions";
}

type State = "filling" | "draining" | "resetting" | "broken";

export class Barrier extends LoopBound {
  static readonly __module__ = "asyncio.locks";
  _cond = new Condition();
  _parties: number;
  _state: State = "filling";
  _count = 0;

  constructor(...args: unknown[]) {
    super();
    const [parties] = bindArgs("Barrier", args, ["parties"]);
    const n = Number(parties);
    if (n < 1) throw new ValueError("parties must be > 0");
    this._parties = n;
  }

  override __repr__(): string {
    let extra: string = this._state;
    if (!this.broken) extra += `, waiters:${this.n_waiting}/${this._parties}`;
    return this._describe(extra);
  }

  get parties(): bigint {
    return BigInt(this._parties);
  }
  get n_waiting(): bigint {
    return BigInt(this._state === "filling" ? this._count : 0);
  }
  get broken(): boolean {
    return this._state === "broken";
  }

  wait(): Coroutine<bigint> {
    const self = this;
    return new Coroutine(
      (function* () {
        yield* await_(self._cond.acquire());
        try {
          yield* await_(self._cond.wait_for(() => self._state !== "draining" && self._state !== "resetting"));
          if (self._state === "broken") throw new BrokenBarrierError("Barrier aborted");
          const index = self._count;
          self._count += 1;
          try {
            if (index + 1 === self._parties) {
              self._state = "draining";
              self._cond.notify_all();
            } else {
              yield* await_(self._cond.wait_for(() => self._state !== "filling"));
              if ((self._state as State) === "broken" || self._state === "resetting") throw new BrokenBarrierError("Abort or reset of barrier");
            }
            return BigInt(index);
          } finally {
            self._count -= 1;
            if (self._count === 0) {
              if (self._state === "resetting" || self._state === "draining") self._state = "filling";
              self._cond.notify_all();
            }
          }
        } finally {
          self._cond.release();
        }
      })(),
      "Barrier.wait",
    );
  }

  __aenter__(): Coroutine<bigint> {
    return this.wait();
  }

  __aexit__(_t: unknown, _v: unknown, _tb: unknown): Coroutine<null> {
    return new Coroutine<null>((function* () { return null; })(), "Barrier.__aexit__");
  }

  private _locked(name: string, body: () => void): Coroutine<null> {
    const self = this;
    return new Coroutine<null>(
      (function* () {
        yield* await_(self._cond.acquire());
        try {
          body();
        } finally {
          self._cond.release();
        }
        return null;
      })(),
      name,
    );
  }

  reset(): Coroutine<null> {
    return this._locked("Barrier.reset", () => {
      this._state = this._count > 0 ? "resetting" : "filling";
      this._cond.notify_all();
    });
  }

  abort(): Coroutine<null> {
    return this._locked("Barrier.abort", () => {
      this._state = "broken";
      this._cond.notify_all();
    });
  }
}
