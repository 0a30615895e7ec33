// unicodedata.UCD and unicodedata.ucd_3_2_0: the Unicode 3.2.0 database IDNA uses, answering
// as CPython's does: its values where they differ from the current database (generated into
// unicode-ucd320-data.ts by scripts/gen_ucd_3_2_0.py from python3's own ucd_3_2_0), the
// current ones elsewhere. Characters 3.2.0 does not assign have no name, are not found by
// lookup (nor are name aliases, which 3.2.0 lacks), and normalize() passes them through.
// Not reproduced: the six normalization corrections CPython applies to 3.2.0's decompositions.

import { KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { bigintOf, codePoint, form, normalizedIn, NO_DEFAULT, text, valueOr } from "./unicode-args.js";
import { charName, lookupCharName } from "./unicode-names.js";
import { bidirectionalTable, categoryTable, combiningTable, decimalTable, decompositionTable, digitTable, eastAsianWidthTable, mirroredTable, numericTable, RunTable, SparseTable } from "./unicode-props.js";
import * as old from "./unicode-ucd320-data.js";
import { declareDataAttributes } from "../values/declared-attributes.js";


/** A run property: 3.2.0's value where it differs ("=": the current one). */
function overlay<T>(table: RunTable<T>, values: string, runs: string, parse: (v: string) => T): (cp: number) => T {
  const changed = new RunTable(values, runs, (v) => v);
  return (cp) => {
    const v = changed.get(cp);
    return v === "=" ? table.get(cp) : parse(v);
  };
}

/** A sparse property: 3.2.0's value where it differs ("-": none). */
function sparseOverlay(table: SparseTable, text: string): (cp: number) => string | undefined {
  const changed = new SparseTable(text);
  return (cp) => {
    const v = changed.get(cp);
    return v === undefined ? table.get(cp) : v === "-" ? undefined : v;
  };
}

const same = (v: string): string => v;
const category = overlay(categoryTable, old.CATEGORY_VALUES, old.CATEGORY_RUNS, same);
const bidirectional = overlay(bidirectionalTable, old.BIDIRECTIONAL_VALUES, old.BIDIRECTIONAL_RUNS, same);
const combining = overlay(combiningTable, old.COMBINING_VALUES, old.COMBINING_RUNS, Number);
const eastAsianWidth = overlay(eastAsianWidthTable, old.EAST_ASIAN_WIDTH_VALUES, old.EAST_ASIAN_WIDTH_RUNS, same);
const mirrored = overlay(mirroredTable, old.MIRRORED_VALUES, old.MIRRORED_RUNS, Number);
const decomposition = sparseOverlay(decompositionTable, old.DECOMPOSITION);
const numeric = sparseOverlay(numericTable, old.NUMERIC);
const decimal = sparseOverlay(decimalTable, old.DECIMAL);
const digit = sparseOverlay(digitTable, old.DIGIT);

/** The type of unicodedata.ucd_3_2_0 (CPython's unicodedata.UCD, which cannot be instantiated). */
export class UCD {
  static readonly __module__ = "unicodedata";
  readonly unidata_version = "3.2.0";
  constructor(token?: symbol) {
    if (token !== MAKE) throw new PyTypeError("cannot create 'unicodedata.UCD' instances");
  }
  name(chr: unknown, fallback: unknown = NO_DEFAULT): unknown {
    const cp = codePoint(chr, "name");
    const found = category(cp) === "Cn" ? null : charName(cp);
    if (found !== null) return found;
    if (fallback !== NO_DEFAULT) return fallback;
    throw new ValueError("no such name");
  }
  lookup(name: unknown): string {
    if (typeof name !== "string") throw new PyTypeError(`lookup() argument must be str, not ${typeName(name)}`);
    const cp = lookupCharName(name);
    // 3.2.0 has no name aliases, and no names for what it does not assign
    if (cp === null || category(cp) === "Cn" || charName(cp) !== name.toUpperCase()) throw new KeyError(`undefined character name '${name}'`);
    return String.fromCodePoint(cp);
  }
  category(chr: unknown): string {
    return category(codePoint(chr, "category", false));
  }
  bidirectional(chr: unknown): string {
    return bidirectional(codePoint(chr, "bidirectional", false));
  }
  combining(chr: unknown): bigint {
    return BigInt(combining(codePoint(chr, "combining", false)));
  }
  east_asian_width(chr: unknown): string {
    return eastAsianWidth(codePoint(chr, "east_asian_width", false));
  }
  mirrored(chr: unknown): bigint {
    return BigInt(mirrored(codePoint(chr, "mirrored", false)));
  }
  decomposition(chr: unknown): string {
    return decomposition(codePoint(chr, "decomposition", false)) ?? "";
  }
  decimal(chr: unknown, fallback: unknown = NO_DEFAULT): unknown {
    return valueOr(bigintOf(decimal(codePoint(chr, "decimal"))), fallback, "not a decimal");
  }
  digit(chr: unknown, fallback: unknown = NO_DEFAULT): unknown {
    return valueOr(bigintOf(digit(codePoint(chr, "digit"))), fallback, "not a digit");
  }
  numeric(chr: unknown, fallback: unknown = NO_DEFAULT): unknown {
    const value = numeric(codePoint(chr, "numeric"));
    return valueOr(value === undefined ? undefined : Number(value), fallback, "not a numeric character");
  }
  normalize(f: unknown, s: unknown): string {
    return normalizedIn(category, text(s, "normalize"), form(f));
  }
  is_normalized(f: unknown, s: unknown): boolean {
    const t = text(s, "is_normalized");
    return normalizedIn(category, t, form(f)) === t;
  }
  __repr__(): string {
    return "<unicodedata.UCD object at 0x7f0000000000>";
  }
}

const MAKE = Symbol("UCD");
export const ucd_3_2_0 = new UCD(MAKE);

// (`unicodedata.UCD.unidata_version`: a member descriptor in CPython)
declareDataAttributes(UCD, "member", "unidata_version");
