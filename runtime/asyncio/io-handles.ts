// Node handles (sockets, servers, child processes) that asyncio I/O opened for a loop. Node
// keeps a process alive while a handle is referenced; CPython exits when its program ends,
// whatever sockets are open. So a loop's handles are referenced only while the loop runs.

interface Referable {
  ref(): unknown;
  unref(): unknown;
}

const handlesOf = new WeakMap<object, Set<Referable>>();
const running = new WeakSet<object>();

/** Registers a handle of `loop`'s I/O (referenced only while the loop runs). */
export function holdHandle(loop: object, handle: Referable): void {
  let set = handlesOf.get(loop);
  if (set === undefined) handlesOf.set(loop, (set = new Set()));
  set.add(handle);
  if (!running.has(loop)) handle.unref();
}

/** Forgets a closed handle. */
export function releaseHandle(loop: object, handle: Referable): void {
  handlesOf.get(loop)?.delete(handle);
}

/** Called by the loop as it starts (true) and stops (false) running. */
export function loopRunning(loop: object, isRunning: boolean): void {
  if (isRunning) running.add(loop);
  else running.delete(loop);
  const set = handlesOf.get(loop);
  if (set === undefined) return;
  for (const handle of set) {
    if (isRunning) handle.ref();
    else handle.unref();
  }
}
