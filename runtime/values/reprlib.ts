// CPython's `reprlib.repr` (the module-level `aRepr` with its default limits): reprs cut to a
// size a log line can show. asyncio formats callback arguments with it ("Exception in callback
// f('aaaaaaaaaaaa...aaaaaaaaaaaaa')", handle and future reprs).

import { Dict } from "./dict.js";
import { repr } from "./repr.js";
import { FrozenSet, PySet } from "./set.js";
import { sorted } from "./sorting.js";
import { Tuple } from "./tuple.js";
import { typeName } from "./typename.js";

const FILL = "...";
const MAX_LEVEL = 6;
const MAX_ITEMS: Record<string, number> = { tuple: 6, list: 6, set: 6, frozenset: 6, deque: 6 };
const MAX_DICT = 4;
const MAX_STRING = 30;
const MAX_LONG = 40;
const MAX_OTHER = 30;

/** `s[:i] + '...' + s[len(s)-j:]` once `s` is longer than `limit` code points. */
function cut(s: string, limit: number): string {
  const points = Array.from(s);
  if (points.length <= limit) return s;
  const i = Math.max(0, Math.floor((limit - 3) / 2));
  const j = Math.max(0, limit - 3 - i);
  return points.slice(0, i).join("") + FILL + points.slice(points.length - j).join("");
}

/** `_possibly_sorted`: sorted when the items compare, else in iteration order. */
function possiblySorted(items: Iterable<unknown>): unknown[] {
  const list = [...items];
  try {
    return sorted(list);
  } catch {
    return list;
  }
}

function iterable(items: readonly unknown[], level: number, left: string, right: string, max: number, trail = ""): string {
  let body: string;
  if (level <= 0 && items.length > 0) body = FILL;
  else {
    const pieces = items.slice(0, max).map((item) => repr1(item, level - 1));
    if (items.length > max) pieces.push(FILL);
    body = pieces.join(", ");
    if (items.length === 1 && trail) right = trail + right;
  }
  return `${left}${body}${right}`;
}

function repr1(x: unknown, level: number): string {
  switch (typeName(x).split(/\s+/).join("_")) {
    case "str": {
      const text = x as string;
      const points = Array.from(text);
      let s = repr(points.slice(0, MAX_STRING).join(""));
      if (Array.from(s).length > MAX_STRING) {
        const i = Math.max(0, Math.floor((MAX_STRING - 3) / 2));
        const j = Math.max(0, MAX_STRING - 3 - i);
        const r = Array.from(repr(points.slice(0, i).join("") + points.slice(points.length - j).join("")));
        s = r.slice(0, i).join("") + FILL + r.slice(r.length - j).join("");
      }
      return s;
    }
    case "int":
      return typeof x === "bigint" || typeof x === "number" ? cut(repr(x), MAX_LONG) : cut(repr(x), MAX_OTHER);
    case "tuple":
      if (x instanceof Tuple) return iterable(x.items, level, "(", ")", MAX_ITEMS["tuple"]!, ",");
      break;
    case "list":
      if (Array.isArray(x)) return iterable(x, level, "[", "]", MAX_ITEMS["list"]!);
      break;
    case "set":
      if (x instanceof PySet) return x.size === 0 ? "set()" : iterable(possiblySorted(x), level, "{", "}", MAX_ITEMS["set"]!);
      break;
    case "frozenset":
      if (x instanceof FrozenSet) return x.size === 0 ? "frozenset()" : iterable(possiblySorted(x), level, "frozenset({", "})", MAX_ITEMS["frozenset"]!);
      break;
    case "deque":
      if (typeof (x as Iterable<unknown>)[Symbol.iterator] === "function") return iterable([...(x as Iterable<unknown>)], level, "deque([", "])", MAX_ITEMS["deque"]!);
      break;
    case "dict":
      if (x instanceof Dict) {
        if (x.size === 0) return "{}";
        if (level <= 0) return `{${FILL}}`;
        const keys = possiblySorted(x.keys());
        const pieces = keys.slice(0, MAX_DICT).map((k) => `${repr1(k, level - 1)}: ${repr1(x.get(k), level - 1)}`);
        if (keys.length > MAX_DICT) pieces.push(FILL);
        return `{${pieces.join(", ")}}`;
      }
      break;
  }
  return cut(repr(x), MAX_OTHER);
}

/** `reprlib.repr(x)`. */
export function limitedRepr(x: unknown): string {
  return repr1(x, MAX_LEVEL);
}
