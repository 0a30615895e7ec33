// Collecting weakly referenced objects when the program asks for it (gc.collect()), so that
// their weakref callbacks and finalizers run there, as CPython's do in its collection.
// V8 alone cannot: it keeps the target of a WeakRef made or read during the running job alive
// until the job ends, and a synchronous program is one job. So a sweep ends those "kept"
// objects as a microtask checkpoint does (running an empty script in a context of its own
// whose microtasks run after each evaluation), asks V8 for a full collection (its `gc`,
// exposed through the flag), then calls the callbacks of the watched objects that are gone,
// object by object and each object's newest first, as CPython's collector does. Only what V8
// finds unreachable is collected, so nothing still referenced is ever lost. V8's interpreter
// keeps the running functions' temporaries in their frames until overwritten, so an object
// one of them last held may survive a sweep until a later one. (A sweep at each `del` was
// tried: for that reason, whether the object was found unreachable there depended on the
// statements before it.)

import { nodeModule, nodeProcess } from "../core/host.js";

interface Watch {
  readonly target: WeakRef<object>;
  /** the order its object was first watched in (CPython's collector goes object by object) */
  readonly objectOrder: number;
  fire: (() => void) | null;
}

const objectOrders = new WeakMap<object, number>();
let nextObjectOrder = 0;

/** Callbacks waiting for their object to go, in registration order. */
const watches = new Set<Watch>();
/** Whether the program has made a weak reference (before that, a sweep has nothing to do). */
let anyWeak = false;
const registry = new FinalizationRegistry<Watch>((watch) => runWatch(watch));

function runWatch(watch: Watch): void {
  watches.delete(watch);
  const fire = watch.fire;
  if (fire === null) return;
  watch.fire = null;
  fire();
}

/** Calls `fire` once `obj` is collected (at a sweep, or whenever V8 collects it). */
export function whenCollected(obj: object, fire: () => void): { cancel(): void } {
  let objectOrder = objectOrders.get(obj);
  if (objectOrder === undefined) objectOrders.set(obj, (objectOrder = nextObjectOrder++));
  const watch: Watch = { target: new WeakRef(obj), objectOrder, fire };
  watches.add(watch);
  anyWeak = true;
  registry.register(obj, watch, watch);
  return {
    cancel(): void {
      watch.fire = null;
      watches.delete(watch);
      registry.unregister(watch);
    },
  };
}

/** Notes that the program has weak references (refs without callbacks, weak collections): sweeps have work then. */
export function noteWeaklyReferenced(_obj: object): void {
  anyWeak = true;
}

type Collector = { gc: () => void; endJob: () => void };
let collector: Collector | null | undefined;

function getCollector(): Collector | null {
  if (collector !== undefined) return collector;
  collector = null;
  if (nodeProcess() === undefined) return null;
  try {
    const v8 = nodeModule("node:v8");
    const vm = nodeModule("node:vm");
    let gc = (globalThis as { gc?: () => void }).gc;
    if (typeof gc !== "function") {
      v8.setFlagsFromString("--expose-gc");
      gc = vm.runInNewContext("gc") as () => void;
    }
    const context = vm.createContext({}, { microtaskMode: "afterEvaluate" });
    const checkpoint = new vm.Script("0");
    collector = { gc, endJob: () => void checkpoint.runInContext(context) };
  } catch {
    collector = null;
  }
  return collector;
}

/** Collects what is unreachable now and runs the callbacks of the watched objects among it. */
export function sweep(): void {
  if (!anyWeak) return;
  const c = getCollector();
  if (c === null) return;
  c.endJob();
  c.gc();
  const gone: Watch[] = [];
  for (const watch of watches) if (watch.target.deref() === undefined) gone.push(watch);
  // object by object, the oldest first; an object's callbacks the newest first
  const order = gone.map((watch, at) => ({ watch, at }));
  order.sort((x, y) => x.watch.objectOrder - y.watch.objectOrder || y.at - x.at);
  for (const { watch } of order) {
    registry.unregister(watch);
    runWatch(watch);
  }
}
