// Enumerations mixed with a built-in value type: `IntEnum`, `StrEnum`, `class Color(str, Enum)`,
// `class N(int, Enum)`, `class F(float, Enum)`. Their members are wrapped values (values/
// wrapped.ts) of the int/str/float subclass base, so arithmetic, comparisons, hashing, `in`,
// indexing and formatting see the value as CPython does, while repr, name, value and the class
// protocol (iteration, `Color("red")`, `Color["RED"]`) are Enum's.
import { FloatBase, IntBase, StrBase } from "../lang/value-subclasses.js";
import { toStr } from "../values/repr.js";
import { format } from "../values/format-spec.js";
import { PRIMITIVE, PYTHON_TYPE } from "../values/wrapped.js";
import { SHOWN_MRO_KEY } from "../lang/mro.js";
import { float, int } from "../values/builtin-types.js";

const ENUM_CALL = Symbol.for("pyts.enum.call");

type Kind = "int" | "str" | "float";
type AnyClass = new (...args: any[]) => any;
/** An enumeration class: a class whose members iterate. */
type EnumClass = AnyClass & Iterable<any>;

const BASES: Record<Kind, AnyClass> = { int: IntBase, str: StrBase as unknown as AnyClass, float: FloatBase };
const COERCE: Record<Kind, (v: unknown) => unknown> = { int: (v) => int(v), str: (v) => toStr(v), float: (v) => float(v) };

/** The members of an enumeration (enum.ts keeps them under this symbol). */
export const MEMBERS = Symbol.for("pyts.enum.members");
/** Marks the mixed bases: `isinstance(member, Enum)` is true for their members. */
export const MIXED_ENUM = Symbol.for("pyts.enum.mixed");

/** Marks the mixed bases whose str() and format() are the value's (ReprEnum's). */
export const VALUE_STR = Symbol.for("pyts.enum.valueStr");

/** The member whose `__init__` a class construction runs (enum.ts's defineMembers). */
export const PENDING: { member: object | null } = { member: null };

const made = new Map<string, EnumClass>();

/**
 * The base class of `class X(<kind>, Enum)` (`plainStr` false: `IntEnum` and `StrEnum`, whose
 * `str()` and `format()` are the value's). Enum's methods and class protocol are copied from
 * `enumClass`; the value type's dunders come from the subclass base.
 */
export function mixedEnum(enumClass: Function, kind: Kind, valueStr: boolean, name: string): EnumClass {
  const key = `${kind}/${valueStr}/${name}`;
  const known = made.get(key);
  if (known) return known;
  const base = BASES[kind];
  // A function, not a class: `Color("red")` finds a member and makes no instance.
  const cls = function (this: unknown, value: unknown, ...rest: unknown[]) {
    const pending = PENDING.member;
    if (pending !== null) {
      PENDING.member = null;
      return pending;
    }
    return (cls as unknown as Record<symbol, (args: unknown[]) => unknown>)[ENUM_CALL]!.call(new.target ?? cls, [value, ...rest]);
  } as unknown as EnumClass;
  Object.setPrototypeOf(cls, base);
  Object.defineProperty(cls, "name", { value: name });
  cls.prototype = Object.create(base.prototype, { constructor: { value: cls, writable: true, configurable: true } });
  for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(enumClass))) {
    if (k !== "prototype" && k !== "length" && k !== "name") Object.defineProperty(cls, k, d);
  }
  for (const s of Object.getOwnPropertySymbols(enumClass)) Object.defineProperty(cls, s, Object.getOwnPropertyDescriptor(enumClass, s)!);
  const own = Object.getOwnPropertyDescriptors((enumClass as { prototype: object }).prototype);
  for (const k of ["_name_", "_value_", "__repr__"]) Object.defineProperty(cls.prototype, k, own[k]!);
  if (valueStr) {
    // IntEnum and StrEnum: str() is the value's own (`int.__repr__` / `str.__str__` in CPython).
    Object.defineProperty(cls.prototype, "__str__", {
      value(this: { [PRIMITIVE]: unknown }) {
        return toStr(this[PRIMITIVE]);
      },
      writable: true,
      configurable: true,
    });
  } else Object.defineProperty(cls.prototype, "__str__", own["__str__"]!);
  Object.defineProperty(cls.prototype, "__format__", {
    value(this: { [PRIMITIVE]: unknown; __str__(): string }, spec: string) {
      // IntEnum and StrEnum format the value; `class N(int, Enum)` has Enum's `__format__`
      // (3.11.7: str()'s text formatted as a str, so `f"{N.A:d}"` is a ValueError).
      return valueStr ? (spec === "" ? toStr(this) : format(this[PRIMITIVE], spec)) : format(toStr(this), spec);
    },
    writable: true,
    configurable: true,
  });
  Object.defineProperty(cls, MIXED_ENUM, { value: kind });
  // `class Color(str, Enum)`: its `__mro__` shows str then Enum (this base stands for both).
  if (name === "Enum") {
    const shown = (): unknown[] => [(base as unknown as Record<symbol, unknown>)[PYTHON_TYPE], enumClass];
    Object.defineProperty(cls, SHOWN_MRO_KEY, { get: shown, configurable: true });
    Object.defineProperty(cls, Symbol.for("pyts.standsFor"), { get: shown, configurable: true });
  }
  if (valueStr) Object.defineProperty(cls, VALUE_STR, { value: true });
  made.set(key, cls);
  return cls;
}


/** A member of a mixed enumeration stands for its value converted to the mixed type. */
export function mixedMemberValue(cls: unknown, value: unknown): unknown {
  const kind = (cls as { [MIXED_ENUM]?: Kind })[MIXED_ENUM];
  return kind === undefined ? value : COERCE[kind](value);
}
