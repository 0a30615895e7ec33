// The class body of an enumeration as CPython's `_EnumDict` sees it: each assignment of a
// member-to-be passes its value through `memberValue`, which resolves `auto()` (alone or inside
// a tuple) with the class's `_generate_next_value_` at that point, so later statements of the
// body see the value (`WHITE = RED | GREEN | BLUE`); `_ignore_` names are left out.
import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { add } from "../values/arithmetic.js";
import { eq, lt } from "../values/compare.js";

/** `enum.auto(value=_auto_null)`: a value the class body resolves. */
export class AutoValue {
  static readonly pythonName = "auto";
  static readonly __module__ = "enum";
  constructor(public value: unknown = AUTO_NULL) {}
  __repr__(): string {
    return `auto(${this.value === AUTO_NULL ? "_auto_null" : String(this.value)})`;
  }
}

/** CPython's `_auto_null`: an `auto()` not resolved yet. */
export const AUTO_NULL = Symbol("pyts.enum.autoNull");

/** What the body has bound so far: member names, the values for `_generate_next_value_`, `_ignore_`. */
export interface BodyState {
  names: string[];
  lastValues: unknown[];
  ignore: string[];
}

export const BODY = Symbol.for("pyts.enum.body");

export function bodyState(cls: object): BodyState {
  if (Object.hasOwn(cls, BODY)) return (cls as { [BODY]: BodyState })[BODY];
  const state: BodyState = { names: [], lastValues: [], ignore: [] };
  Object.defineProperty(cls, BODY, { value: state });
  return state;
}

/** `_sunder_`, `__dunder__` and `_Cls__private` names never become members. */
export function isMemberName(cls: object, name: string): boolean {
  if (name.length > 2 && name.startsWith("_") && name.endsWith("_")) return false;
  const pyName = String((cls as { __name__?: unknown }).__name__ ?? (cls as Function).name).replace(/^_+/, "");
  if (name.startsWith(`_${pyName}__`) && !name.endsWith("__")) return false;
  return true;
}

/** The class's `_generate_next_value_`: a def of the body (implicitly static, so `name` arrives as `this`) or a staticmethod. */
export function generator(cls: any): (name: string, start: unknown, count: bigint, last: unknown[]) => unknown {
  // A plain def in an enum body is lowered as a method: its first parameter is the receiver.
  for (let c = cls; c !== null && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, "_generate_next_value_")) return (...a) => c._generate_next_value_(...a);
    const proto = c.prototype;
    if (proto !== undefined && Object.hasOwn(proto, "_generate_next_value_")) {
      const fn = proto._generate_next_value_ as (this: unknown, ...rest: unknown[]) => unknown;
      return (name, ...rest) => fn.call(name, ...rest);
    }
  }
  return defaultGenerate;
}

/** `Enum._generate_next_value_`: the last value plus one (3.11). */
export function defaultGenerate(_name: string, start: unknown, _count: bigint, last: unknown[]): unknown {
  if (last.length === 0) return start;
  const final = last[last.length - 1];
  let max = last[0];
  try {
    for (const v of last) if (lt(max, v)) max = v;
    if (eq(final, max)) return add(final, 1n);
  } catch {
    // (values that do not compare: the old method)
  }
  for (const v of [...last].reverse()) {
    try {
      return add(v, 1n);
    } catch {
      // (try the one before)
    }
  }
  return start;
}

/** `Flag._generate_next_value_`: the next power of two above the highest value. */
export function flagGenerate(_name: string, start: unknown, count: bigint, last: unknown[]): unknown {
  if (!count) return start ?? 1n;
  let max = last[0];
  for (const v of last) if (lt(max, v)) max = v;
  if (typeof max !== "bigint" && typeof max !== "boolean") throw new PyTypeError(`invalid flag value ${String(max)}`);
  const n = BigInt(max);
  const highBit = n <= 0n ? -1 : n.toString(2).length - 1;
  return 1n << BigInt(highBit + 1);
}

/** `StrEnum._generate_next_value_`: the member's name, lower-cased. */
export function strGenerate(name: string): unknown {
  return name.toLowerCase();
}

/** One assignment `name = value` of an enumeration's body: the value it binds. */
function isDescriptorValue(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const found = value as { __get__?: unknown; __set__?: unknown; __delete__?: unknown };
  return found.__get__ !== undefined || found.__set__ !== undefined || found.__delete__ !== undefined;
}

export function memberValue(cls: any, name: string, value: unknown): unknown {
  const state = bodyState(cls);
  if (name === "_ignore_") {
    state.ignore = typeof value === "string" ? value.replace(/,/g, " ").split(/\s+/).filter(Boolean) : [...(value as Iterable<string>)];
    return value;
  }
  if (!isMemberName(cls, name) || state.ignore.includes(name) || typeof value === "function") return value;
  // (a descriptor, `label = enum.property(...)`, is no member, as CPython's _is_descriptor says)
  if (isDescriptorValue(value)) return value;
  if ((value as { constructor?: { pythonName?: string } } | null)?.constructor?.pythonName === "nonmember") return value;
  let inner = value;
  const marked = (value as { constructor?: { pythonName?: string } } | null)?.constructor?.pythonName === "member";
  if (marked) inner = (value as { value: unknown }).value;
  let single = false;
  let nonAuto = true;
  if (inner instanceof AutoValue) {
    single = true;
    inner = Tuple.of(inner);
  }
  if (inner instanceof Tuple && inner.constructor === Tuple && inner.items.some((v) => v instanceof AutoValue)) {
    const resolved: unknown[] = [];
    for (let v of inner.items) {
      if (v instanceof AutoValue) {
        nonAuto = false;
        if (v.value === AUTO_NULL) v.value = generator(cls)(name, 1n, BigInt(state.names.length), [...state.lastValues]);
        v = v.value;
        state.lastValues.push(v);
      }
      resolved.push(v);
    }
    inner = single ? resolved[0] : Tuple.from(resolved);
  }
  state.names.push(name);
  if (nonAuto) state.lastValues.push(inner);
  if (marked) (value as { value: unknown }).value = inner;
  return marked ? value : inner;
}

/**
 * The `__new__` an enumeration's body (or an enumeration it derives from) defines, which makes
 * each member (the docs' Coordinate and AutoNumber examples); undefined when the members are
 * made as usual. (A runtime enumeration or value base stops the search.)
 */
export function memberNew(cls: any): ((this: unknown, ...args: unknown[]) => unknown) | undefined {
  for (let c = cls; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, MIXED_ENUM_KEY) || Object.hasOwn(c, PYTHON_TYPE_KEY) || (c as { __module__?: unknown }).__module__ === "enum") return undefined;
    if (Object.hasOwn(c, "__new__") && typeof c.__new__ === "function") return c.__new__ as (this: unknown, ...args: unknown[]) => unknown;
  }
  return undefined;
}

const MIXED_ENUM_KEY = Symbol.for("pyts.enum.mixed");
const PYTHON_TYPE_KEY = Symbol.for("pyts.pythonType");
