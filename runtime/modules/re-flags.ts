// `re.RegexFlag`: the flags as int-valued members (`re.I == 2`, `re.I + 1 == 3`) that print as
// CPython 3.11's do (`re.IGNORECASE|re.MULTILINE`), combine with | & ^ ~ into flags, and give
// `name` and `value`. Members are wrapped ints (values/wrapped.ts) of an int subclass.

import { IntBase } from "../lang/value-subclasses.js";
import { NotImplemented } from "../values/singletons.js";
import { asIndex } from "../values/slice.js";
import { IntValue, PRIMITIVE, unwrap, wrapValue } from "../values/wrapped.js";
import { ValueError } from "../values/exceptions.js";
import { CLASS_REPR } from "../values/repr.js";
import { RE_FLAGS } from "./re-error.js";
import { declareClassValues } from "../values/declared-attributes.js";

/** The members in definition order (the order their names print in). */
const MEMBERS: ReadonlyArray<[string, number]> = [
  ["ASCII", RE_FLAGS.A],
  ["IGNORECASE", RE_FLAGS.I],
  ["LOCALE", RE_FLAGS.L],
  ["UNICODE", RE_FLAGS.U],
  ["MULTILINE", RE_FLAGS.M],
  ["DOTALL", RE_FLAGS.S],
  ["VERBOSE", RE_FLAGS.X],
  ["TEMPLATE", RE_FLAGS.T],
  ["DEBUG", RE_FLAGS.DEBUG],
];
const ALL = MEMBERS.reduce((bits, [, bit]) => bits | bit, 0);

function bitsOf(x: unknown): bigint | undefined {
  return typeof x === "boolean" ? undefined : asIndex(unwrap(x));
}

export class RegexFlag extends IntBase {
  static readonly pythonName = "RegexFlag";
  static readonly __module__ = "re";
  static readonly __qualname__ = "RegexFlag";

  /** The class prints as its metaclass, enum's EnumType, shows a Flag: `<flag 'RegexFlag'>`. */
  static [CLASS_REPR](): string {
    return "<flag 'RegexFlag'>";
  }
  declare [PRIMITIVE]: bigint;

  // (each member's own: `dir(re.RegexFlag)` lists no `name`/`value`, as CPython's does not)
  declare readonly value: any;
  declare readonly name: any;

  __repr__(): string {
    const value = Number(this[PRIMITIVE]);
    if (value === 0) return "re.NOFLAG";
    const names = MEMBERS.filter(([, bit]) => value & bit).map(([name]) => `re.${name}`);
    const rest = value & ~ALL;
    if (rest) names.push(`0x${rest.toString(16)}`);
    return names.join("|");
  }

  __str__(): string {
    return this.__repr__();
  }

  __format__(spec: string): string {
    return spec === "" ? this.__repr__() : String(this[PRIMITIVE]);
  }

  __or__(other: unknown): any {
    const bits = bitsOf(other);
    return bits === undefined ? NotImplemented : regexFlag(this[PRIMITIVE] | bits);
  }

  __ror__(other: unknown): any {
    return this.__or__(other);
  }

  __and__(other: unknown): any {
    const bits = bitsOf(other);
    return bits === undefined ? NotImplemented : regexFlag(this[PRIMITIVE] & bits);
  }

  __rand__(other: unknown): any {
    return this.__and__(other);
  }

  __xor__(other: unknown): any {
    const bits = bitsOf(other);
    return bits === undefined ? NotImplemented : regexFlag(this[PRIMITIVE] ^ bits);
  }

  __rxor__(other: unknown): any {
    return this.__xor__(other);
  }

  __invert__(): any {
    return regexFlag(BigInt(ALL) & ~this[PRIMITIVE]);
  }

  __contains__(other: unknown): boolean {
    const bits = bitsOf(other);
    if (bits === undefined) return false;
    return (this[PRIMITIVE] & bits) === bits;
  }

  __copy__(): any {
    return this;
  }

  __deepcopy__(_memo: unknown): any {
    return this;
  }
}

const known = new Map<bigint, RegexFlag>();

/** The flag value `bits` (members are shared, as enum members are). */
export function regexFlag(bits: bigint): RegexFlag {
  let flag = known.get(bits);
  if (!flag) {
    flag = wrapValue(IntValue, RegexFlag, bits) as RegexFlag;
    Object.defineProperties(flag, { value: { value: bits }, name: { value: flagName(bits) } });
    known.set(bits, flag);
  }
  return flag;
}

/** A flag's `name`: its members' names joined by `|` (NOFLAG for none). */
function flagName(bits: bigint): string {
  const value = Number(bits);
  if (value === 0) return "NOFLAG";
  return MEMBERS.filter(([, bit]) => value & bit).map(([name]) => name).join("|");
}

/** `re.RegexFlag(value)`: the flag for an int. */
export function regexFlagOf(value: unknown): RegexFlag {
  const bits = bitsOf(value);
  if (bits === undefined) throw new ValueError(`${String(value)} is not a valid RegexFlag`);
  return regexFlag(bits);
}

// (`re.RegexFlag.IGNORECASE`: the members are the class's attributes)
declareClassValues(RegexFlag, Object.fromEntries(MEMBERS.map(([name, bit]) => [name, regexFlag(BigInt(bit))])));
