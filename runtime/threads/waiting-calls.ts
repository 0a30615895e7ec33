// Implicit calls that wait (DESIGN.md §7). In a threaded program a function reaching a thread
// switch is async; when the runtime or a JS construct calls it implicitly (a constructor
// running `__init__`, a property's getter or setter, a dunder behind an operator) the promise it
// returns is handed to the caller, which the lowering awaits where the Python call stood.

/** An instance whose `__init__` is still running (it waits): the promise of its end. */
const PENDING_INIT: unique symbol = Symbol("pyts.pendingInit");

type Pending = { [PENDING_INIT]?: PromiseLike<unknown> };

/**
 * A JS constructor whose `__init__` waits: after `super(...)`, the rest of the body runs as an
 * async function (at once, up to its first wait), after the base's own `__init__` ended when
 * that one waits too. The instance keeps the promise of its end for `initialized`.
 */
export function pendingInit(self: object, rest: () => Promise<unknown>): void {
  const target = self as Pending;
  const base = target[PENDING_INIT];
  const done = base === undefined ? rest() : Promise.resolve(base).then(rest);
  target[PENDING_INIT] = done;
}

/** `__init__` run as a method returned a promise (it waits): the instance keeps it. */
export function notePendingInit(self: object, result: unknown): void {
  if (result instanceof Promise) (self as Pending)[PENDING_INIT] = result;
}

/**
 * The value of a class call whose `__init__` may wait: the instance once its `__init__` has
 * ended (a promise then), else the instance itself.
 */
export function initialized<T>(instance: T): T | Promise<T> {
  if (instance === null || typeof instance !== "object") return instance;
  const pending = (instance as Pending)[PENDING_INIT];
  if (pending === undefined) return instance;
  delete (instance as Pending)[PENDING_INIT];
  return Promise.resolve(pending).then(() => instance);
}
