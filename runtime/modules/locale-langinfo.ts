// locale's nl_langinfo with glibc's item numbers and the C locale's answers (the only locale
// pyts provides; CODESET is UTF-8 as CPython reports at start under a UTF-8 environment, and
// ASCII's name once setlocale has put LC_CTYPE to "C" or "POSIX"), and the
// gettext family as the C library answers with no message catalogs installed: every lookup
// returns its message, while textdomain/bindtextdomain/bind_textdomain_codeset keep the
// settings they are given.

import { Exception, OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { asIndex } from "../values/slice.js";
import { typeName } from "../values/typename.js";

/** locale.Error (the class's own name is its Python name). */
export class Error extends Exception {
  static readonly __module__ = "locale";
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The nl_langinfo items, with glibc's numbers for them (written out so the module's type names each). */
export const LANGINFO_CONSTANTS = {
  CODESET: 14n, RADIXCHAR: 0x10000n, THOUSEP: 0x10001n,
  ABDAY_1: 0x20000n, ABDAY_2: 0x20001n, ABDAY_3: 0x20002n, ABDAY_4: 0x20003n, ABDAY_5: 0x20004n, ABDAY_6: 0x20005n, ABDAY_7: 0x20006n,
  DAY_1: 0x20007n, DAY_2: 0x20008n, DAY_3: 0x20009n, DAY_4: 0x2000an, DAY_5: 0x2000bn, DAY_6: 0x2000cn, DAY_7: 0x2000dn,
  ABMON_1: 0x2000en, ABMON_2: 0x2000fn, ABMON_3: 0x20010n, ABMON_4: 0x20011n, ABMON_5: 0x20012n, ABMON_6: 0x20013n,
  ABMON_7: 0x20014n, ABMON_8: 0x20015n, ABMON_9: 0x20016n, ABMON_10: 0x20017n, ABMON_11: 0x20018n, ABMON_12: 0x20019n,
  MON_1: 0x2001an, MON_2: 0x2001bn, MON_3: 0x2001cn, MON_4: 0x2001dn, MON_5: 0x2001en, MON_6: 0x2001fn,
  MON_7: 0x20020n, MON_8: 0x20021n, MON_9: 0x20022n, MON_10: 0x20023n, MON_11: 0x20024n, MON_12: 0x20025n,
  AM_STR: 0x20026n, PM_STR: 0x20027n, D_T_FMT: 0x20028n, D_FMT: 0x20029n, T_FMT: 0x2002an, T_FMT_AMPM: 0x2002bn,
  ERA: 0x2002cn, ERA_D_FMT: 0x2002en, ALT_DIGITS: 0x2002fn, ERA_D_T_FMT: 0x20030n, ERA_T_FMT: 0x20031n,
  CRNCYSTR: 0x4000fn, YESEXPR: 0x50000n, NOEXPR: 0x50001n,
} as const;

type Item = keyof typeof LANGINFO_CONSTANTS;

/** The C locale's answer for each item but CODESET (which follows setlocale). */
const C_VALUES: Readonly<Record<Exclude<Item, "CODESET">, string>> = {
  RADIXCHAR: ".", THOUSEP: "",
  ...(Object.fromEntries(DAYS.flatMap((day, i) => [[`ABDAY_${i + 1}`, day.slice(0, 3)], [`DAY_${i + 1}`, day]])) as Record<`ABDAY_${1 | 2 | 3 | 4 | 5 | 6 | 7}` | `DAY_${1 | 2 | 3 | 4 | 5 | 6 | 7}`, string>),
  ...(Object.fromEntries(MONTHS.flatMap((month, i) => [[`ABMON_${i + 1}`, month.slice(0, 3)], [`MON_${i + 1}`, month]])) as Record<`ABMON_${number}` | `MON_${number}`, string>),
  AM_STR: "AM", PM_STR: "PM",
  D_T_FMT: "%a %b %e %H:%M:%S %Y", D_FMT: "%m/%d/%y", T_FMT: "%H:%M:%S", T_FMT_AMPM: "%I:%M:%S %p",
  ERA: "", ERA_D_FMT: "", ALT_DIGITS: "", ERA_D_T_FMT: "", ERA_T_FMT: "",
  CRNCYSTR: "-", YESEXPR: "^[yY]", NOEXPR: "^[nN]",
} as Readonly<Record<Exclude<Item, "CODESET">, string>>;

const VALUES = new Map<bigint, string>(Object.entries(C_VALUES).map(([name, value]) => [LANGINFO_CONSTANTS[name as Item], value]));

const CODESET = 14n;
let codeset = "UTF-8";

/** setlocale's effect on LC_CTYPE: "" reads the (UTF-8) environment, "C" and "POSIX" are ASCII. */
export function setCtypeLocale(locale: string): void {
  codeset = locale === "" ? "UTF-8" : "ANSI_X3.4-1968";
}

/** LC_CTYPE's encoding now (`nl_langinfo(CODESET)`, `locale.getencoding()`). */
export function ctypeCodeset(): string {
  return codeset;
}

export function nl_langinfo(key: unknown): string {
  const item = asIndex(key);
  if (item === undefined) throw new PyTypeError(`'${typeName(key)}' object cannot be interpreted as an integer`);
  if (item > 0x7fffffffn || item < -0x80000000n) throw new OverflowError("Python int too large to convert to C int");
  const value = item === CODESET ? codeset : VALUES.get(item);
  if (value === undefined) throw new ValueError("unsupported langinfo constant");
  return value;
}

// ---- gettext without catalogs ----

const DEFAULT_DOMAIN = "messages";
const DEFAULT_DIRECTORY = "/usr/share/locale";
let currentDomain = DEFAULT_DOMAIN;
const directories = new Map<string, string>();
const codesets = new Map<string, string>();

const isNone = (x: unknown): x is null | undefined => x === null || x === undefined;

function requireStr(fn: string, what: string, value: unknown): string {
  if (typeof value !== "string") throw new PyTypeError(`${fn}() ${what} must be str, not ${typeName(value)}`);
  return value;
}

function requireStrOrNone(fn: string, what: string, value: unknown): string | null {
  if (isNone(value)) return null;
  if (typeof value !== "string") throw new PyTypeError(`${fn}() ${what} must be str or None, not ${typeName(value)}`);
  return value;
}

function category(value: unknown): bigint {
  const c = asIndex(value);
  if (c === undefined) throw new PyTypeError(`'${typeName(value)}' object cannot be interpreted as an integer`);
  return c;
}

export function gettext(msg: unknown): string {
  return requireStr("gettext", "argument", msg);
}

export function dgettext(domain: unknown, msg: unknown): string {
  requireStrOrNone("dgettext", "argument 1", domain);
  return requireStr("dgettext", "argument 2", msg);
}

export function dcgettext(domain: unknown, msg: unknown, categoryValue: unknown): string {
  requireStrOrNone("dcgettext", "argument 1", domain);
  const text = requireStr("dcgettext", "argument 2", msg);
  category(categoryValue);
  return text;
}

export function textdomain(domain: unknown): string {
  const name = requireStrOrNone("textdomain", "argument", domain);
  // The C library: an empty name restores the default domain.
  if (name !== null) currentDomain = name === "" ? DEFAULT_DOMAIN : name;
  return currentDomain;
}

function pathText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  const fspath = (value as { __fspath__?: () => unknown } | null)?.__fspath__;
  if (typeof value === "object" && typeof fspath === "function") {
    const path = fspath.call(value);
    if (typeof path === "string") return path;
  }
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(value)}`);
}

function domainName(value: unknown, fn: string): string {
  const name = requireStr(fn, "argument 1", value);
  if (name === "") throw new Error("domain must be a non-empty string");
  return name;
}

export function bindtextdomain(domain: unknown, dir: unknown): string {
  const name = domainName(domain, "bindtextdomain");
  if (!isNone(dir)) directories.set(name, pathText(dir));
  return directories.get(name) ?? DEFAULT_DIRECTORY;
}

export function bind_textdomain_codeset(domain: unknown, codeset: unknown): string | null {
  const name = domainName(domain, "bind_textdomain_codeset");
  const code = requireStrOrNone("bind_textdomain_codeset", "argument 2", codeset);
  if (code !== null) codesets.set(name, code);
  return codesets.get(name) ?? null;
}
