// Python's `operator`: the operators as functions (through the runtime's own operator helpers,
// so dunders and CPython's errors apply), the in-place forms, and the callable objects
// itemgetter, attrgetter and methodcaller with CPython's reprs.

import * as arith from "../values/arithmetic.js";
import { abs as absValue, getattr, len } from "../values/builtin-functions.js";
import { builtinFunction } from "../values/builtin-type.js";
import { eq, eqV, geV, gtV, is_, leV, ltV, neV } from "../values/compare.js";
import { in_ } from "../values/contains.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { iter } from "../values/iteration.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { CALLABLE_OBJECT, repr } from "../values/repr.js";
import { asIndex } from "../values/slice.js";
import { delitem, getitem, setitem } from "../values/subscript.js";
import { not_, truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { callValue } from "./pycall.js";

function isSequence(x: unknown): boolean {
  return typeof x === "string" || Array.isArray(x) || x instanceof Tuple || x instanceof Uint8Array || (x !== null && typeof x === "object" && typeof (x as { __getitem__?: unknown }).__getitem__ === "function");
}

function concat(a: unknown, b: unknown): any {
  if (!isSequence(a)) throw new PyTypeError(`'${typeName(a)}' object can't be concatenated`);
  return arith.add(a, b);
}

function iconcat(a: unknown, b: unknown): any {
  if (!isSequence(a)) throw new PyTypeError(`'${typeName(a)}' object can't be concatenated`);
  return arith.iadd(a, b);
}

function index(a: unknown): any {
  const n = asIndex(a);
  if (n === undefined) throw new PyTypeError(`'${typeName(a)}' object cannot be interpreted as an integer`);
  return n;
}

function countOf(a: unknown, b: unknown): any {
  let n = 0n;
  for (const x of iter(a) as Iterable<unknown>) if (is_(x, b) || eq(x, b)) n++;
  return n;
}

function indexOf(a: unknown, b: unknown): any {
  let i = 0n;
  for (const x of iter(a) as Iterable<unknown>) {
    if (is_(x, b) || eq(x, b)) return i;
    i++;
  }
  throw new ValueError("sequence.index(x): x not in sequence");
}

function lengthHint(obj: unknown, fallback: unknown = 0n): any {
  if (typeof fallback !== "bigint") throw new PyTypeError(`'${typeName(fallback)}' object cannot be interpreted as an integer`);
  try {
    return len(obj);
  } catch (error) {
    if (!(error instanceof PyTypeError)) throw error;
  }
  const hint = (obj as { __length_hint__?: unknown } | null)?.__length_hint__;
  if (typeof hint === "function") {
    const value = callMethod(obj, "__length_hint__");
    if (typeof value !== "bigint") throw new PyTypeError(`__length_hint__ must be an integer, not ${typeName(value)}`);
    if (value < 0n) throw new ValueError("__length_hint__() should return >= 0");
    return value;
  }
  return fallback;
}

function call(obj: unknown, ...args: unknown[]): any {
  return callValue(obj, ...args);
}

/**
 * The getter objects are JS functions (emitted code calls `itemgetter(1)(row)` directly) whose
 * prototype is their class's, so repr, type() and isinstance see the class.
 */
function callableSelf<T extends object>(self: T, proto: object): T {
  const fn = function (this: unknown, ...args: unknown[]): unknown {
    return (fn as unknown as { __call__(...a: unknown[]): unknown }).__call__(...args);
  };
  Object.setPrototypeOf(fn, proto);
  for (const key of Object.keys(self)) Object.defineProperty(fn, key, { value: (self as Record<string, unknown>)[key], writable: true });
  return fn as unknown as T;
}

/** `itemgetter(*items)`: obj[item], or a tuple of them for several. */
class itemgetter {
  static readonly tpName = "operator.itemgetter";
  static readonly __module__ = "operator";
  private readonly keys: unknown[];

  constructor(...items: unknown[]) {
    if (items.length === 0) throw new PyTypeError("itemgetter expected 1 argument, got 0");
    this.keys = items;
    return callableSelf(this, new.target.prototype);
  }

  __call__(obj: unknown, ...rest: unknown[]): any {
    if (rest.length > 0) throw new PyTypeError(`itemgetter expected 1 argument, got ${rest.length + 1}`);
    if (this.keys.length === 1) return getitem(obj, this.keys[0]);
    return Tuple.from(this.keys.map((k) => getitem(obj, k)));
  }

  __repr__(): string {
    return `operator.itemgetter(${this.keys.map((k) => repr(k)).join(", ")})`;
  }
}

/** `attrgetter(*attrs)`: dotted attribute paths read from the object. */
class attrgetter {
  static readonly tpName = "operator.attrgetter";
  static readonly __module__ = "operator";
  private readonly paths: string[];

  constructor(...attrs: unknown[]) {
    if (attrs.length === 0) throw new PyTypeError("attrgetter expected 1 argument, got 0");
    for (const a of attrs) if (typeof a !== "string") throw new PyTypeError("attribute name must be a string");
    this.paths = attrs as string[];
    return callableSelf(this, new.target.prototype);
  }

  private read(obj: unknown, path: string): unknown {
    for (const name of path.split(".")) obj = getattr(obj, name);
    return obj;
  }

  __call__(obj: unknown, ...rest: unknown[]): any {
    if (rest.length > 0) throw new PyTypeError(`attrgetter expected 1 argument, got ${rest.length + 1}`);
    if (this.paths.length === 1) return this.read(obj, this.paths[0]!);
    return Tuple.from(this.paths.map((p) => this.read(obj, p)));
  }

  __repr__(): string {
    return `operator.attrgetter(${this.paths.map((p) => repr(p)).join(", ")})`;
  }
}

/** `methodcaller(name, *args, **kwargs)`: calls the named method of the object. */
class methodcaller {
  static readonly tpName = "operator.methodcaller";
  static readonly __module__ = "operator";
  private readonly name: string;
  private readonly args: unknown[];
  private readonly kwargs: Record<string, unknown>;

  constructor(...all: unknown[]) {
    const [positional, kws] = splitKw(all);
    if (positional.length === 0) throw new PyTypeError("methodcaller needs at least one argument, the method name");
    if (typeof positional[0] !== "string") throw new PyTypeError("method name must be a string");
    this.name = positional[0];
    this.args = positional.slice(1);
    this.kwargs = kws;
    return callableSelf(this, new.target.prototype);
  }

  __call__(obj: unknown, ...rest: unknown[]): any {
    if (rest.length > 0) throw new PyTypeError(`methodcaller expected 1 argument, got ${rest.length + 1}`);
    const args = Object.keys(this.kwargs).length > 0 ? [...this.args, new Kwargs({ ...this.kwargs })] : this.args;
    return callMethod(obj, this.name, ...args);
  }

  __repr__(): string {
    const parts = [repr(this.name), ...this.args.map((a) => repr(a)), ...Object.entries(this.kwargs).map(([k, v]) => `${k}=${repr(v)}`)];
    return `operator.methodcaller(${parts.join(", ")})`;
  }
}

for (const cls of [itemgetter, attrgetter, methodcaller]) Object.defineProperty(cls.prototype, CALLABLE_OBJECT, { value: true });

const FUNCTIONS: Record<string, (...args: any[]) => unknown> = {
  abs: absValue,
  add: arith.add,
  and_: arith.bitand,
  concat,
  contains: (a: unknown, b: unknown) => in_(b, a),
  countOf,
  delitem: (a: unknown, b: unknown) => (delitem(a, b), null),
  eq: (a: unknown, b: unknown) => eqV(a, b),
  floordiv: arith.floordiv,
  ge: (a: unknown, b: unknown) => geV(a, b),
  getitem,
  gt: (a: unknown, b: unknown) => gtV(a, b),
  iadd: arith.iadd,
  iand: arith.iand,
  iconcat,
  ifloordiv: arith.ifloordiv,
  ilshift: arith.ilshift,
  imatmul: arith.imatmul,
  imod: arith.imod,
  imul: arith.imul,
  index,
  indexOf,
  inv: arith.invert,
  invert: arith.invert,
  ior: arith.ior,
  ipow: arith.ipow,
  irshift: arith.irshift,
  is_,
  is_not: (a: unknown, b: unknown) => !is_(a, b),
  isub: arith.isub,
  itruediv: arith.itruediv,
  ixor: arith.ixor,
  le: (a: unknown, b: unknown) => leV(a, b),
  length_hint: lengthHint,
  lshift: arith.lshift,
  lt: (a: unknown, b: unknown) => ltV(a, b),
  matmul: arith.matmul,
  mod: arith.mod,
  mul: arith.mul,
  ne: (a: unknown, b: unknown) => neV(a, b),
  neg: arith.neg,
  not_,
  or_: arith.bitor,
  pos: arith.pos,
  pow: arith.power,
  rshift: arith.rshift,
  setitem: (a: unknown, b: unknown, c: unknown) => (setitem(a, b, c), null),
  sub: arith.sub,
  truediv: arith.truediv,
  truth: truthy,
  xor: arith.bitxor,
  call,
};

// (The dunder aliases, `operator.__add__`, are left out: on the module object they would make
// it look like a value with those dunders. module-names.ts reports them as unsupported.)
const exported: Record<string, unknown> = {};
for (const [name, fn] of Object.entries(FUNCTIONS)) exported[name] = builtinFunction((...args: unknown[]) => fn(...args), name);

export const operatorModule = moduleObject("operator", {
  __all__: ["abs", "add", "and_", "attrgetter", "call", "concat", "contains", "countOf", "delitem", "eq", "floordiv", "ge", "getitem", "gt", "iadd", "iand", "iconcat", "ifloordiv", "ilshift", "imatmul", "imod", "imul", "index", "indexOf", "inv", "invert", "ior", "ipow", "irshift", "is_", "is_not", "isub", "itemgetter", "itruediv", "ixor", "le", "length_hint", "lshift", "lt", "matmul", "methodcaller", "mod", "mul", "ne", "neg", "not_", "or_", "pos", "pow", "rshift", "setitem", "sub", "truediv", "truth", "xor"],
  ...exported,
  itemgetter: pyClass(itemgetter),
  attrgetter: pyClass(attrgetter),
  methodcaller: pyClass(methodcaller),
} as Record<string, any>);
