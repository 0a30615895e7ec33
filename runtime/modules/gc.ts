// Python's `gc`, answered honestly for a JavaScript heap: V8 collects on its own schedule and
// has no generations to count or objects to list, so `collect()` has V8 collect (once the
// program has weak references: weakref-sweep.ts, whose callbacks and finalizers then run) and
// reports 0 unreachable objects found (pyts cannot count them);
// `enable`/`disable`/`isenabled`, thresholds, debug flags and freeze keep CPython's state and
// return values without changing V8's collector. get_objects/get_referents/get_referrers walk
// the objects reachable from the imported modules (gc-referents.ts).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { Tuple } from "../values/tuple.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";
import { get_objects, get_referents, get_referrers } from "./gc-referents.js";
import { sweep } from "./weakref-sweep.js";

const isContainer = (x: unknown): boolean => typeof x === "function" || (x !== null && typeof x === "object" && !(x instanceof Bytes));

/**
 * CPython untracks a dict holding only atoms, and a tuple holding only untracked objects (a
 * constant at compile time, any other at its first collection).
 */
function isTracked(x: unknown): boolean {
  if (x instanceof Dict) return [...x.entries()].some(([k, v]) => isContainer(k) || isContainer(v));
  if (x instanceof Tuple) return Array.from(x as Iterable<unknown>).some(isTracked);
  return isContainer(x);
}

let enabled = true;
let debugFlags = 0n;
let thresholds: [bigint, bigint, bigint] = [700n, 10n, 10n];
let frozen = 0n;

/** `gc.callbacks`: called with ("start", info) and ("stop", info) around each collection. */
const callbacks: unknown[] = [];
/** Collections the program asked for, per generation (V8's own are not seen). */
const collections = [0n, 0n, 0n];

function collect(generation: unknown = 2n): bigint {
  if (typeof generation !== "bigint") throw new PyTypeError(`'${typeof generation === "number" ? "float" : "str"}' object cannot be interpreted as an integer`);
  if (generation < 0n || generation > 2n) throw new ValueError("invalid generation");
  const info = (): Dict<string, bigint> => Dict.of(["generation", generation], ["collected", 0n], ["uncollectable", 0n]);
  for (const callback of [...callbacks]) callValue(callback, "start", info());
  sweep();
  collections[Number(generation)]!++;
  for (const callback of [...callbacks]) callValue(callback, "stop", info());
  return 0n;
}

/** `gc.get_stats()`: per generation, the collections counted above and nothing collected. */
function get_stats(): Dict<string, bigint>[] {
  return collections.map((n) => Dict.of(["collections", n], ["collected", 0n], ["uncollectable", 0n]));
}

function set_threshold(...values: unknown[]): null {
  const given = values.map((v) => v as bigint);
  thresholds = [given[0] ?? thresholds[0], given[1] ?? thresholds[1], given[2] ?? thresholds[2]];
  return null;
}

export const gcModule = moduleObject("gc", {
  DEBUG_STATS: 1n,
  DEBUG_COLLECTABLE: 2n,
  DEBUG_UNCOLLECTABLE: 4n,
  DEBUG_SAVEALL: 32n,
  DEBUG_LEAK: 38n,
  garbage: [] as unknown[],
  callbacks,
  collect,
  get_stats,
  enable: (): null => {
    enabled = true;
    return null;
  },
  disable: (): null => {
    enabled = false;
    return null;
  },
  isenabled: (): boolean => enabled,
  /** No allocation counts on a JS heap: zero in each generation. */
  get_count: (): Tuple => Tuple.of(0n, 0n, 0n),
  get_threshold: (): Tuple => Tuple.of(...thresholds),
  set_threshold,
  get_debug: (): bigint => debugFlags,
  set_debug: (flags: unknown): null => {
    debugFlags = flags as bigint;
    return null;
  },
  freeze: (): null => {
    frozen = 0n;
    return null;
  },
  unfreeze: (): null => {
    frozen = 0n;
    return null;
  },
  get_freeze_count: (): bigint => frozen,
  /**
   * Whether CPython's collector would track `x`: containers and functions are tracked, atoms
   * (numbers, strings, None) are not, nor a dict holding only atoms.
   */
  is_tracked: (x: unknown): boolean => isTracked(x),
  is_finalized: (_x: unknown): boolean => false,
  get_objects,
  get_referents,
  get_referrers,
});
