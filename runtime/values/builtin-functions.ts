// Python's built-in functions (besides the type constructors in builtin-types.ts).

import { builtinOverrides } from "./builtin-overrides.js";
import { NotImplemented } from "./singletons.js";
import { isWrapped, unwrap } from "./wrapped.js";
import { StdinStream, stdinHolder } from "./stdin.js";
import { overridden } from "./overrides.js";
import { withManyArgs } from "../lang/spread-call.js";
import { callMethod } from "./methods.js";
import { floatDivmod, intFloorDiv, intMod, power as powOp } from "./arithmetic.js";
import { asciiRepr } from "./ascii.js";
import { defineType, isPyTypeObject, type PyTypeObject } from "./builtin-type.js";
import { NoneType, runtimeClassOf, typeOf } from "./builtin-types.js";
import type { str } from "./repr.js";
import { GenericAlias } from "./subscript.js";
import { UnionType } from "./union-type.js";
import { lt, gt } from "./compare.js";
import { Dict } from "./dict.js";
import { EOFError, OverflowError, PyTypeError, RuntimeError, ValueError, ZeroDivisionError } from "./exceptions.js";
import { fixedDigits } from "./float-format.js";
import { pyHash, valueIdentity } from "./hashing.js";
import { Range } from "./range.js";
import { iteratorClass, iter, iterable, jsIterator, PyIterator } from "./iteration.js";
import { splitKw } from "./kwargs.js";
import { isIntLike, isNumeric, toBigInt } from "./numeric.js";
import { standardStreams } from "./print.js";
import { toStr } from "./repr.js";
import { add } from "./arithmetic.js";
import { AbstractSet } from "./set.js";
import { truthy } from "./truth.js";
import { Tuple } from "./tuple.js";
import { strLength } from "./str-index.js";
import { SMALL_BIGINTS, SMALL_COUNT } from "./small-bigints.js";
import { holdsDunders, isClass, qualName, typeName } from "./typename.js";
import { isMetaclass } from "../lang/type-base.js";
import { callValue } from "../modules/pycall.js";
import { callKey } from "./sorting.js";
export { sorted } from "./sorting.js";

export function ascii(x: unknown): string {
  return asciiRepr(x);
}

/** Python's `len(x)`, as an int. */
export function len(x: unknown): bigint {
  if (typeof x === "object" && x !== null && overridden(x, "__len__")) return lenOf(x);
  return builtinLen(x);
}

/** `len(x)` as the built-in type answers it. */
export function builtinLen(x: unknown): bigint {
  if (typeof x === "string") return intOfLength(strLength(x));
  if (Array.isArray(x) || x instanceof Uint8Array || x instanceof Tuple) return intOfLength(x.length);
  if (x instanceof Dict || x instanceof AbstractSet) return intOfLength(x.size);
  if (x !== null && (typeof x === "object" || typeof x === "function")) return lenOf(x);
  throw new PyTypeError(`object of type '${typeName(x)}' has no len()`);
}

/** A length as an int: a small one from the shared small ints (V8 allocates each new bigint). */
function intOfLength(n: number): bigint {
  return n < SMALL_COUNT ? SMALL_BIGINTS[n]! : BigInt(n);
}

/** `len(x)` by the object's `__len__`. */
function lenOf(x: object): bigint {
  const m = (x as { __len__?: () => unknown }).__len__;
  if (typeof m !== "function") throw new PyTypeError(`object of type '${typeName(x)}' has no len()`);
  const n = m.call(x);
  if (!isIntLike(n)) throw new PyTypeError(`'${typeName(n)}' object cannot be interpreted as an integer`);
  if (toBigInt(n) < 0n) throw new ValueError("__len__() should return >= 0");
  return toBigInt(n);
}

export function abs(x: unknown): any {
  if (typeof x === "number") return Math.abs(x);
  if (isIntLike(x)) {
    const n = toBigInt(x);
    return n < 0n ? -n : n;
  }
  const m = (x as { __abs__?: () => unknown } | null)?.__abs__;
  if (holdsDunders(x) && typeof m === "function") return m.call(x);
  throw new PyTypeError(`bad operand type for abs(): '${typeName(x)}'`);
}

/** A callable the program passed in (a function, a class, an object with `__call__`). */
function call(f: unknown, ...args: unknown[]): any {
  return callValue(f, ...args);
}

function extreme(name: "min" | "max", args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  const key = kws["key"] ?? null;
  const better = name === "min" ? lt : gt;
  let items: Iterable<unknown>;
  if (pos.length === 0) throw new PyTypeError(`${name} expected at least 1 argument, got 0`);
  // (by name, min and max take only `key` and `default`)
  for (const keyword of Object.keys(kws)) if (keyword !== "key" && keyword !== "default") throw new PyTypeError(`'${keyword}' is an invalid keyword argument for ${name}()`);
  if (pos.length === 1) items = iterable(pos[0]);
  else {
    if ("default" in kws) {
      throw new PyTypeError(`Cannot specify a default for ${name}() with multiple positional arguments`);
    }
    items = pos;
  }
  let found = false;
  let best: unknown;
  let bestKey: unknown;
  for (const item of items) {
    const k = key === null ? item : callKey(key, item);
    if (!found || better(k, bestKey)) {
      best = item;
      bestKey = k;
      found = true;
    }
  }
  if (!found) {
    if ("default" in kws) return kws["default"];
    throw new ValueError(`${name}() arg is an empty sequence`);
  }
  return best;
}

export function min(...args: unknown[]): any {
  return extreme("min", args);
}
export function max(...args: unknown[]): any {
  return extreme("max", args);
}
// `min(*xs)` / `max(*xs)` / `zip(*rows)` of any length (see spreadCall).
withManyArgs(min, (args) => extreme("min", args));
withManyArgs(max, (args) => extreme("max", args));

export function sum(...args: unknown[]): any {
  const [pos, kws] = splitKw(args);
  let total: unknown = pos.length > 1 ? pos[1] : (kws["start"] ?? 0n);
  if (typeof total === "string") throw new PyTypeError("sum() can't sum strings [use ''.join(seq) instead]");
  for (const item of iterable(pos[0])) total = add(total, item);
  return total;
}

export function reversed(x: unknown): PyIterator<any> {
  if (Array.isArray(x) || typeof x === "string" || x instanceof Tuple || x instanceof Uint8Array) {
    const items = typeof x === "string" || x instanceof Uint8Array ? Array.from(iterable(x)) : Array.isArray(x) ? x.slice() : x.items.slice();
    return new (iteratorClass(Array.isArray(x) ? "list_reverseiterator" : "reversed"))(items.reverse()[Symbol.iterator](), items);
  }
  if (x instanceof Range) {
    // `reversed(range(...))` is a range_iterator counting down, as CPython's range_reverse
    const n = x.length;
    return new (iteratorClass("range_iterator"))(new Range(x.start + (n - 1n) * x.step, x.start - x.step, -x.step)[Symbol.iterator]());
  }
  const obj = x as { __reversed__?: () => unknown; __len__?: () => unknown; __getitem__?: (i: bigint) => unknown };
  if (obj !== null && typeof obj === "object") {
    if (typeof obj.__reversed__ === "function") return iter(obj.__reversed__());
    if (typeof obj.__len__ === "function" && typeof obj.__getitem__ === "function") {
      const n = len(obj);
      return new (iteratorClass("reversed"))((function* () {
        for (let i = n - 1n; i >= 0n; i--) yield obj.__getitem__!(i);
      })());
    }
  }
  if (x instanceof Dict) {
    const keys = [...x.keys()].reverse();
    return new (iteratorClass("dict_reversekeyiterator"))(keys[Symbol.iterator](), keys);
  }
  // A class whose type defines `__reversed__` (an Enum class).
  if (typeof x === "function" && typeof obj.__reversed__ === "function") return iter(obj.__reversed__.call(x));
  throw new PyTypeError(`'${typeName(x)}' object is not reversible`);
}

/**
 * `enumerate(iterable, start=0)` bound as CPython 3.11's own vectorcall binds it (not its
 * generic parser): by the count of arguments first, then the names of the keywords.
 */
function enumerateArguments(args: unknown[]): [unknown, unknown] {
  const [pos, kws] = splitKw(args);
  const names = Object.keys(kws);
  const expect = (index: number, name: string): void => {
    if (names[index] !== name) throw new PyTypeError(`'${names[index]}' is an invalid keyword argument for enumerate()`);
  };
  const total = pos.length + names.length;
  if (total === 2) {
    if (names.length === 1) expect(0, "start");
    else if (names.length === 2 && names[0] === "start") expect(1, "iterable");
    else if (names.length === 2) {
      expect(0, "iterable");
      expect(1, "start");
    }
    return [pos.length > 0 ? pos[0] : kws["iterable"], pos.length > 1 ? pos[1] : kws["start"]];
  }
  if (total === 1) {
    if (names.length === 1) expect(0, "iterable");
    return [pos.length > 0 ? pos[0] : kws["iterable"], 0n];
  }
  if (pos.length === 0) throw new PyTypeError("enumerate() missing required argument 'iterable'");
  throw new PyTypeError(`enumerate() takes at most 2 arguments (${total} given)`);
}

export function enumerate(...args: unknown[]): PyIterator<any> {
  const [iterable, start] = enumerateArguments(args);
  if (!isIntLike(start)) throw new PyTypeError(`'${typeName(start)}' object cannot be interpreted as an integer`);
  const it = jsIterator(iterable);
  return new (iteratorClass("enumerate"))((function* () {
    let i = toBigInt(start);
    for (let r = it.next(); !r.done; r = it.next()) yield Tuple.of(i++, r.value);
  })());
}

export function zip(...args: unknown[]): PyIterator<any> {
  return zipAll(args);
}
withManyArgs(zip, zipAll);

function zipAll(args: unknown[]): PyIterator<any> {
  const [pos, kws] = splitKw(args);
  const strict = truthy(kws["strict"]);
  const its = pos.map(jsIterator);
  return new (iteratorClass("zip"))((function* () {
    if (its.length === 0) return;
    for (;;) {
      const row: unknown[] = [];
      for (let i = 0; i < its.length; i++) {
        const r = its[i]!.next();
        if (r.done) {
          if (strict && (i > 0 || its.slice(1).some((o) => !o.next().done))) {
            throw new ValueError(`zip() argument ${i > 0 ? i + 1 : 2} is ${i > 0 ? "shorter" : "longer"} than argument${i > 1 ? "s 1-" + i : " 1"}`);
          }
          return;
        }
        row.push(r.value);
      }
      yield Tuple.from(row);
    }
  })());
}

export function map(f: unknown, ...sources: unknown[]): PyIterator<any> {
  const its = sources.map(jsIterator);
  return new (iteratorClass("map"))((function* () {
    for (;;) {
      const row: unknown[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) return;
        row.push(r.value);
      }
      yield call(f, ...row);
    }
  })());
}

export function filter(f: unknown, source: unknown): PyIterator<any> {
  const it = jsIterator(source);
  return new (iteratorClass("filter"))((function* () {
    for (let r = it.next(); !r.done; r = it.next()) {
      if (f === null || f === undefined ? truthy(r.value) : truthy(call(f, r.value))) yield r.value;
    }
  })());
}

// The iterator types named like the builtins that make them: `print(map)` shows
// `<class 'map'>`, `type(zip(a, b))` is `zip`, `isinstance(it, enumerate)` holds.
for (const [maker, name] of [[enumerate, "enumerate"], [zip, "zip"], [map, "map"], [filter, "filter"], [reversed, "reversed"]] as const) {
  defineType(maker, name, (x) => x instanceof iteratorClass(name));
}

export function any(x: unknown): boolean {
  for (const item of iterable(x)) if (truthy(item)) return true;
  return false;
}
export function all(x: unknown): boolean {
  for (const item of iterable(x)) if (!truthy(item)) return false;
  return true;
}

function roundHalfEven(n: bigint, unit: bigint): bigint {
  const q = intFloorDiv(n, unit);
  const r = n - q * unit;
  const twice = 2n * r;
  if (twice > unit || (twice === unit && q % 2n !== 0n)) return (q + 1n) * unit;
  return q * unit;
}

/** Python's round(x[, ndigits]): half-even on the exact value. */
export function round(x: unknown, ndigits: unknown = null): any {
  if (typeof x === "number") {
    if (ndigits === null || ndigits === undefined) {
      if (!Number.isFinite(x)) {
        throw Number.isNaN(x) ? new ValueError("cannot convert float NaN to integer") : new OverflowError("cannot convert float infinity to integer");
      }
      const text = fixedDigits(x, 0);
      return BigInt(x < 0 || Object.is(x, -0) ? "-" + text : text);
    }
    if (!Number.isFinite(x)) return x;
    const n = Number(toBigInt(ndigits as bigint));
    // The result keeps x's sign, -0.0 included (round(-0.0, 2) is -0.0).
    const negative = x < 0 || Object.is(x, -0);
    if (n >= 0) {
      const r = Number(fixedDigits(Math.abs(x), Math.min(n, 400)));
      return negative ? -r : r;
    }
    const unit = 10 ** -n;
    const r = Number(roundHalfEven(BigInt(Math.trunc(Math.abs(x))), BigInt(unit)));
    return negative ? -r : r;
  }
  if (isIntLike(x)) {
    const n = toBigInt(x);
    if (ndigits === null || ndigits === undefined) return n;
    const d = toBigInt(ndigits as bigint);
    return d >= 0n ? n : roundHalfEven(n, 10n ** -d);
  }
  const m = (x as { __round__?: (n?: unknown) => unknown } | null)?.__round__;
  if (holdsDunders(x) && typeof m === "function") {
    return ndigits === null || ndigits === undefined ? m.call(x) : m.call(x, ndigits);
  }
  throw new PyTypeError(`type ${typeName(x)} doesn't define __round__ method`);
}


export function divmod(a: unknown, b: unknown): Tuple {
  if (isIntLike(a) && isIntLike(b)) {
    const x = toBigInt(a);
    const y = toBigInt(b);
    return Tuple.of(intFloorDiv(x, y), intMod(x, y, "integer division or modulo by zero"));
  }
  if (isNumeric(a) && isNumeric(b)) {
    const x = typeof a === "number" ? a : Number(toBigInt(a));
    const y = typeof b === "number" ? b : Number(toBigInt(b));
    if (y === 0) throw new ZeroDivisionError("float divmod()");
    const [q, r] = floatDivmod(x, y);
    return Tuple.of(q, r);
  }
  const m = (a as { __divmod__?: (b: unknown) => unknown } | null)?.__divmod__;
  if (a !== null && typeof a === "object" && typeof m === "function") {
    const r = m.call(a, b);
    if (r !== NotImplemented) return r as Tuple;
  }
  const rm = (b as { __rdivmod__?: (a: unknown) => unknown } | null)?.__rdivmod__;
  if (b !== null && typeof b === "object" && typeof rm === "function") {
    const r = rm.call(b, a);
    if (r !== NotImplemented) return r as Tuple;
  }
  // A subclass of int/float against a plain number: the plain number's own divmod.
  if ((isWrapped(a) || isWrapped(b)) && isNumeric(unwrap(a)) && isNumeric(unwrap(b))) return divmod(unwrap(a), unwrap(b));
  throw new PyTypeError(`unsupported operand type(s) for divmod(): '${typeName(a)}' and '${typeName(b)}'`);
}

export function pow(base: unknown, exp: unknown, modulus: unknown = null): any {
  if (modulus === null || modulus === undefined) return powOp(base, exp);
  // A type with a three-argument __pow__ (decimal.Decimal) computes it itself.
  const ternary = (base as { __pow__?: (e: unknown, m: unknown) => unknown } | null)?.__pow__;
  if (typeof base === "object" && base !== null && typeof ternary === "function") {
    const r = ternary.call(base, exp, modulus);
    if (r !== NotImplemented) return r;
  }
  if (!isIntLike(base) || !isIntLike(exp) || !isIntLike(modulus)) {
    // (float's power refuses a modulus; with a value no number type takes, none computes it)
    if (![base, exp, modulus].every((x) => isIntLike(x) || typeof x === "number")) {
      throw new PyTypeError(`unsupported operand type(s) for ** or pow(): '${typeName(base)}', '${typeName(exp)}', '${typeName(modulus)}'`);
    }
    throw new PyTypeError("pow() 3rd argument not allowed unless all arguments are integers");
  }
  let m = toBigInt(modulus);
  if (m === 0n) throw new ValueError("pow() 3rd argument cannot be 0");
  const negativeModulus = m < 0n;
  if (negativeModulus) m = -m;
  let b = intMod(toBigInt(base), m);
  let e = toBigInt(exp);
  if (e < 0n) {
    b = modInverse(b, m);
    e = -e;
  }
  let result = 1n % m;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return negativeModulus && result !== 0n ? result - m : result;
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new ValueError("base is not invertible for the given modulus");
  return intMod(oldS, m);
}

export function chr(i: unknown): string {
  if (!isIntLike(i)) throw new PyTypeError(`'${typeName(i)}' object cannot be interpreted as an integer`);
  const n = toBigInt(i);
  if (n < -(2n ** 31n) || n >= 2n ** 31n) throw new OverflowError("Python int too large to convert to C int");
  if (n < 0n || n > 0x10ffffn) throw new ValueError("chr() arg not in range(0x110000)");
  return String.fromCodePoint(Number(n));
}

export function ord(c: unknown): bigint {
  if (typeof c === "string") {
    const chars = Array.from(c);
    if (chars.length !== 1) throw new PyTypeError(`ord() expected a character, but string of length ${chars.length} found`);
    return BigInt(c.codePointAt(0)!);
  }
  if (c instanceof Uint8Array) {
    if (c.length !== 1) throw new PyTypeError(`ord() expected a character, but string of length ${c.length} found`);
    return BigInt(c[0]!);
  }
  throw new PyTypeError(`ord() expected string of length 1, but ${typeName(c)} found`);
}

function radixText(x: unknown, radix: number, prefix: string): string {
  let n: bigint | undefined;
  if (isIntLike(x)) n = toBigInt(x);
  else {
    const m = (x as { __index__?: () => unknown } | null)?.__index__;
    if (x !== null && typeof x === "object" && typeof m === "function") n = toBigInt(m.call(x) as bigint);
  }
  if (n === undefined) throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
  return (n < 0n ? "-" : "") + prefix + (n < 0n ? -n : n).toString(radix);
}
export const hex = (x: unknown): string => radixText(x, 16, "0x");
export const oct = (x: unknown): string => radixText(x, 8, "0o");
export const bin = (x: unknown): string => radixText(x, 2, "0b");

function instanceOfOne(x: unknown, cls: unknown): boolean {
  if (cls instanceof UnionType) {
    if (cls.members.some((m) => m instanceof GenericAlias)) throw new PyTypeError("isinstance() argument 2 cannot be a parameterized generic");
    return cls.members.some((m) => instanceOfOne(x, m === null ? NoneType : m));
  }
  if (isPyTypeObject(cls)) {
    if ((cls as PyTypeObject).__instancecheck__(x)) return true;
    const runtime = runtimeClassOf(cls);
    return typeof runtime === "function" && x instanceof runtime;
  }
  if (typeof cls === "function") {
    const check = (cls as { __instancecheck__?: (x: unknown) => unknown }).__instancecheck__;
    if (typeof check === "function") return truthy(check.call(cls, x));
    return x instanceof cls;
  }
  // An object whose type defines `__instancecheck__` (typing's aliases and special forms).
  const hook = cls !== null && typeof cls === "object" ? (cls as { __instancecheck__?: unknown }).__instancecheck__ : undefined;
  if (typeof hook === "function") return truthy(hook.call(cls, x));
  throw new PyTypeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
}

/** Python's isinstance(x, cls_or_tuple). (`isinstance(v, str)` narrows `v` for TS too: every JS string is a str.) */
export function isinstance(x: unknown, cls: typeof str): x is string;
export function isinstance(x: unknown, cls: unknown): boolean;
export function isinstance(x: unknown, cls: unknown): boolean {
  if (cls instanceof Tuple) return cls.items.some((c) => isinstance(x, c));
  return instanceOfOne(x, cls);
}

/** Python's issubclass(a, cls_or_tuple). */
export function issubclass(a: unknown, cls: unknown): boolean {
  if (cls instanceof Tuple) return cls.items.some((c) => issubclass(a, c));
  if (cls instanceof UnionType) return cls.members.some((m) => issubclass(a, m === null ? NoneType : m));
  if (!isClass(a)) throw new PyTypeError("issubclass() arg 1 must be a class");
  if (a === cls) return true;
  const objectHook = cls !== null && typeof cls === "object" ? (cls as { __subclasscheck__?: unknown }).__subclasscheck__ : undefined;
  if (typeof objectHook === "function") return truthy(objectHook.call(cls, a));
  // An ABC's own check (collections.abc: registered and structural subclasses).
  const check = typeof cls === "function" ? (cls as { __subclasscheck__?: unknown }).__subclasscheck__ : undefined;
  if (typeof check === "function") return truthy(check.call(cls, a));
  if (isPyTypeObject(cls)) {
    if (cls.__name__ === "object" || (cls.__name__ === "type" && isMetaclass(a))) return true;
    for (let t: PyTypeObject | null = isPyTypeObject(a) ? a : null; t; t = t.__base__) if (t === cls) return true;
    // (a module's class exported through pyClass is its own runtime class)
    const runtime = runtimeClassOf(cls) ?? (typeof (cls as { prototype?: unknown }).prototype === "object" ? cls : undefined);
    return typeof runtime === "function" && (a as { prototype?: unknown }).prototype instanceof runtime;
  }
  if (typeof cls !== "function") throw new PyTypeError("issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return (a as { prototype?: unknown }).prototype instanceof cls;
}

/** Python's id(): a stable number per object; equal primitives share one. */
export function id(x: unknown): bigint {
  return valueIdentity(x);
}

export function hash(x: unknown): bigint {
  return pyHash(x);
}

export function callable(x: unknown): boolean {
  if (typeof x === "function") return true;
  return x !== null && typeof x === "object" && typeof (x as { __call__?: unknown }).__call__ === "function";
}

/** Python's input([prompt]): reads one line from sys.stdin (synchronously). */
export function input(...args: unknown[]): string {
  const patched = builtinOverrides.input;
  if (patched !== undefined) return patched(...args);
  const prompt = args.length > 0 ? args[0] : "";
  const out = standardStreams.stdout;
  if (out === null) throw new RuntimeError("input(): lost sys.stdout");
  if (prompt !== "") {
    out.write(toStr(prompt));
    out.flush?.();
  }
  const source = stdinHolder.stdin;
  const line = source instanceof StdinStream ? source.readline() : toStr(callMethod(source, "readline"));
  if (line === "") throw new EOFError("EOF when reading a line");
  return line.endsWith("\n") ? line.slice(0, -1) : line;
}

export { iter, next } from "./iteration.js";
export { delattr, getattr, hasattr, setattr, vars } from "./attribute-builtins.js";
export { typeOf, qualName };
