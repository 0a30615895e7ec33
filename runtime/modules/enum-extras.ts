// The rest of Python 3.11's `enum`: FlagBoundary (STRICT, CONFORM, EJECT, KEEP) and the
// boundaries of Flag and IntFlag, EnumCheck and `verify`, ReprEnum, `member`/`nonmember`,
// `global_enum`, `show_flag_values` and `enum.property`.
import { enumGlobalNames } from "./enum-globals.js";
import { NAMES, Enum, EnumType, Flag, IntEnum, IntFlag, StrEnum, auto, defineMembers, member, mixedBase, nonmember, unique } from "./enum.js";
import { moduleObject } from "./module-object.js";
import { pyClass } from "./callable-class.js";
import { showMro } from "../lang/mro.js";
import { markClass } from "../values/typename.js";
import { type, typeOf } from "../values/builtin-types.js";
import { functionKey } from "../lang/attr-names.js";
import { memberValue } from "./enum-body.js";
import { MIXED_ENUM, VALUE_STR, mixedEnum } from "./enum-mixed.js";
import { AttributeError, KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { getattrImpl as getattr } from "../values/attributes.js";
import { repr } from "../values/repr.js";
import { DynamicClassAttribute } from "./types-descriptors.js";
import { callValue } from "./pycall.js";
import { getitem } from "../values/subscript.js";

type AnyClass = new (...args: any[]) => any;

/** A StrEnum of the enum module, made as `class Name(StrEnum): A = "a"; ...` would be. */
function strEnum(name: string, members: [string, string][]): AnyClass & Record<string, any> {
  const cls = class extends (StrEnum as AnyClass) {} as AnyClass & Record<string, any>;
  Object.defineProperty(cls, "name", { value: name });
  Object.defineProperty(cls, "__name__", { value: name, configurable: true, writable: true });
  Object.defineProperty(cls, "__module__", { value: "enum", configurable: true, writable: true });
  for (const [key, value] of members) cls[key] = value;
  defineMembers(cls, members.map(([key]) => key));
  return cls;
}

/** `enum.FlagBoundary`: what a Flag does with a value naming bits outside its members. */
export const FlagBoundary = strEnum("FlagBoundary", [["STRICT", "strict"], ["CONFORM", "conform"], ["EJECT", "eject"], ["KEEP", "keep"]]);
export const STRICT = FlagBoundary.STRICT;
export const CONFORM = FlagBoundary.CONFORM;
export const EJECT = FlagBoundary.EJECT;
export const KEEP = FlagBoundary.KEEP;
// Flag refuses unknown bits (STRICT), IntFlag keeps them (KEEP).
for (const [cls, boundary] of [[Flag, STRICT], [IntFlag, KEEP]] as const) {
  Object.defineProperty(cls, "_boundary_", { value: boundary, writable: true, configurable: true });
}

/** `enum.EnumCheck`: the constraints `verify` checks. */
export const EnumCheck = strEnum("EnumCheck", [["CONTINUOUS", "no skipped integer values"], ["NAMED_FLAGS", "multi-flag aliases may not contain unnamed flags"], ["UNIQUE", "one name per value"]]);
export const CONTINUOUS = EnumCheck.CONTINUOUS;
export const NAMED_FLAGS = EnumCheck.NAMED_FLAGS;
export const UNIQUE = EnumCheck.UNIQUE;

/** `enum.ReprEnum`: Enum's repr, the mixed-in type's str() and format(). */
export class ReprEnum extends Enum {
  /** IntEnum, StrEnum, IntFlag and `class X(int, ReprEnum)` members are ReprEnum's too. */
  static [Symbol.hasInstance](this: Function, x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    return this === ReprEnum && x !== null && typeof x === "object" && VALUE_STR in (x.constructor as object);
  }
}

// What Python shows of the mixed bases: `class IntEnum(int, ReprEnum)`, `class StrEnum(str,
// ReprEnum)`, `class IntFlag(int, ReprEnum, Flag, boundary=KEEP)` (each a class object).
for (const [cls, value, flag] of [[IntEnum, 0n, false], [StrEnum, "", false], [IntFlag, 0n, true]] as const) {
  markClass(cls);
  const valueType = typeOf(value);
  showMro(cls, [cls, valueType, ReprEnum, ...(flag ? [Flag] : []), Enum], [valueType, ReprEnum, ...(flag ? [Flag] : [])]);
}

/** The base of `class X(int, ReprEnum)`: the value's str() and format(). */
export function reprMixedBase(kind: "int" | "str" | "float"): AnyClass {
  return mixedEnum(Enum, kind, true, "ReprEnum");
}

const isFlagClass = (cls: unknown): boolean => typeof cls === "function" && (cls === Flag || cls === IntFlag || (cls as { prototype?: unknown }).prototype instanceof Flag || "_boundary_" in cls);
const isEnumClass = (cls: unknown): boolean => typeof cls === "function" && ((cls as { prototype?: unknown }).prototype instanceof Enum || MIXED_ENUM in cls);

function bitsLsb(n: bigint): bigint[] {
  const out: bigint[] = [];
  for (let bit = 1n; bit <= n; bit <<= 1n) if ((n & bit) !== 0n) out.push(bit);
  return out;
}

/** `enum.show_flag_values(value)`: the single bits of value, lowest first. */
export function show_flag_values(value: bigint): bigint[] {
  return bitsLsb(value);
}

const pairs = (cls: any): [string, any][] => (cls as { [NAMES]?: [string, any][] })[NAMES] ?? [];
const bigintValue = (m: any): bigint => BigInt(m.value as bigint);

function checkUnique(cls: any): void {
  const dups = pairs(cls).filter(([n, m]) => n !== m.name).map(([n, m]) => `${n} -> ${m.name}`);
  if (dups.length) throw new ValueError(`aliases found in ${repr(cls)}: ${dups.join(", ")}`);
}

function checkContinuous(cls: any, flag: boolean): void {
  const values = [...new Set([...(cls as Iterable<any>)].map(bigintValue))];
  if (values.length < 2) return;
  const low = values.reduce((a, b) => (b < a ? b : a));
  const high = values.reduce((a, b) => (b > a ? b : a));
  const missing: bigint[] = [];
  const highBit = (n: bigint): bigint => BigInt(n.toString(2).length - 1);
  if (flag) {
    for (let i = highBit(low) + 1n; i < highBit(high); i++) if (!values.includes(1n << i)) missing.push(1n << i);
  } else {
    for (let i = low + 1n; i < high; i++) if (!values.includes(i)) missing.push(i);
  }
  const name = String(getattr(cls, "__name__"));
  if (missing.length) throw new ValueError(`invalid ${flag ? "flag" : "enum"} '${name}': missing values ${missing.join(", ")}`.slice(0, 256));
}

function checkNamedFlags(cls: any): void {
  // The canonical (single-bit) members; the other names are aliases.
  const names = [...(cls as Iterable<any>)].map((m) => String(m.name));
  const values = [...(cls as Iterable<any>)].map(bigintValue);
  const missingNames: string[] = [];
  let missingValue = 0n;
  for (const [name, alias] of pairs(cls)) {
    if (names.includes(name) || bigintValue(alias) < 0n) continue;
    const missed = bitsLsb(bigintValue(alias)).filter((v) => !values.includes(v));
    if (missed.length) {
      missingNames.push(name);
      missingValue |= missed.reduce((a, b) => a | b);
    }
  }
  if (!missingNames.length) return;
  const alias = missingNames.length === 1 ? `alias ${missingNames[0]} is missing` : `aliases ${missingNames.slice(0, -1).join(", ")} and ${missingNames.at(-1)} are missing`;
  const single = (missingValue & (missingValue - 1n)) === 0n;
  const value = single ? `value 0x${missingValue.toString(16)}` : `combined values of 0x${missingValue.toString(16)}`;
  const name = String(getattr(cls, "__name__"));
  throw new ValueError(`invalid Flag '${name}': ${alias} ${value} [use enum.show_flag_values(value) for details]`);
}

/** `@verify(UNIQUE, CONTINUOUS, NAMED_FLAGS)`: checks the enumeration, CPython's messages. */
export function verify(...checks: unknown[]): <C>(cls: C) => C {
  return <C>(cls: C): C => {
    const flag = isFlagClass(cls);
    if (!flag && !isEnumClass(cls)) throw new PyTypeError("the 'verify' decorator only works with Enum and Flag");
    for (const check of checks) {
      if (check === UNIQUE) checkUnique(cls);
      else if (check === CONTINUOUS) checkContinuous(cls, flag);
      else if (check === NAMED_FLAGS) checkNamedFlags(cls);
    }
    return cls;
  };
}

/**
 * `@global_enum`: members show as `module.NAME` (repr) and `NAME` (str). CPython also adds
 * the members to the module's globals; pyts's modules bind names at compile time, so that
 * part is not done (the program names them through the class).
 */
export function global_enum<C>(cls: C, updateStr = false): C {
  const c = cls as any;
  const module = (): string => String(getattr(c, "__module__")).split(".").at(-1)!;
  const flag = isFlagClass(c);
  Object.defineProperty(c.prototype, "__repr__", {
    value(this: any) {
      if (!flag) return `${module()}.${this.name}`;
      if (this.name === null) return `${module()}.${String(getattr(c, "__name__"))}(${repr(this.value)})`;
      return String(this.name).split("|").map((n) => (/^[0-9]/.test(n) ? n : `${module()}.${n}`)).join("|");
    },
    writable: true,
    configurable: true,
  });
  if (!(c.prototype instanceof ReprEnum || VALUE_STR in c) || updateStr) {
    Object.defineProperty(c.prototype, "__str__", {
      value(this: any) {
        return this.name === null ? `${String(getattr(c, "__name__"))}(${repr(this.value)})` : String(this.name);
      },
      writable: true,
      configurable: true,
    });
  }
  return cls;
}

/**
 * `enum.property`: a DynamicClassAttribute that reads as a property through a member and, through
 * the enum class, as the member of its name (an AttributeError when there is none).
 */
export class property extends DynamicClassAttribute {
  static override readonly __module__ = "enum";
  name: unknown = null;
  clsname: unknown = null;

  override __get__(instance: unknown, owner: unknown = null): unknown {
    if ((instance === null || instance === undefined) || this.fget === null) {
      try {
        return getitem(getattr(owner, "__members__"), this.name);
      } catch (e) {
        if (!(e instanceof KeyError)) throw e;
        throw new AttributeError(`${repr(owner)} has no attribute ${repr(this.name)}`);
      }
    }
    return callValue(this.fget, instance);
  }

  override __set__(instance: unknown, value: unknown): null {
    if (this.fset === null) throw new AttributeError(`<enum ${repr(this.clsname)}> cannot set attribute ${repr(this.name)}`);
    callValue(this.fset, instance, value);
    return null;
  }

  override __delete__(instance: unknown): null {
    if (this.fdel === null) throw new AttributeError(`<enum ${repr(this.clsname)}> cannot delete attribute ${repr(this.name)}`);
    callValue(this.fdel, instance);
    return null;
  }

  __set_name__(owner: unknown, name: unknown): null {
    this.name = name;
    this.clsname = getattr(owner, "__name__");
    return null;
  }
}

// (`EnumType.mro`: type's method descriptor, which the metaclass inherits from type)
Object.defineProperty(EnumType, functionKey("mro"), { value: (type as unknown as Record<string, unknown>)[functionKey("mro")], writable: true, configurable: true });

export const enumModule = moduleObject("enum", {
  Enum, Flag, IntEnum, IntFlag, StrEnum, ReprEnum, EnumType, EnumMeta: EnumType, FlagBoundary, STRICT, CONFORM, EJECT, KEEP,
  EnumCheck, CONTINUOUS, NAMED_FLAGS, UNIQUE, auto, unique, verify, member, nonmember, global_enum, show_flag_values, property: pyClass(property),
  defineMembers, memberValue, mixedBase, reprMixedBase,
  ...enumGlobalNames,
});
