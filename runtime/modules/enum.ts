// Python's `enum`: `class Color(Enum): RED = 1` becomes a TS class extending `enum.Enum`,
// and the lowering adds `static { enum.defineMembers(this, ["RED", ...]) }`, which turns the
// class attributes into the enumeration's members.
import { RAW_DESCRIPTOR } from "../lang/descriptors.js";
import { functionKey } from "../lang/attr-names.js";
import { Dict } from "../values/dict.js";
import { MappingProxyType } from "./types.js";
import { AttributeError, KeyError, NotImplementedError, PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { eq } from "../values/compare.js";
import { CLASS_REPR, repr, strRepr, toStr } from "../values/repr.js";
import { getattrImpl as getattr } from "../values/attributes.js";
import { MIXED_ENUM, mixedEnum, mixedMemberValue } from "./enum-mixed.js";
import { PRIMITIVE } from "../values/wrapped.js";
import { NotImplemented } from "../values/singletons.js";
import { Kwargs, kw, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { objectInitSubclass } from "../lang/class-creation.js";
import { AUTO_NULL, AutoValue, BODY, defaultGenerate, flagGenerate, strGenerate, isMemberName, memberNew, memberValue, type BodyState } from "./enum-body.js";
import { CLASS_BODY_NAMES } from "../values/namespaces.js";
import { PENDING } from "./enum-mixed.js";
import { functionalEnum } from "./enum-functional.js";
import { mroOf } from "../lang/mro.js";
import { isUserClass } from "../lang/class-attributes.js";
import { PYTHON_TYPE } from "../values/wrapped.js";
import { callValue } from "./pycall.js";
import { object } from "../values/builtin-types.js";
import { format } from "../values/format-spec.js";
import { flagBin } from "./enum-flag-bits.js";

const ENUM_CALL = Symbol.for("pyts.enum.call");

/** The class's own `type()` when not `type` (`EnumType` for enumerations). */
export const CLASS_TYPE = Symbol.for("pyts.classType");

/** A Flag class's boundary as its value: "strict", "conform", "eject" or "keep". */
function boundaryOf(cls: unknown): string {
  const b = (cls as { _boundary_?: unknown })._boundary_;
  if (b === undefined) return KEEP_BITS in (cls as object) ? "keep" : "strict";
  return String((b as { value?: unknown }).value ?? b);
}

const MEMBERS = Symbol.for("pyts.enum.members");
/** Marks Enum and its subclasses (runtime/values/methods.ts reads it). */
const ENUM_CLASS: unique symbol = Symbol.for("pyts.enum.class") as never;
/** Every member name with its member, aliases included (`__members__`). */
export const NAMES = Symbol.for("pyts.enum.names");

/** `auto()`: the value `_generate_next_value_` gives (enum-body.ts resolves it in the class body). */
export function auto(value: unknown = AUTO_NULL): AutoValue {
  return new AutoValue(value);
}

/** `enum.EnumType` (`EnumMeta`): `type(Color)`, and `isinstance(Color, EnumType)`. */
export class EnumType {
  static readonly __module__ = "enum";
  static readonly pythonName = "EnumType";
  /** type's `mro` method descriptor (enum-extras.ts installs it). */
  declare static mro: (cls: unknown) => unknown[];

  static [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === "function" && (x === Enum || (x as { prototype?: unknown }).prototype instanceof Enum || MIXED_ENUM in x);
  }
}

export class Enum {
  static readonly __module__ = "enum";
  /** (EnumType's `__getattr__` raises `AttributeError(name)` for a name the class lacks: methods.ts) */
  static readonly [ENUM_CLASS] = true;

  /** `isinstance(IntEnum member, Enum)`: members of the mixed bases (enum-mixed.ts) count. */
  static [Symbol.hasInstance](this: Function, x: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
    if (x === null || typeof x !== "object") return false;
    const ctor = (x as { constructor?: unknown }).constructor;
    if (typeof ctor !== "function") return false;
    if (this === Enum && MIXED_ENUM in ctor) return true;
    // (`class Pair(tuple, Enum)` derives from the tuple base in JS: Enum is in its MRO)
    return ctor !== this && (mroOf(ctor as never) as unknown[]).includes(this);
  }
  /** A write to the body's `vars()` (`Period['day_%d' % i] = i`): a member-to-be's value, as `_EnumDict` takes it. */
  static [Symbol.for("pyts.classBodyStore")](this: Function, name: string, value: unknown): unknown {
    return memberValue(this, name, value);
  }

  /** `EnumType.__repr__`: `<enum 'Color'>`. */
  static [CLASS_REPR](this: Function): string {
    return `<enum ${strRepr(String(getattr(this, "__name__")))}>`;
  }

  /** `type(Color)` is `EnumType` (enum-extras.ts sets it; values/builtin-types.ts reads it). */
  static [CLASS_TYPE]: unknown = EnumType;

  /** The class keywords of an enumeration: `boundary=` (Flag's), others as `object`'s. */
  static __init_subclass__(this: Function, ...args: unknown[]): null {
    const [, keywords] = splitKw(args);
    const { boundary, ...rest } = keywords as Record<string, unknown>;
    if (boundary !== undefined) Object.defineProperty(this, "_boundary_", { value: boundary, writable: true, configurable: true });
    return objectInitSubclass.call(this, kw(rest));
  }

  declare name: string;
  declare value: unknown;

  /** `Enum._generate_next_value_`: the last value plus one. */
  static _generate_next_value_(name: string, start: unknown, count: bigint, last: unknown[]): unknown {
    return defaultGenerate(name, start, count, last);
  }

  /** `new Color(1)`: the member with that value; `new Enum("Color", "RED GREEN")`: a new enumeration. */
  constructor(value?: unknown, ...rest: unknown[]) {
    // (a member being made: the class's `__init__` runs on it, enum-body.ts)
    const made = PENDING.member;
    if (made !== null) {
      PENDING.member = null;
      return made as Enum;
    }
    return (Enum as unknown as Record<symbol, (args: unknown[]) => Enum>)[ENUM_CALL]!.call(new.target, [value, ...rest]);
  }

  /** `EnumType.__call__`: `Color(value)` looks the member up; with names, the functional API. */
  static [ENUM_CALL](this: Function, args: unknown[]): unknown {
    // (`value=` and `names=` may be keywords: `Enum(value="Color", names=[...])`)
    const last = args[args.length - 1];
    if (last instanceof Kwargs && !isEmptyKw(last)) args = namedCallArgs(args, last);
    if (args.length > 1 && !(args.length === 2 && isEmptyKw(args[1]))) return functionalEnum(this, args);
    const value = args[0];
    const members = (this as unknown as { [MEMBERS]?: Enum[] })[MEMBERS] ?? [];
    const found = members.find((m) => eq(m.value, value)) ?? (this as unknown as { _missing_?(v: unknown): Enum | undefined })._missing_?.(value);
    if (found === undefined || found === null) throw new ValueError(`${repr(value)} is not a valid ${String(getattr(this, "__qualname__"))}`);
    return found;
  }

  get _name_(): string {
    return this.name;
  }

  get _value_(): unknown {
    return this.value;
  }

  /** `obj._value_ = value` in an enumeration's `__new__`: the member's value. */
  set _value_(value: unknown) {
    Object.defineProperty(this, "_value_", { value, writable: true, configurable: true, enumerable: false });
  }

  __repr__(): string {
    return `<${this.constructor.name}.${this.name}: ${repr(this.value)}>`;
  }

  __str__(): string {
    return `${this.constructor.name}.${this.name}`;
  }

  /** `Enum.__format__` (3.11): str()'s text formatted as a str (`f"{m:>8}"`; `f"{m:d}"` is a ValueError). */
  __format__(spec: string): string {
    return format(toStr(this), spec);
  }

  __hash__(): bigint {
    let h = 0;
    for (const ch of `${this.constructor.name}.${this.name}`) h = (h * 31 + ch.charCodeAt(0)) | 0;
    return BigInt(h);
  }

  // The class protocol of an enumeration (EnumType's methods in CPython), found on the class.
  // (`any`: a subclass's members have the attributes its `__init__` sets)
  static [Symbol.iterator](this: { [MEMBERS]?: Enum[] }): Iterator<any> {
    return (this[MEMBERS] ?? [])[Symbol.iterator]();
  }

  static __iter__(this: { [MEMBERS]?: Enum[] }): Iterator<Enum> {
    return (this[MEMBERS] ?? [])[Symbol.iterator]();
  }

  /** `reversed(Color)`: the members, last first. */
  static __reversed__(this: { [MEMBERS]?: Enum[] }): Iterator<Enum> {
    return [...(this[MEMBERS] ?? [])].reverse()[Symbol.iterator]();
  }

  /** `Color.RED in Color`; in 3.11 a non-member operand is a TypeError. */
  static __contains__(this: Function, member: unknown): boolean {
    if (!(member instanceof Enum)) {
      throw new PyTypeError(`unsupported operand type(s) for 'in': '${typeName(member)}' and 'EnumType'`);
    }
    return member instanceof this && ((this as { [MEMBERS]?: Enum[] })[MEMBERS] ?? []).includes(member);
  }

  /** The canonical members' names, in definition order (aliases left out). */
  static get _member_names_(): string[] {
    return ((this as unknown as { [MEMBERS]?: Enum[] })[MEMBERS] ?? []).map((m) => m.name);
  }

  static __len__(this: { [MEMBERS]?: Enum[] }): bigint {
    return BigInt((this[MEMBERS] ?? []).length);
  }

  /** `Color["RED"]`. */
  static __class_getitem__(this: { [MEMBERS]?: Enum[] }, name: unknown): Enum {
    const found = (this[MEMBERS] ?? []).find((m) => m.name === name);
    if (!found) throw new KeyError(name);
    return found;
  }

  /** Every name, aliases included, to its member (a read-only mappingproxy). */
  static get __members__(): MappingProxyType {
    return new MappingProxyType(new Dict((this as unknown as { [NAMES]?: [string, Enum][] })[NAMES] ?? []));
  }
}

/** `enum.member(value)`: makes a member of what would not be one. */
class MemberMark {
  static readonly __module__ = "enum";
  static readonly pythonName = "member";
  constructor(public value: unknown) {}
}

/** `enum.nonmember(value)`: keeps a class attribute out of the members. */
class NonMemberMark {
  static readonly __module__ = "enum";
  static readonly pythonName = "nonmember";
  constructor(public value: unknown) {}
}

/** `enum.member(value)`. */
export function member(value: unknown): MemberMark {
  return new MemberMark(value);
}

/** `enum.nonmember(value)`. */
export function nonmember(value: unknown): NonMemberMark {
  return new NonMemberMark(value);
}

/**
 * `EnumType.__call__(cls, value, names=None, ...)` called with `value=` or `names=` as keywords:
 * the same call with them positional; without names (or `names=None`) only the value remains,
 * a member lookup (the other keywords apply only to the functional API).
 */
function namedCallArgs(args: unknown[], marker: Kwargs): unknown[] {
  const pos = args.slice(0, -1);
  const { value, names, ...rest } = marker.values;
  if (value !== undefined) {
    if (pos.length > 0) throw new PyTypeError("EnumType.__call__() got multiple values for argument 'value'");
    pos.push(value);
  }
  if (names !== undefined) {
    if (pos.length > 1) throw new PyTypeError("EnumType.__call__() got multiple values for argument 'names'");
    if (pos.length === 0) throw new PyTypeError("EnumType.__call__() missing 1 required positional argument: 'value'");
    pos.push(names);
  }
  const named = pos.length > 1 && pos[1] !== null;
  if (!named) return pos.slice(0, 1);
  return Object.keys(rest).length > 0 ? [...pos, kw(rest)] : pos;
}

function isEmptyKw(x: unknown): boolean {
  return x instanceof Kwargs && Object.keys(x.values).length === 0;
}

function refuseSet(key: string): never {
  throw new AttributeError(`<enum 'Enum'> cannot set attribute '${key}'`);
}

function refuseReassign(name: string): never {
  throw new AttributeError(`cannot reassign member '${name}'`);
}

/**
 * The data type of an enumeration (EnumType._find_data_type_): the first class of `cls`'s JS
 * chain that is no enumeration (`timedelta` for `class Period(timedelta, Enum)`, the tuple base
 * for `class Pair(tuple, Enum)`), else the first class of its MRO defining `__new__`. A mixin
 * that only defines `__init__` or methods (`class P(Point, Enum)`) gives none: `object`.
 */
function dataTypeOf(cls: Function): Function | null {
  for (let c = Object.getPrototypeOf(cls) as Function; typeof c === "function" && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function) {
    // (a program's class is one only with a `__new__` of its own)
    if (c !== Enum && !(c.prototype instanceof Enum) && (!isUserClass(c) || Object.hasOwn(c, "__new__"))) return c;
  }
  for (const c of mroOf(cls as never).slice(1) as Function[]) {
    if (c === Enum || c.prototype instanceof Enum) continue;
    if (Object.hasOwn(c, "__new__")) return c;
  }
  return null;
}

/** The Python type a data type's value is made by (`tuple` for the tuple base). */
function valueType(dataType: Function): unknown {
  return (dataType as { [PYTHON_TYPE]?: unknown })[PYTHON_TYPE] ?? dataType;
}

/**
 * EnumType's check after the class is made: `__repr__`, `__str__` and `__format__` the class
 * reaches from its data type (or from nowhere, object's) are Enum's; another mixin's stay.
 */
function enumDunders(cls: Function, dataType: Function | null): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const key of ["__repr__", "__str__", "__format__"]) {
    const found = proto[key];
    const fromData = dataType !== null && found === (dataType.prototype as Record<string, unknown>)[key];
    if (found === undefined || fromData) Object.defineProperty(proto, key, Object.getOwnPropertyDescriptor(Enum.prototype, key)!);
  }
}

/** Turn the named class attributes of an Enum subclass into its members, in order. */
export function defineMembers(cls: any, names: string[]): void {
  // (names the body bound through `vars()` join those its statements bind)
  if (Object.hasOwn(cls, CLASS_BODY_NAMES)) names = [...names, ...(cls[CLASS_BODY_NAMES] as string[]).filter((n) => !names.includes(n))];
  const members: Enum[] = [];
  const named: [string, Enum][] = [];
  let last = 0n;
  const body: BodyState | undefined = Object.hasOwn(cls, BODY) ? cls[BODY] : undefined;
  // (filled as members are made: a `__new__` may read `len(cls.__members__)`)
  Object.defineProperty(cls, MEMBERS, { value: members });
  Object.defineProperty(cls, NAMES, { value: named });
  const makeMember = memberNew(cls);
  const dataType = MIXED_ENUM in cls ? null : dataTypeOf(cls);
  const tupleData = dataType !== null && (dataType === Tuple || dataType.prototype instanceof Tuple);
  if (!(MIXED_ENUM in cls)) enumDunders(cls, dataType);
  if (!Object.hasOwn(cls, "_member_type_") && !(MIXED_ENUM in cls)) Object.defineProperty(cls, "_member_type_", { value: dataType === null ? object : valueType(dataType), writable: true, configurable: true });
  for (const name of names) {
    // (the class-side key: a member may be called `then` or `constructor`)
    const key = functionKey(name);
    if (body?.ignore.includes(name)) {
      delete cls[key];
      continue;
    }
    // (a descriptor the body assigned, `label = enum.property(...)`, is read through: no member)
    const own = Object.getOwnPropertyDescriptor(cls, key);
    if (own?.get !== undefined && (own.get as { [RAW_DESCRIPTOR]?: unknown })[RAW_DESCRIPTOR] !== undefined) continue;
    if (!isMemberName(cls, name) || typeof cls[key] === "function") continue;
    let value: unknown = cls[key];
    if (value instanceof NonMemberMark) {
      Object.defineProperty(cls, key, { value: value.value, configurable: true, writable: true, enumerable: true });
      continue;
    }
    if (value instanceof MemberMark) value = value.value;
    // (an auto() the body did not resolve: Flag's next power of two, else the last int + 1)
    if (value instanceof AutoValue) value = value.value !== AUTO_NULL ? value.value : cls.prototype instanceof Flag || KEEP_BITS in cls ? (last === 0n ? 1n : 1n << BigInt(last.toString(2).length)) : last + 1n;
    if (typeof value === "bigint") last = value;
    let args = value instanceof Tuple && value.constructor === Tuple ? [...value.items] : [value];
    // (a tuple data type takes the arguments as one tuple: `A = (1, 2)` is `tuple((1, 2))`)
    if (tupleData) args = [Tuple.from(args)];
    let made: Enum | undefined;
    if (makeMember !== undefined) {
      // The body's `__new__` makes the member and may set its `_value_`; else the value is the
      // assigned one (the mixed type's conversion of it).
      made = makeMember.apply(cls, args) as Enum;
      // (the data type's `__new__`, `class Coin(Money, Enum)`'s: the value is `Money(*args)`)
      const fromData = dataType !== null && makeMember === (dataType as { __new__?: unknown }).__new__;
      value = Object.hasOwn(made, "_value_") ? (made as { _value_: unknown })._value_ : fromData ? callValue(valueType(dataType), ...args) : mixedMemberValue(cls, value);
    } else value = mixedMemberValue(cls, value);
    // A repeated value makes an alias of the first member, as in Python.
    const alias = members.find((m) => eq(m.value, value));
    let member = alias ?? made ?? (Object.create(cls.prototype) as Enum);
    if (!alias && MIXED_ENUM in cls && !Object.hasOwn(member, PRIMITIVE)) Object.defineProperty(member, PRIMITIVE, { value, enumerable: false });
    if (!alias) {
      // (`member.value = x` is refused as Enum's read-only properties refuse it)
      for (const [key, held] of [["name", name], ["value", value]] as const) {
        Object.defineProperty(member, key, { get: () => held, set: () => refuseSet(key), enumerable: true, configurable: true });
      }
      // The class's `__init__` runs on the new member with the value (a tuple's items) as arguments.
      const prepared = member;
      if (makeMember !== undefined) {
        // (the body's `__new__` made it: its `__init__` runs on it, as EnumType does)
        const init = (member as { __init__?: unknown }).__init__;
        if (typeof init === "function") init.apply(member, args);
      } else {
        PENDING.member = member;
        try {
          member = Reflect.construct(cls, args) as Enum;
        } finally {
          PENDING.member = null;
        }
        // A mixin's `__init__` (a method the JS constructor does not run) runs on the member.
        const init = (member as { __init__?: unknown }).__init__;
        if (member === prepared && typeof init === "function") init.apply(member, args);
      }
      // `class Period(timedelta, Enum)`: the data type's constructor made the member (as
      // `timedelta.__new__(Period, *args)`); its value is `timedelta(*args)`.
      if (member !== prepared && makeMember === undefined && !(MIXED_ENUM in cls)) {
        const held = dataType !== null ? callValue(valueType(dataType), ...args) : value;
        for (const [key, v] of [["name", name], ["value", held]] as const) {
          Object.defineProperty(member, key, { get: () => v, set: () => refuseSet(key), enumerable: true, configurable: true });
        }
      }
      members.push(member);
    }
    const bound = member;
    Object.defineProperty(cls, key, { get: () => bound, set: () => refuseReassign(name), configurable: true, enumerable: true });
    named.push([name, member]);
  }
}

/** `@unique`: refuses an Enum with aliases (a value given to two names). */
export function unique<C>(cls: C): C {
  const named = (cls as { [NAMES]?: [string, Enum][] })[NAMES] ?? [];
  const duplicates = named.filter(([name, member]) => name !== member.name).map(([name, member]) => `${name} -> ${member.name}`);
  // CPython's enum classes show as `<enum 'Name'>`.
  const name = String(getattr(cls, "__name__"));
  if (duplicates.length > 0) throw new ValueError(`duplicate values found in <enum '${name}'>: ${duplicates.join(", ")}`);
  return cls;
}

type FlagClass = typeof Flag & { [MEMBERS]?: Flag[]; [PSEUDO]?: Map<bigint, Flag> };
const PSEUDO = Symbol("pyts.enum.pseudo");
/** Marks IntFlag (boundary KEEP): unknown bits are kept, ints combine with members. */
const KEEP_BITS = Symbol("pyts.enum.keepBits");


// (functions, not members of Flag: no Python attributes of the class or its members)
/** The single-bit members, in definition order (what iterating the class gives). */
function flagCanonical(cls: FlagClass): Flag[] {
  return (cls[MEMBERS] ?? []).filter((m) => typeof m.value === "bigint" && m.value > 0n && (m.value & (m.value - 1n)) === 0n);
}

function flagMask(cls: FlagClass): bigint {
  return (cls[MEMBERS] ?? []).reduce((acc, m) => acc | m.value, 0n);
}

function makeFlag(flag: Flag, value: bigint): Flag {
  return new (flag.constructor as new (v: bigint) => Flag)(value);
}

function isSameFlagClass(flag: Flag, other: unknown): other is Flag {
  return other instanceof (flag.constructor as Function);
}

/** The other operand's bits: a member of this class, or for IntFlag any int. */
function flagOperand(flag: Flag, other: unknown): bigint | undefined {
  if (isSameFlagClass(flag, other)) return other.value;
  if (KEEP_BITS in flag.constructor && (typeof other === "bigint" || typeof other === "boolean")) return BigInt(other);
  return undefined;
}

/** `enum.Flag` (3.11, boundary STRICT): members combine with `|`, `&`, `^`, `~`. */
export class Flag extends Enum {
  declare value: bigint;
  /** The FlagBoundary (STRICT; IntFlag's KEEP; `class F(Flag, boundary=...)`), set in enum-extras.ts. */
  declare static _boundary_: unknown;

  static [CLASS_REPR](this: Function): string {
    return `<flag ${strRepr(String(getattr(this, "__name__")))}>`;
  }

  /** `Flag._generate_next_value_`: the next power of two. */
  static _generate_next_value_(name: string, start: unknown, count: bigint, last: unknown[]): unknown {
    return flagGenerate(name, start, count, last);
  }

  /**
   * A value no member has: the combination of members it names (made once per value). STRICT
   * (Flag) refuses bits outside the members; KEEP (IntFlag) names them as a number.
   */
  static _missing_(this: FlagClass, given: unknown): Flag | undefined {
    if (typeof given !== "bigint") return undefined;
    let value: bigint = given;
    const mask = flagMask(this);
    const boundary = boundaryOf(this);
    const keep = boundary === "keep";
    const bitLength = (n: bigint): number => (n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length);
    const allBits = (1n << BigInt(bitLength(mask))) - 1n;
    // In range: -allBits-1 ... allBits, with no bit the members skip (Lib/enum.py's check).
    if (value < ~allBits || value > allBits || (value & (allBits ^ mask)) !== 0n) {
      if (boundary === "strict") {
        const maxBits = Math.max(bitLength(value), bitLength(mask));
        const name = String(getattr(this, "__name__"));
        throw new ValueError(`<flag '${name}'> invalid value ${repr(value)}\n    given ${flagBin(value, maxBits)}\n  allowed ${flagBin(mask, maxBits)}`);
      } else if (boundary === "conform") value = value & mask;
      else if (boundary === "eject") {
        throw new NotImplementedError(`pyts: boundary EJECT would make ${String(getattr(this, "__name__"))}(${repr(value)}) a plain int, which a class call cannot return`);
      } else if (keep && value < 0n) {
        const span = allBits + 1n > 1n << BigInt(bitLength(value)) ? allBits + 1n : 1n << BigInt(bitLength(value));
        value = span + value;
      }
    }
    // A negative value (`~member`) stands for its bits within the members' width.
    if (value < 0n) value = allBits + 1n + value;
    const flags = value;
    const unknown = flags & ~mask;
    const cache = this[PSEUDO] ?? new Map<bigint, Flag>();
    if (!Object.hasOwn(this, PSEUDO)) Object.defineProperty(this, PSEUDO, { value: cache });
    let pseudo = cache.get(flags);
    if (pseudo === undefined) {
      pseudo = Object.create(this.prototype) as Flag;
      const parts = flagCanonical(this).filter((m) => (m.value & flags) === m.value).map((m) => m.name);
      if (unknown !== 0n) parts.push(String(unknown));
      const name = parts.length > 0 && parts.length > (unknown !== 0n ? 1 : 0) ? parts.join("|") : null;
      Object.defineProperty(pseudo, "name", { value: name, enumerable: true });
      Object.defineProperty(pseudo, "value", { value: flags, enumerable: true });
      if (MIXED_ENUM in this) Object.defineProperty(pseudo, PRIMITIVE, { value: flags, enumerable: false });
      cache.set(flags, pseudo);
    }
    return pseudo;
  }

  static [Symbol.iterator](this: FlagClass): Iterator<any> {
    return flagCanonical(this)[Symbol.iterator]();
  }

  static __iter__(this: FlagClass): Iterator<Flag> {
    return flagCanonical(this)[Symbol.iterator]();
  }

  static __len__(this: FlagClass): bigint {
    return BigInt(flagCanonical(this).length);
  }

  __or__(other: unknown): unknown {
    const bits = flagOperand(this, other);
    return bits === undefined ? NotImplemented : makeFlag(this, this.value | bits);
  }

  __and__(other: unknown): unknown {
    const bits = flagOperand(this, other);
    return bits === undefined ? NotImplemented : makeFlag(this, this.value & bits);
  }

  __xor__(other: unknown): unknown {
    const bits = flagOperand(this, other);
    return bits === undefined ? NotImplemented : makeFlag(this, this.value ^ bits);
  }

  __ror__(other: unknown): unknown {
    return this.__or__(other);
  }

  __rand__(other: unknown): unknown {
    return this.__and__(other);
  }

  __rxor__(other: unknown): unknown {
    return this.__xor__(other);
  }

  __invert__(): Flag {
    const boundary = boundaryOf(this.constructor);
    if (boundary === "keep" || boundary === "eject") return makeFlag(this, ~this.value);
    const singles = flagCanonical(this.constructor as FlagClass).reduce((acc, m) => acc | m.value, 0n);
    return makeFlag(this, singles & ~this.value);
  }

  __contains__(other: unknown): boolean {
    if (!isSameFlagClass(this, other)) {
      throw new PyTypeError(`unsupported operand type(s) for 'in': '${typeName(other)}' and '${typeName(this)}'`);
    }
    return (other.value & this.value) === other.value;
  }

  __bool__(): boolean {
    return this.value !== 0n;
  }

  /** The single-bit members this value holds, in definition order. */
  *[Symbol.iterator](): Iterator<Flag> {
    yield* flagCanonical(this.constructor as FlagClass).filter((m) => (m.value & this.value) === m.value && m.value !== 0n);
  }

  __iter__(): Iterator<Flag> {
    return this[Symbol.iterator]();
  }

  __len__(): bigint {
    return BigInt([...this].length);
  }

  __repr__(): string {
    const cls = this.constructor.name;
    return this.name === null ? `<${cls}: ${repr(this.value)}>` : `<${cls}.${this.name}: ${repr(this.value)}>`;
  }

  __str__(): string {
    const cls = this.constructor.name;
    return this.name === null ? `${cls}(${repr(this.value)})` : `${cls}.${this.name}`;
  }
}

/** `IntEnum`: members are ints (str() and format() give the number). */
export const IntEnum = mixedEnum(Enum, "int", true, "IntEnum");
/** `StrEnum` (3.11): members are strs. */
export const StrEnum = mixedEnum(Enum, "str", true, "StrEnum");
// `StrEnum._generate_next_value_`: auto() is the member's name, lower-cased.
Object.defineProperty(StrEnum, "_generate_next_value_", { value: strGenerate, writable: true, configurable: true });

/** `IntFlag` (3.11): Flag's members and operators on int members, boundary KEEP. */
export const IntFlag = intFlag();

function intFlag(): (new (...args: any[]) => any) & { _boundary_: unknown } & Iterable<any> {
  const cls = mixedEnum(Enum, "int", true, "IntFlag");
  for (const key of Reflect.ownKeys(Flag)) {
    if (key !== "prototype" && key !== "length" && key !== "name") Object.defineProperty(cls, key, Object.getOwnPropertyDescriptor(Flag, key)!);
  }
  for (const key of Reflect.ownKeys(Flag.prototype)) {
    if (key !== "constructor" && key !== "__str__") Object.defineProperty(cls.prototype, key, Object.getOwnPropertyDescriptor(Flag.prototype, key)!);
  }
  Object.defineProperty(cls, KEEP_BITS, { value: true });
  return cls as (new (...args: any[]) => any) & { _boundary_: unknown } & Iterable<any>;
}

/** `class Color(str, Enum)`: the base the lowering extends instead. */
export function mixedBase(kind: "int" | "str" | "float"): (new (...args: any[]) => any) & Iterable<any> {
  return mixedEnum(Enum, kind, false, "Enum");
}

