// enum's module-level helpers for members exported into their module (global_enum's reprs
// and str), the pickling reductions, and `enum.bin` (two's complement for negatives).

import { getattr } from "../values/builtin-functions.js";
import { builtinFunction } from "../values/builtin-type.js";
import { repr, toStr } from "../values/repr.js";
import { bitand, sub } from "../values/arithmetic.js";
import { eq } from "../values/compare.js";
import { Tuple } from "../values/tuple.js";

const nameOf = (member: unknown): string | null => getattr(member, "_name_", null) as string | null;
const moduleOf = (member: unknown): string => String(getattr(getattr(member, "__class__"), "__module__")).split(".").pop()!;
const classNameOf = (member: unknown): string => String(getattr(getattr(member, "__class__"), "__name__"));

/** `global_enum_repr(self)`: "module.NAME". */
function global_enum_repr(self: unknown): string {
  return `${moduleOf(self)}.${nameOf(self)}`;
}

/** CPython's `_is_single_bit(self)`, on the member itself (so a plain Flag raises TypeError, as there). */
function isSingleBit(num: unknown): boolean {
  if (eq(num, 0n)) return false;
  return eq(bitand(num, sub(num, 1n)), 0n);
}

/** `global_flag_repr(self)`: "module.A|module.B", "module.Cls(value)" without a name. */
function global_flag_repr(self: unknown): string {
  const module = moduleOf(self);
  const name = nameOf(self);
  if (name === null) return `${module}.${classNameOf(self)}(${repr(getattr(self, "_value_"))})`;
  if (isSingleBit(self)) return `${module}.${name}`;
  const boundary = getattr(getattr(self, "__class__"), "_boundary_", null);
  const keep = boundary !== null && toStr(boundary) === "keep";
  const parts = String(getattr(self, "name")).split("|");
  return parts.map((n) => (keep && /^\d/.test(n) ? n : `${module}.${n}`)).join("|");
}

/** `global_str(self)`: the member's name, or "Cls(value)" for a nameless one. */
function global_str(self: unknown): string {
  const name = nameOf(self);
  return name === null ? `${classNameOf(self)}(${repr(getattr(self, "_value_"))})` : name;
}

/** `pickle_by_enum_name(self, proto)`: (getattr, (cls, name)). */
function pickle_by_enum_name(self: unknown, _proto: unknown): Tuple {
  return Tuple.of(getattr, Tuple.of(getattr(self, "__class__"), nameOf(self)));
}

/** `pickle_by_global_name(self, proto)`: the member's name (a module global). */
function pickle_by_global_name(self: unknown, _proto: unknown): unknown {
  return getattr(self, "name");
}

/** `enum.bin(num, max_bits=None)`: "0b" digits, negatives in two's complement with a leading 1. */
function bin(num: unknown, maxBits: unknown = null): string {
  const n = BigInt(num as bigint);
  const bitLength = (n < 0n ? -n : n).toString(2).length - (n === 0n ? 1 : 0);
  const ceiling = 1n << BigInt(bitLength);
  const s = n >= 0n ? "0b" + (n + ceiling).toString(2).replace("1", "0") : "0b" + (((~n) ^ (ceiling - 1n)) + ceiling).toString(2);
  const sign = s.slice(0, 3);
  let digits = s.slice(3);
  if (maxBits !== null && maxBits !== undefined && digits.length < Number(maxBits)) {
    digits = (sign[sign.length - 1]!.repeat(Number(maxBits)) + digits).slice(-Number(maxBits));
  }
  return `${sign} ${digits}`;
}

export const enumGlobalNames = {
  global_enum_repr,
  global_flag_repr,
  global_str,
  pickle_by_enum_name,
  pickle_by_global_name,
  bin: builtinFunction(bin, "bin"),
};
