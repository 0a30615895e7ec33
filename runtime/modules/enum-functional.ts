// The functional API of `enum`: `Enum("Color", "RED GREEN BLUE")`, names as a list of strings,
// of (name, value) pairs or a mapping, with `module=`, `qualname=`, `start=` and `boundary=`
// (EnumType._create_ of CPython 3.11).
import { Dict } from "../values/dict.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { defineMembers } from "./enum.js";
import { mixedEnum } from "./enum-mixed.js";
import { isPyTypeObject } from "../values/builtin-type.js";
import { generator, memberValue } from "./enum-body.js";
import { RUNTIME_BASES } from "../lang/runtime-bases.js";
import { classInitOf, inheritFrom } from "../lang/mro.js";
import { isUserClass } from "../lang/class-attributes.js";
import { isClass } from "../values/typename.js";

const items = (x: unknown): unknown[] => (x instanceof Tuple ? [...x.items] : Array.isArray(x) ? x : [...(x as Iterable<unknown>)]);

/** `EnumType.__call__(cls, value, names, *, module, qualname, type, start, boundary)` with names given. */
export function functionalEnum(base: any, args: unknown[]): unknown {
  const [pos, keywords] = splitKw(args);
  const { names: namesKw, module, qualname, type, start = 1n, boundary, ...rest } = keywords as Record<string, unknown>;
  const unexpected = Object.keys(rest)[0];
  if (unexpected !== undefined) throw new PyTypeError(`EnumType.__call__() got an unexpected keyword argument '${unexpected}'`);
  if (pos.length > 2) throw new PyTypeError(`EnumType.__call__() takes from 2 to 3 positional arguments but ${pos.length + 1} were given`);
  const className = String(pos[0]);
  let names: unknown = pos.length > 1 ? pos[1] : namesKw;
  // `type=int`: the class is `class Name(int, Enum)` (the mixed type's runtime base); any
  // other type is a base before the enumeration (`type=tuple`, `type=date`, a program's class).
  let mixin: Function | null = null;
  if (type !== undefined && type !== null) {
    const kind = isPyTypeObject(type) ? type.pythonName : "";
    if (kind === "int" || kind === "str" || kind === "float") base = mixedEnum(base, kind, false, String(base.name));
    else {
      mixin = (isPyTypeObject(type) ? RUNTIME_BASES.get(kind) : undefined) ?? (isClass(type) ? (type as Function) : null);
      if (mixin === null) throw new PyTypeError(isPyTypeObject(type) ? `type '${kind}' is not an acceptable base type` : `bases must be types`);
    }
  }
  // (a program's class is mixed in: the enumeration's constructor makes the members; a
  // built-in or runtime type makes them itself, as `timedelta.__new__(Period, ...)`)
  const jsBase = mixin !== null && !isUserClass(mixin) ? mixin : base;
  const cls = class extends (jsBase as new (...args: unknown[]) => object) {} as any;
  Object.defineProperty(cls, "name", { value: className });
  Object.defineProperty(cls, "__name__", { value: className, writable: true, configurable: true });
  Object.defineProperty(cls, "__module__", { value: module ?? "__main__", writable: true, configurable: true });
  Object.defineProperty(cls, "__qualname__", { value: qualname ?? className, writable: true, configurable: true });
  if (boundary !== undefined && boundary !== null) Object.defineProperty(cls, "_boundary_", { value: boundary, writable: true, configurable: true });
  if (typeof names === "string") names = names.replace(/,/g, " ").split(/\s+/).filter(Boolean);
  let pairs: [string, unknown][];
  if (names === undefined || names === null) pairs = [];
  else if (names instanceof Dict) pairs = [...(names as unknown as { entries(): Iterable<[string, unknown]> }).entries()];
  else {
    const list = items(names);
    if (list.length > 0 && typeof list[0] === "string") {
      // Names alone: values from the base's `_generate_next_value_`, counting from `start`.
      const generate = generator(base);
      const last: unknown[] = [];
      pairs = list.map((name, count) => {
        const value = generate(String(name), start, BigInt(count), [...last]);
        last.push(value);
        return [String(name), value];
      });
    } else pairs = list.map((item) => items(item) as [string, unknown]);
  }
  if (mixin !== null) {
    inheritFrom(cls, [mixin, base]);
    // (a program class whose `__init__` is its JS constructor: run as the members' `__init__`)
    const init = isUserClass(mixin) && typeof (cls.prototype as { __init__?: unknown }).__init__ !== "function" ? classInitOf(mixin) : undefined;
    if (init !== undefined) {
      Object.defineProperty(cls.prototype, "__init__", {
        value(this: unknown, ...args: unknown[]) {
          return init(this, ...args);
        },
        writable: true,
        configurable: true,
      });
    }
  }
  for (const [name, value] of pairs) cls[name] = memberValue(cls, name, value);
  defineMembers(cls, pairs.map(([name]) => name));
  return cls;
}
