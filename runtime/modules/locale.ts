// Python's `locale` for the C locale, the only one pyts provides: setlocale accepts "C", "POSIX"
// and "" (all read as C), localeconv is the C locale's table, number formatting is plain %
// formatting (the C locale has no grouping), currency() fails as CPython's does under C, and
// collation compares code points; normalize() consults CPython's alias tables
// (locale-normalize.ts).

import { builtinCompare } from "../values/compare.js";
import { Dict } from "../values/dict.js";
import { DeprecationWarning, PyTypeError, ValueError } from "../values/exceptions.js";
import { float, int } from "../values/builtin-types.js";
import { splitKw } from "../values/kwargs.js";
import { percentFormat } from "../values/percent-format.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { repr } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { moduleObject } from "./module-object.js";
import { normalize } from "./locale-normalize.js";
import { LOCALE_ENCODING_ALIAS } from "./encoding-alias-data.js";
import { LOCALE_ALIAS } from "./locale-alias-data.js";
import { WINDOWS_LOCALE } from "./locale-windows-data.js";
import { LANGINFO_CONSTANTS, Error, bind_textdomain_codeset, bindtextdomain, dcgettext, dgettext, gettext, ctypeCodeset, nl_langinfo, setCtypeLocale, textdomain } from "./locale-langinfo.js";
import { callValue } from "./pycall.js";
import { nodeProcess } from "../core/host.js";
import { standardModule } from "./module-object.js";


const CHAR_MAX = 127n;
const CATEGORIES = [0n, 1n, 2n, 3n, 4n, 5n, 6n];

/** glibc's categories in its composite name's order; the first six are CPython's LC_* constants 0-5. */
const GLIBC_CATEGORIES = ["LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES", "LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"];
/** Each category's locale name. CPython sets LC_CTYPE from the environment at start-up, coercing C to C.UTF-8 (PEP 538). */
const current: string[] = GLIBC_CATEGORIES.map((_, i) => (i === 0 ? startupCtype() : "C"));

/** The environment's locale for category `name` (LC_ALL, then LC_<name>, then LANG), as setlocale(cat, "") finds it. */
function environmentLocale(name: string): string {
  const env = nodeProcess()?.env ?? {};
  for (const key of ["LC_ALL", name, "LANG"]) {
    const value = env[key];
    if (value !== undefined && value !== "") return value;
  }
  return "C";
}

function startupCtype(): string {
  const found = environmentLocale("LC_CTYPE");
  return found === "C" || found === "POSIX" ? "C.UTF-8" : found;
}

/** The locale names pyts provides: C (POSIX is its other name) and C with UTF-8. */
function provided(name: string): string | null {
  if (name === "C" || name === "POSIX") return "C";
  return /^C\.(UTF-8|utf8)$/i.test(name) ? name : null;
}

function composite(): string {
  return current.every((n) => n === current[0]) ? current[0]! : GLIBC_CATEGORIES.map((c, i) => `${c}=${current[i]}`).join(";");
}

function setlocale(category: unknown, locale: unknown = null): string {
  if (typeof category !== "bigint" || !CATEGORIES.includes(category)) throw new Error(locale === null || locale === undefined ? "locale query failed" : "unsupported locale setting");
  const all = category === 6n;
  if (locale === null || locale === undefined) return all ? composite() : current[Number(category)]!;
  if (typeof locale !== "string") throw new PyTypeError(`setlocale() argument 2 must be str or None, not ${typeName(locale)}`);
  const indexes = all ? GLIBC_CATEGORIES.map((_, i) => i) : [Number(category)];
  const names = indexes.map((i) => provided(locale === "" ? environmentLocale(GLIBC_CATEGORIES[i]!) : locale));
  if (names.some((n) => n === null)) throw new Error("unsupported locale setting");
  indexes.forEach((i, k) => (current[i] = names[k]!));
  // (nl_langinfo(CODESET) follows LC_CTYPE: UTF-8 for C.UTF-8 and for the environment's)
  if (category === 0n || all) setCtypeLocale(/utf-?8/i.test(current[0]!) ? "" : "C");
  return all ? composite() : current[Number(category)]!;
}

function localeconv(): Dict {
  return Dict.fromRecord<unknown>({
    int_curr_symbol: "", currency_symbol: "", mon_decimal_point: "", mon_thousands_sep: "", mon_grouping: [],
    positive_sign: "", negative_sign: "", int_frac_digits: CHAR_MAX, frac_digits: CHAR_MAX,
    p_cs_precedes: CHAR_MAX, p_sep_by_space: CHAR_MAX, n_cs_precedes: CHAR_MAX, n_sep_by_space: CHAR_MAX,
    p_sign_posn: CHAR_MAX, n_sign_posn: CHAR_MAX, decimal_point: ".", thousands_sep: "", grouping: [],
  });
}

function format_string(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const f = pos[0] ?? kws["f"];
  if (typeof f !== "string") throw new PyTypeError(`format_string() argument 1 must be str, not ${typeName(f)}`);
  return percentFormat(f, pos[1] ?? kws["val"]);
}

// What locale.format accepts: exactly one %-specifier, the whole string.
const ONE_SPECIFIER = /^%(?:\((.*?)\))?[-#0-9 +*.hlL]*?[eEfFgGdiouxXcrs%]/s;

/** locale.format(percent, value, grouping=False, monetary=False, *additional): deprecated. */
function format(...args: unknown[]): string {
  const [pos, kws] = splitKw(args);
  const percent = pos[0] ?? kws["percent"];
  const value = pos.length > 1 ? pos[1] : kws["value"];
  if (percent === undefined || value === undefined) {
    throw new PyTypeError(`format() missing 1 required positional argument: '${percent === undefined ? "percent" : "value"}'`);
  }
  const warnings = standardModule("warnings") as unknown as { warn: unknown };
  // CPython's stacklevel=2: the line that called locale.format (the first Python frame here).
  callValue(warnings.warn, "This method will be removed in a future version of Python. Use 'locale.format_string()' instead.", DeprecationWarning, 1n);
  if (typeof percent !== "string") throw new PyTypeError(`expected string or bytes-like object, got '${typeName(percent)}'`);
  const match = ONE_SPECIFIER.exec(percent);
  if (match === null || match[0].length !== percent.length) {
    throw new ValueError(`format() must be given exactly one %char format specifier, ${repr(percent)} not valid`);
  }
  const additional = pos.slice(4);
  return percentFormat(percent, additional.length > 0 ? Tuple.of(value, ...additional) : value);
}

function currency(..._args: unknown[]): string {
  throw new ValueError("Currency formatting is not possible using the 'C' locale.");
}

const delocalize = (s: unknown): string => {
  if (typeof s !== "string") throw new PyTypeError(`expected str, got ${typeName(s)}`);
  return s;
};

export const localeModule = moduleObject("locale", {
  Error,
  CHAR_MAX,
  LC_CTYPE: 0n, LC_NUMERIC: 1n, LC_TIME: 2n, LC_COLLATE: 3n, LC_MONETARY: 4n, LC_MESSAGES: 5n, LC_ALL: 6n,
  setlocale,
  localeconv,
  getlocale: (_category: unknown = 0n): Tuple => Tuple.of(null, null),
  getdefaultlocale: (): Tuple => Tuple.of(null, null),
  // (with do_setlocale, LC_CTYPE is the environment's while asked: UTF-8; without, the current one's)
  getpreferredencoding: (doSetlocale: unknown = true): string => (truthy(doSetlocale) ? "UTF-8" : ctypeCodeset()),
  getencoding: (): string => ctypeCodeset(),
  resetlocale: (_category: unknown = 6n): null => null,
  format_string,
  format,
  currency,
  str: (val: unknown): string => percentFormat("%.12g", val),
  delocalize,
  localize: (s: unknown, _grouping: unknown = false, _monetary: unknown = false): string => delocalize(s),
  atof: (s: unknown, func: unknown = float): unknown => (func as (x: string) => unknown)(delocalize(s)),
  atoi: (s: unknown): unknown => (int as unknown as (x: string) => unknown)(delocalize(s)),
  strcoll: (a: unknown, b: unknown): bigint => {
    if (typeof a !== "string" || typeof b !== "string") throw new PyTypeError(`strcoll() argument must be str, not ${typeName(typeof a !== "string" ? a : b)}`);
    return builtinCompare(a, b, "__lt__") === true ? -1n : a === b ? 0n : 1n;
  },
  strxfrm: (s: unknown): string => delocalize(s),
  normalize,
  locale_alias: Dict.fromRecord<unknown>({ ...LOCALE_ALIAS }),
  locale_encoding_alias: Dict.fromRecord<unknown>({ ...LOCALE_ENCODING_ALIAS }),
  windows_locale: Dict.of<unknown, unknown>(...WINDOWS_LOCALE.map(([id, name]) => [BigInt(id), name] as const)),
  ...LANGINFO_CONSTANTS,
  nl_langinfo,
  gettext,
  dgettext,
  dcgettext,
  textdomain,
  bindtextdomain,
  bind_textdomain_codeset,
});
