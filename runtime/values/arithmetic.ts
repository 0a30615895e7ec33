// Python's binary and unary arithmetic operators on the runtime value model, with dunder
// dispatch (reflected operands included) and CPython's error messages.

import { Bytes } from "./bytes.js";
import { ByteArray } from "./bytearray.js";
import { complexPow, PyComplex } from "./complex.js";
import { powGlibc } from "../modules/libm-exp.js";
import { Dict } from "./dict.js";
import { BufferError, MemoryError, OverflowError, PyTypeError, ValueError, ZeroDivisionError } from "./exceptions.js";
import { percentFormat, percentFormatBytes } from "./percent-format.js";
import { isIntLike, isNumeric, toBigInt, toFloat, type PyNumber } from "./numeric.js";
import { AbstractSet, PySet } from "./set.js";
import { setDifference, setIntersection, setSymmetricDifference, setUnion } from "./set-algebra.js";
import { NotImplemented } from "./singletons.js";
import { Tuple } from "./tuple.js";
import { tpName, typeName } from "./typename.js";
import { isWrapped, unwrap } from "./wrapped.js";
import { userDefines, isPlainList } from "./overrides.js";
import { GenericAlias } from "./subscript.js";
import { unionOf } from "./union-type.js";
import { metaclassDunder } from "../lang/type-base.js";

type Builtin = (a: unknown, b: unknown) => unknown;

interface OpSpec {
  symbol: string;
  dunder: string;
  reflected: string;
  builtin: Builtin;
}

const CALLABLE = Symbol.for("pyts.callableObject");

/**
 * Marks a str subclass's inherited `__add__`/`__mul__`/`__rmul__` (runtime/lang/value-subclasses.ts):
 * CPython's str has them as sequence slots, tried by an operator only after both operands'
 * number methods, which the operators here do by the plain value's built-in operation.
 */
export const SEQUENCE_SLOT = Symbol.for("pyts.sequenceSlot");

function method(x: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (typeof x === "function" && (x as { [CALLABLE]?: boolean })[CALLABLE] !== true) return metaclassDunder(x, name);
  // A callable object made as a JS function (typing.NewType) has its operator methods too.
  if ((typeof x !== "object" || x === null) && !(typeof x === "function" && (x as { [CALLABLE]?: boolean })[CALLABLE] === true)) return undefined;
  const m = (x as Record<string, unknown>)[name];
  return typeof m === "function" && !Object.hasOwn(m, SEQUENCE_SLOT) ? (m as (...args: unknown[]) => unknown) : undefined;
}

function isProperSubclassInstance(a: unknown, b: unknown): boolean {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return false;
  const ca = (a as object).constructor;
  const cb = (b as object).constructor;
  return ca !== cb && b instanceof ca;
}

/**
 * `"%s" % x`: str's and bytes's formatting takes any right operand first (a Fraction's or
 * Decimal's `__rmod__` is not asked), unless its type derives from the left's.
 */
function formatsFirst(a: unknown, b: unknown, op: OpSpec): boolean {
  return op.symbol === "%" && ((typeof a === "string" && !isWrapped(b)) || (a instanceof Bytes && !(b instanceof Bytes)));
}

/** CPython's binary-operator protocol: builtin or a.__op__(b), then b.__rop__(a), else TypeError. */
function binary(a: unknown, b: unknown, op: OpSpec, symbol = op.symbol): any {
  // A subclass of a built-in (`class Vec(tuple)` with its own `__add__`) overrides the base.
  const r0 = userDefines(a, op.dunder) || (userDefines(b, op.reflected) && !formatsFirst(a, b, op)) ? NotImplemented : op.builtin(a, b);
  if (r0 !== NotImplemented) return r0;
  if (isProperSubclassInstance(a, b)) {
    const rm = method(b, op.reflected);
    if (rm) {
      const r = rm.call(b, a);
      if (r !== NotImplemented) return r;
    }
  }
  const m = method(a, op.dunder);
  if (m) {
    const r = m.call(a, b);
    if (r !== NotImplemented) return r;
  }
  const rm = method(b, op.reflected);
  // The reflected method is only tried when the operand types differ (CPython's rule).
  if (rm && !(m && (a as object).constructor === (b as object).constructor)) {
    const r = rm.call(b, a);
    if (r !== NotImplemented) return r;
  }
  // A subclass of str/int/float: the base type's own operation accepts it (`"x" + Name("y")`).
  if (isWrapped(a) || isWrapped(b)) {
    // (`"%s" % x` formats x itself, so its class's __str__ or __repr__ shows)
    const r = op.builtin(unwrap(a), op === MOD && typeof unwrap(a) === "string" ? b : unwrap(b));
    if (r !== NotImplemented) return r;
  }
  throw binaryError(a, b, symbol);
}

/** CPython's message; `symbol` is the operator as written (`+` or `+=`). */
function binaryError(a: unknown, b: unknown, symbol: string): PyTypeError {
  const plain = symbol.length > 1 && symbol.endsWith("=") ? symbol.slice(0, -1) : symbol;
  if (plain === "+") {
    for (const [test, name] of [
      [(x: unknown) => typeof unwrap(x) === "string", "str"],
      [Array.isArray, "list"],
      [(x: unknown) => x instanceof Tuple, "tuple"],
    ] as const) {
      if (test(a)) return new PyTypeError(`can only concatenate ${name} (not "${tpName(b)}") to ${name}`);
    }
    if (a instanceof Bytes && !(b instanceof Uint8Array)) return new PyTypeError(`can't concat ${tpName(b)} to ${a instanceof ByteArray ? "bytearray" : "bytes"}`);
  }
  if (plain === "*" && (isSequence(a) || isSequence(b))) {
    const other = isSequence(a) ? b : a;
    return new PyTypeError(`can't multiply sequence by non-int of type '${tpName(other)}'`);
  }
  const shown = symbol === "**" ? "** or pow()" : symbol;
  return new PyTypeError(`unsupported operand type(s) for ${shown}: '${tpName(a)}' and '${tpName(b)}'`);
}

function isSequence(x: unknown): boolean {
  return typeof unwrap(x) === "string" || Array.isArray(x) || x instanceof Tuple || x instanceof Bytes;
}

/** Both numeric: float when either is a float, else int (bool counts as int). */
function numeric(
  a: unknown,
  b: unknown,
  ints: (x: bigint, y: bigint) => unknown,
  floats: (x: number, y: number) => unknown,
): any {
  if (!isNumeric(a) || !isNumeric(b)) return NotImplemented;
  if (typeof a === "number" || typeof b === "number") return floats(toFloatChecked(a), toFloatChecked(b));
  return ints(toBigInt(a), toBigInt(b));
}

/** int -> float conversion that raises like CPython for ints beyond the float range. */
export function toFloatChecked(x: PyNumber): number {
  const f = toFloat(x);
  if (!Number.isFinite(f) && typeof x !== "number") throw new OverflowError("int too large to convert to float");
  return f;
}

function repeat<T>(items: readonly T[], count: bigint): T[] {
  if (count <= 0n || items.length === 0) return [];
  // (CPython cannot allocate more either; a JS array stops at 2**32 - 1 items.)
  if (count * BigInt(items.length) >= 2n ** 32n) throw new MemoryError();
  const n = Number(count);
  if (items.length === 1) return new Array<T>(n).fill(items[0]!);
  const out: T[] = [];
  // (By index: a list subclass's own `__iter__` is not what `*` repeats.)
  for (let i = 0; i < n; i++) for (let j = 0; j < items.length; j++) out.push(items[j]!);
  return out;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Bytes {
  const out = new (a instanceof ByteArray ? ByteArray : Bytes)(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function builtinAdd(a: unknown, b: unknown): any {
  if (typeof a === "string" && typeof b === "string") return a + b;
  // concat reads by index: a list subclass's own `__iter__` is not what `+` joins.
  if (Array.isArray(a) && Array.isArray(b)) return Array.prototype.concat.call(Array.prototype.slice.call(a), Array.prototype.slice.call(b));
  if (a instanceof Tuple && b instanceof Tuple) return Tuple.from([...a.items, ...b.items]);
  if (a instanceof Bytes && b instanceof Uint8Array) return concatBytes(a, b);
  return numeric(a, b, (x, y) => x + y, (x, y) => x + y);
}

function builtinSub(a: unknown, b: unknown): any {
  if (a instanceof AbstractSet && b instanceof AbstractSet) return setDifference(a, b);
  return numeric(a, b, (x, y) => x - y, (x, y) => x - y);
}

/** A repeat count: an int, or an object with `__index__` (and no `__mul__`/`__rmul__` of its own, which go first). */
function repeatCount(n: unknown): bigint | undefined {
  if (isIntLike(n)) return toBigInt(n);
  if (typeof n !== "object" || n === null) return undefined;
  const hooks = n as { __index__?: () => unknown; __mul__?: unknown; __rmul__?: unknown };
  if (typeof hooks.__index__ !== "function" || hooks.__mul__ !== undefined || hooks.__rmul__ !== undefined) return undefined;
  const i = hooks.__index__();
  if (!isIntLike(i)) throw new PyTypeError(`__index__ returned non-int (type ${typeName(i)})`);
  return toBigInt(i);
}

function sequenceTimes(seq: unknown, n: unknown): any {
  const count = repeatCount(n);
  if (count === undefined) return NotImplemented;
  if (typeof seq === "string") return count > 0n ? seq.repeat(Number(count)) : "";
  if (Array.isArray(seq)) return repeat(seq, count);
  if (seq instanceof Tuple) return Tuple.from(repeat(seq.items, count));
  if (seq instanceof Bytes) return (seq instanceof ByteArray ? ByteArray : Bytes).fromArray(repeat([...seq.values()], count));
  return NotImplemented;
}

function builtinMul(a: unknown, b: unknown): any {
  if (isSequence(a)) return sequenceTimes(a, b);
  if (isSequence(b)) return sequenceTimes(b, a);
  return numeric(a, b, (x, y) => x * y, (x, y) => x * y);
}

/** int / int as a correctly rounded float, even for ints beyond 2**53. */
export function intTrueDiv(x: bigint, y: bigint): number {
  if (y === 0n) throw new ZeroDivisionError("division by zero");
  const limit = 1n << 53n;
  const ax = x < 0n ? -x : x;
  const ay = y < 0n ? -y : y;
  if (ax <= limit && ay <= limit) return Number(x) / Number(y);
  // Scale the quotient to 64+ significant bits, then let one rounding do the rest.
  const shift = BigInt(Math.max(0, 66 - (ax.toString(2).length - ay.toString(2).length)));
  const q = (ax << shift) / ay;
  const sticky = (ax << shift) % ay !== 0n ? 1n : 0n;
  const value = Number(q | sticky) / 2 ** Number(shift);
  if (!Number.isFinite(value)) throw new OverflowError("integer division result too large for a float");
  return (x < 0n) !== (y < 0n) ? -value : value;
}

function builtinTrueDiv(a: unknown, b: unknown): any {
  return numeric(a, b, intTrueDiv, (x, y) => {
    if (y === 0) throw new ZeroDivisionError("float division by zero");
    return x / y;
  });
}

export function intFloorDiv(x: bigint, y: bigint): bigint {
  if (y === 0n) throw new ZeroDivisionError("integer division or modulo by zero");
  const q = x / y;
  // Non-negative operands (the common case) need no correction.
  if (x >= 0n && y > 0n) return q;
  return (x % y !== 0n) && ((x < 0n) !== (y < 0n)) ? q - 1n : q;
}

export function intMod(x: bigint, y: bigint, message = "integer modulo by zero"): bigint {
  if (y === 0n) throw new ZeroDivisionError(message);
  const r = x % y;
  return r !== 0n && (r < 0n) !== (y < 0n) ? r + y : r;
}

/** Python's float divmod: floor quotient rounded to the nearest integral value, sign-correct mod. */
export function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else {
    mod = y < 0 ? -0 : 0;
  }
  let floorDiv: number;
  if (div !== 0) {
    floorDiv = Math.floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1;
  } else {
    floorDiv = x / y < 0 ? -0 : 0;
  }
  return [floorDiv, mod];
}

function builtinFloorDiv(a: unknown, b: unknown): any {
  return numeric(a, b, intFloorDiv, (x, y) => {
    if (y === 0) throw new ZeroDivisionError("float floor division by zero");
    return floatDivmod(x, y)[0];
  });
}

function builtinMod(a: unknown, b: unknown): any {
  if (typeof a === "string") return percentFormat(a, b);
  if (a instanceof Bytes) return percentFormatBytes(a, b);
  return numeric(a, b, (x, y) => intMod(x, y), (x, y) => {
    if (y === 0) throw new ZeroDivisionError("float modulo");
    return floatDivmod(x, y)[1];
  });
}

/** float ** float with CPython's special cases and errors. */
export function floatPow(x: number, y: number): number | PyComplex {
  if (y === 0 || x === 1) return 1;
  if (x === 0 && y < 0) throw new ZeroDivisionError("0.0 cannot be raised to a negative power");
  if (x === -1 && !Number.isFinite(y)) return 1;
  if (x < 0 && Number.isFinite(x) && !Number.isInteger(y) && Number.isFinite(y)) {
    // A negative base to a fractional power is complex (CPython hands it to complex.__pow__).
    return complexPow(new PyComplex(x, 0), new PyComplex(y, 0));
  }
  const r = powGlibc(x, y);
  if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
    throw new OverflowError("(34, 'Numerical result out of range')");
  }
  return r;
}

function builtinPow(a: unknown, b: unknown): any {
  return numeric(
    a,
    b,
    (x, y) => (y >= 0n ? x ** y : floatPow(toFloatChecked(x), Number(y))),
    floatPow,
  );
}

function intOnly(f: (x: bigint, y: bigint) => bigint): Builtin {
  return (a, b) => (isIntLike(a) && isIntLike(b) ? f(toBigInt(a), toBigInt(b)) : NotImplemented);
}

function shiftCount(y: bigint): bigint {
  if (y < 0n) throw new ValueError("negative shift count");
  return y;
}

/** & | ^ on bools keep bool; on ints give ints; on sets give sets; dict | dict merges. */
function bitwise(
  ints: (x: bigint, y: bigint) => bigint,
  bools: (x: boolean, y: boolean) => boolean,
  sets: ((a: AbstractSet, b: AbstractSet) => AbstractSet) | null,
): Builtin {
  return (a, b) => {
    if (typeof a === "boolean" && typeof b === "boolean") return bools(a, b);
    if (isIntLike(a) && isIntLike(b)) return ints(toBigInt(a), toBigInt(b));
    if (sets && a instanceof AbstractSet && b instanceof AbstractSet) return sets(a, b);
    return NotImplemented;
  };
}

function spec(symbol: string, name: string, builtin: Builtin): OpSpec {
  return { symbol, dunder: `__${name}__`, reflected: `__r${name}__`, builtin };
}

const noBuiltin: Builtin = () => NotImplemented;

const ADD = spec("+", "add", builtinAdd);
const SUB = spec("-", "sub", builtinSub);
const MUL = spec("*", "mul", builtinMul);
const TRUEDIV = spec("/", "truediv", builtinTrueDiv);
const FLOORDIV = spec("//", "floordiv", builtinFloorDiv);
const MOD = spec("%", "mod", builtinMod);
const POW = spec("**", "pow", builtinPow);
const MATMUL = spec("@", "matmul", noBuiltin);
const LSHIFT = spec("<<", "lshift", intOnly((x, y) => x << shiftCount(y)));
const RSHIFT = spec(">>", "rshift", intOnly((x, y) => x >> shiftCount(y)));
const AND = spec("&", "and", bitwise((x, y) => x & y, (x, y) => x && y, setIntersection));
const XOR = spec("^", "xor", bitwise((x, y) => x ^ y, (x, y) => x !== y, setSymmetricDifference));
const OR: OpSpec = spec("|", "or", (a, b) => {
  if (a instanceof Dict && b instanceof Dict) return new Dict([...a.entries(), ...b.entries()]);
  // `int | None`: a union of types (types.UnionType).
  if (typeof a === "function" || typeof b === "function" || a instanceof GenericAlias || b instanceof GenericAlias) return unionOf(a, b);
  return bitwise((x, y) => x | y, (x, y) => x || y, setUnion)(a, b);
});

// The fast paths below handle int and float operands (the common case) before dunder
// dispatch; an int operand mixed with a float converts as `numeric` does (OverflowError
// for an int beyond the float range).

/** A float operand from an int or float known to be one of them. */
export function asFloat(x: bigint | number): number {
  return typeof x === "number" ? x : toFloatChecked(x);
}

export function add(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a + b;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if ((typeof a === "number" && typeof b === "bigint") || (typeof a === "bigint" && typeof b === "number")) return asFloat(a) + asFloat(b);
  if (typeof a === "string" && typeof b === "string") return a + b;
  // (two plain lists: no subclass's `__add__`/`__radd__` to ask)
  if (isPlainList(a) && isPlainList(b)) return concatLists(a, b);
  return binary(a, b, ADD);
}

/** `a + b` of two plain lists: a copy and a loop (V8's generic `concat` measured 4x slower on short lists). */
function concatLists(a: unknown[], b: unknown[]): unknown[] {
  const result = a.slice();
  for (let i = 0; i < b.length; i++) result.push(b[i]);
  return result;
}
export function sub(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a - b;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if ((typeof a === "number" && typeof b === "bigint") || (typeof a === "bigint" && typeof b === "number")) return asFloat(a) - asFloat(b);
  return binary(a, b, SUB);
}
export function mul(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a * b;
  if (typeof a === "number" && typeof b === "number") return a * b;
  if ((typeof a === "number" && typeof b === "bigint") || (typeof a === "bigint" && typeof b === "number")) return asFloat(a) * asFloat(b);
  return binary(a, b, MUL);
}
export function truediv(a: unknown, b: unknown): any {
  if (typeof a === "number" && typeof b === "number") {
    if (b === 0) throw new ZeroDivisionError("float division by zero");
    return a / b;
  }
  if (typeof a === "bigint" && typeof b === "bigint") return intTrueDiv(a, b);
  if ((typeof a === "number" && typeof b === "bigint") || (typeof a === "bigint" && typeof b === "number")) {
    const divisor = asFloat(b);
    if (divisor === 0) throw new ZeroDivisionError("float division by zero");
    return asFloat(a) / divisor;
  }
  return binary(a, b, TRUEDIV);
}
export function floordiv(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return intFloorDiv(a, b);
  return binary(a, b, FLOORDIV);
}
export function mod(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return intMod(a, b);
  // `template % args`: binary() formats at once too, unless args is a str subclass instance
  // (whose `__rmod__` goes first); a str defines no `__mod__` of a user's.
  if (typeof a === "string" && !isWrapped(b)) return percentFormat(a, b);
  return binary(a, b, MOD);
}
export function power(a: unknown, b: unknown): any {
  if (typeof a === "number" && typeof b === "number") return floatPow(a, b);
  return binary(a, b, POW);
}
export function matmul(a: unknown, b: unknown): any {
  return binary(a, b, MATMUL);
}
// Two ints (bigints: bools and int subclass instances are other values) answer at once:
// BigInt's bitwise operators work on the infinite two's complement, as Python's ints do. A
// negative or huge shift count takes the general path (ValueError, CPython's overflow).
const FAST_SHIFT_LIMIT = 1n << 16n;
export function lshift(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint" && b >= 0n && b <= FAST_SHIFT_LIMIT) return a << b;
  return binary(a, b, LSHIFT);
}
export function rshift(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint" && b >= 0n && b <= FAST_SHIFT_LIMIT) return a >> b;
  return binary(a, b, RSHIFT);
}
export function bitand(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a & b;
  return binary(a, b, AND);
}
export function bitor(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a | b;
  return binary(a, b, OR);
}
export function bitxor(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a ^ b;
  return binary(a, b, XOR);
}

function unary(x: unknown, symbol: string, dunder: string, builtin: (x: unknown) => unknown): any {
  const r = builtin(x);
  if (r !== NotImplemented) return r;
  const m = method(x, dunder);
  if (m) return m.call(x);
  throw new PyTypeError(`bad operand type for unary ${symbol}: '${typeName(x)}'`);
}

export function neg(x: unknown): any {
  if (typeof x === "number") return -x;
  if (typeof x === "bigint") return -x;
  return unary(x, "-", "__neg__", (v) => (typeof v === "number" ? -v : isIntLike(v) ? -toBigInt(v) : NotImplemented));
}
export function pos(x: unknown): any {
  return unary(x, "+", "__pos__", (v) => (typeof v === "number" ? v : isIntLike(v) ? toBigInt(v) : NotImplemented));
}
export function invert(x: unknown): any {
  return unary(x, "~", "__invert__", (v) => (isIntLike(v) ? ~toBigInt(v) : NotImplemented));
}

/** Augmented assignment: `a op= b` tries `__iop__` first, then the plain operator. */
function inplace(op: OpSpec, plain: (a: unknown, b: unknown) => unknown) {
  const dunder = op.dunder.replace("__", "__i");
  const symbol = op.symbol + "=";
  return (a: unknown, b: unknown): any => {
    if (typeof a === "object" && a !== null) {
      const m = method(a, dunder);
      if (m) {
        const r = m.call(a, b);
        if (r !== NotImplemented) return r;
      }
    } else if (typeof a === typeof b && (typeof a === "bigint" || typeof a === "number")) {
      return plain(a, b);
    }
    return binary(a, b, op, symbol);
  };
}

/** `list += iterable` extends in place; `+=` on other values rebinds. */
export function iadd(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a + b;
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  return iaddOther(a, b);
}

/**
 * `iadd` of anything but two ints, two floats or two strs. (A function of its own, so that
 * `iadd` stays small enough for TurboFan to inline into the loops that use it.)
 */
function iaddOther(a: unknown, b: unknown): any {
  if (Array.isArray(a)) {
    if (typeof b === "string" || (typeof b === "object" && b !== null && Symbol.iterator in b)) {
      const items = [...(b as Iterable<unknown>)];
      for (const item of items) a.push(item);
      return a;
    }
    throw new PyTypeError(`'${typeName(b)}' object is not iterable`);
  }
  // `bytearray += bytes-like` extends the same bytearray (a memoryview counts as its bytes).
  if (a instanceof ByteArray && b instanceof Uint8Array && !userDefines(a, "__iadd__")) {
    // (CPython holds a view of `b` while it resizes `a`: `b += b` is refused)
    if (b === a && a.length > 0) throw new BufferError("Existing exports of data: object cannot be re-sized");
    a.replaceRange(a.length, 0, b);
    return a;
  }
  return iaddFallback(a, b);
}
/** `list *= n` repeats in place. */
export function imul(a: unknown, b: unknown): any {
  if (Array.isArray(a) && isIntLike(b)) {
    const copy = a.slice();
    a.length = 0;
    for (let i = 0n; i < toBigInt(b); i++) a.push(...copy);
    return a;
  }
  if (a instanceof ByteArray && isIntLike(b) && !userDefines(a, "__imul__")) {
    a.replaceWith(repeat([...a.values()], toBigInt(b)));
    return a;
  }
  return imulFallback(a, b);
}
/** `set |= other`, `dict |= other` update in place. */
export function ior(a: unknown, b: unknown): any {
  if (a instanceof PySet && b instanceof AbstractSet) {
    a.update(b);
    return a;
  }
  if (a instanceof Dict && b instanceof Dict) {
    for (const [k, v] of b.entries()) a.set(k, v);
    return a;
  }
  return iorFallback(a, b);
}
const iaddFallback = inplace(ADD, add);
const imulFallback = inplace(MUL, mul);
const iorFallback = inplace(OR, bitor);
const isubFallback = inplace(SUB, sub);
const iandFallback = inplace(AND, bitand);
const ixorFallback = inplace(XOR, bitxor);

/** `set -= other`, `set &= other`, `set ^= other` change the set itself, as CPython's do. */
export function isub(a: unknown, b: unknown): any {
  if (typeof a === "bigint" && typeof b === "bigint") return a - b;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a instanceof PySet && b instanceof AbstractSet) {
    a.differenceUpdate(b);
    return a;
  }
  return isubFallback(a, b);
}
export function iand(a: unknown, b: unknown): any {
  if (a instanceof PySet && b instanceof AbstractSet) {
    a.replaceWith(setIntersection(a, b));
    return a;
  }
  return iandFallback(a, b);
}
export function ixor(a: unknown, b: unknown): any {
  if (a instanceof PySet && b instanceof AbstractSet) {
    a.symmetricDifferenceUpdate(b);
    return a;
  }
  return ixorFallback(a, b);
}
export const itruediv = inplace(TRUEDIV, truediv);
export const ifloordiv = inplace(FLOORDIV, floordiv);
export const imod = inplace(MOD, mod);
export const ipow = inplace(POW, power);
export const imatmul = inplace(MATMUL, matmul);
export const ilshift = inplace(LSHIFT, lshift);
export const irshift = inplace(RSHIFT, rshift);

/**
 * The built-in binary operators by dunder stem (`add` for `__add__`/`__radd__`): what a
 * subclass of int, float or str inherits (runtime/lang/value-subclasses.ts). NotImplemented
 * when the operand types do not support it.
 */
export const BUILTIN_BINARY: Record<string, Builtin> = Object.fromEntries(
  [ADD, SUB, MUL, TRUEDIV, FLOORDIV, MOD, POW, LSHIFT, RSHIFT, AND, XOR, OR].map((op) => [op.dunder.slice(2, -2), op.builtin]),
);

/**
 * A very long operator chain (`a + b + c + ...` with hundreds of terms), emitted flat: `steps`
 * alternates an operator helper and a thunk for its right operand, so each operand is
 * evaluated just before its operator is applied, in CPython's order.
 */
export function binaryChain(first: unknown, steps: unknown[]): any {
  let acc = first;
  for (let i = 0; i < steps.length; i += 2) {
    const operator = steps[i] as (a: unknown, b: unknown) => unknown;
    acc = operator(acc, (steps[i + 1] as () => unknown)());
  }
  return acc;
}
