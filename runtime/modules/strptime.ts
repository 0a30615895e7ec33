// strptime() for `time` and `datetime`: CPython's rules in the C locale. The format becomes a
// case-insensitive regular expression, one named group per directive, then the captured
// fields are combined (week numbers, ISO weeks and day-of-year give the date when present).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { strRepr } from "../values/repr.js";
import { ReError } from "./re-error.js";
import { DAY_NAMES, MONTH_NAMES, daysInMonth, fromOrdinal, isLeap, toOrdinal, weekdayOf } from "./calendar-math.js";
import { isoWeekOneMonday } from "./datetime-iso.js";

const names = (list: readonly string[]) => list.map((n) => n.toLowerCase());
const FULL_DAYS = names(DAY_NAMES);
const SHORT_DAYS = FULL_DAYS.map((n) => n.slice(0, 3));
const FULL_MONTHS = names(MONTH_NAMES.slice(1));
const SHORT_MONTHS = FULL_MONTHS.map((n) => n.slice(0, 3));

/** Alternatives longest first, so `march` is not taken as `mar`. */
function alternatives(directive: string, values: Iterable<string>): string {
  const sorted = [...new Set(values)].filter((v) => v !== "").sort((a, b) => b.length - a.length);
  return `(?<${directive}>${sorted.map(escapeRegExp).join("|")})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\.^$*+?()[\]{}|]/g, "\\$&");
}

/** The local zone's standard and daylight-saving names (like C's `tzname`), lower case. */
function localZoneNames(): [string, string] {
  const year = new Date().getFullYear();
  const nameAt = (month: number): string => {
    try {
      const parts = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(new Date(year, month, 1));
      const zone = parts.find((p) => p.type === "timeZoneName")?.value ?? "UTC";
      return (/^GMT[+-]/.test(zone) || zone === "GMT" ? "utc" : zone).toLowerCase();
    } catch {
      return "utc"; // no Intl time zone data
    }
  };
  const january = new Date(year, 0, 1).getTimezoneOffset();
  const july = new Date(year, 6, 1).getTimezoneOffset();
  // Standard time has the larger offset west of UTC.
  return january >= july ? [nameAt(0), nameAt(6)] : [nameAt(6), nameAt(0)];
}

/** tm_isdst for a %Z name: 0 for UTC, GMT and standard time, 1 for daylight time. */
function zoneIsDst(name: string): number {
  const zone = name.toLowerCase();
  const [standard, daylight] = localZoneNames();
  if (zone === "utc" || zone === "gmt" || zone === standard) return 0;
  return zone === daylight && daylight !== standard ? 1 : -1;
}

let directiveCache: Record<string, string> | null = null;

function directives(): Record<string, string> {
  if (directiveCache !== null) return directiveCache;
  const table: Record<string, string> = {
    d: "(?<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])",
    f: "(?<f>[0-9]{1,6})",
    H: "(?<H>2[0-3]|[0-1]\\d|\\d)",
    I: "(?<I>1[0-2]|0[1-9]|[1-9])",
    G: "(?<G>\\d\\d\\d\\d)",
    j: "(?<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
    m: "(?<m>1[0-2]|0[1-9]|[1-9])",
    M: "(?<M>[0-5]\\d|\\d)",
    S: "(?<S>6[0-1]|[0-5]\\d|\\d)",
    U: "(?<U>5[0-3]|[0-4]\\d|\\d)",
    W: "(?<W>5[0-3]|[0-4]\\d|\\d)",
    w: "(?<w>[0-6])",
    u: "(?<u>[1-7])",
    V: "(?<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)",
    y: "(?<y>\\d\\d)",
    Y: "(?<Y>\\d\\d\\d\\d)",
    // `Z` is matched case-insensitively here and checked for case afterwards.
    z: "(?<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|Z)",
    A: alternatives("A", FULL_DAYS),
    a: alternatives("a", SHORT_DAYS),
    B: alternatives("B", FULL_MONTHS),
    b: alternatives("b", SHORT_MONTHS),
    p: alternatives("p", ["am", "pm"]),
    Z: alternatives("Z", ["utc", "gmt", ...localZoneNames()]),
    "%": "%",
  };
  directiveCache = table;
  // The C locale's %c, %x and %X, expanded into the directives above.
  table.c = expand("%a %b %d %H:%M:%S %Y", table);
  table.x = expand("%m/%d/%y", table);
  table.X = expand("%H:%M:%S", table);
  return table;
}

function expand(format: string, table: Record<string, string>): string {
  let out = "";
  const text = format.replace(/\s+/g, " ");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "%") {
      out += table[text[i + 1]!];
      i++;
    } else out += ch === " " ? "\\s+" : escapeRegExp(ch);
  }
  return out;
}

const regexCache = new Map<string, RegExp>();

function compile(format: string): RegExp {
  const cached = regexCache.get(format);
  if (cached !== undefined) return cached;
  const table = directives();
  let source = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    if (ch !== "%") {
      source += /\s/.test(ch) ? (/\s/.test(format[i - 1] ?? "") ? "" : "\\s+") : escapeRegExp(ch);
      continue;
    }
    if (i + 1 >= format.length) throw new ValueError(`stray % in format '${format}'`);
    const code = format[i + 1]!;
    const piece = table[code];
    if (piece === undefined) {
      throw new ValueError(`'${/\s/.test(code) ? "%" : code}' is a bad directive in format '${format}'`);
    }
    source += piece;
    i++;
  }
  checkGroupNames(source);
  const regex = new RegExp("^(?:" + source + ")", "iu");
  if (regexCache.size > 100) regexCache.clear();
  regexCache.set(format, regex);
  return regex;
}

/**
 * A directive used twice defines its group twice: CPython's `re` refuses that. The error
 * names positions in the pattern as Python spells it (`(?P<Y>`, `(?-i:Z)`), rebuilt here.
 */
function checkGroupNames(source: string): void {
  const python = source.replaceAll("(?<", "(?P<").replaceAll("|Z)", "|(?-i:Z))");
  const seen = new Map<string, number>();
  let groups = 0;
  for (let i = 0; i < python.length; i++) {
    if (python[i] === "\\") {
      i++;
      continue;
    }
    if (python[i] !== "(" || (python[i + 1] === "?" && python[i + 2] !== "P")) continue;
    groups++;
    if (python[i + 1] !== "?") continue;
    const name = /^\(\?P<(\w+)>/.exec(python.slice(i))![1]!;
    const first = seen.get(name);
    if (first !== undefined) {
      throw new ReError(`redefinition of group name ${strRepr(name)} as group ${groups}; was group ${first}`, python, i + 4);
    }
    seen.set(name, groups);
  }
}

/** What strptime found: the struct_time fields, the zone, and the sub-second parts. */
export interface ParsedTime {
  fields: [number, number, number, number, number, number, number, number, number];
  zoneName: string | null;
  gmtoff: number | null;
  microsecond: number;
  gmtoffMicrosecond: number;
}

function pyTypeText(x: unknown): string {
  return `<class '${typeName(x)}'>`;
}

/** The text each directive captured. */
function captures(match: RegExpExecArray): Map<string, string> {
  const found = new Map<string, string>();
  for (const [code, value] of Object.entries(match.groups ?? {})) if (value !== undefined) found.set(code, value);
  return found;
}

export function strptime(data: unknown, format: unknown = "%a %b %d %H:%M:%S %Y"): ParsedTime {
  if (typeof data !== "string") throw new PyTypeError(`strptime() argument 0 must be str, not ${pyTypeText(data)}`);
  if (typeof format !== "string") throw new PyTypeError(`strptime() argument 1 must be str, not ${pyTypeText(format)}`);
  const match = compile(format).exec(data);
  if (match === null || (match.groups?.z === "z")) {
    throw new ValueError(`time data ${strRepr(data)} does not match format ${strRepr(format)}`);
  }
  if (match[0].length !== data.length) throw new ValueError(`unconverted data remains: ${data.slice(match[0].length)}`);
  const got = captures(match);

  let year: number | null = null;
  let isoYear: number | null = null;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let fraction = 0;
  let gmtoff: number | null = null;
  let gmtoffFraction = 0;
  let isoWeek: number | null = null;
  let weekOfYear: number | null = null;
  let weekStartsMonday = false;
  let weekday: number | null = null;
  let julian: number | null = null;
  for (const [code, text] of got) {
    switch (code) {
      case "y": year = Number(text) + (Number(text) <= 68 ? 2000 : 1900); break;
      case "Y": year = Number(text); break;
      case "G": isoYear = Number(text); break;
      case "m": month = Number(text); break;
      case "B": month = FULL_MONTHS.indexOf(text.toLowerCase()) + 1; break;
      case "b": month = SHORT_MONTHS.indexOf(text.toLowerCase()) + 1; break;
      case "d": day = Number(text); break;
      case "H": hour = Number(text); break;
      case "I": {
        hour = Number(text);
        const ampm = (got.get("p") ?? "").toLowerCase();
        if (ampm === "" || ampm === "am") {
          if (hour === 12) hour = 0;
        } else if (hour !== 12) hour += 12;
        break;
      }
      case "M": minute = Number(text); break;
      case "S": second = Number(text); break;
      case "f": fraction = Number(text.padEnd(6, "0")); break;
      case "A": weekday = FULL_DAYS.indexOf(text.toLowerCase()); break;
      case "a": weekday = SHORT_DAYS.indexOf(text.toLowerCase()); break;
      case "w": weekday = (Number(text) + 6) % 7; break;
      case "u": weekday = Number(text) - 1; break;
      case "j": julian = Number(text); break;
      case "U": weekOfYear = Number(text); weekStartsMonday = false; break;
      case "W": weekOfYear = Number(text); weekStartsMonday = true; break;
      case "V": isoWeek = Number(text); break;
      case "z": [gmtoff, gmtoffFraction] = parseOffset(text); break;
    }
  }
  if (year === null && isoYear !== null) {
    if (isoWeek === null || weekday === null) {
      throw new ValueError(
        "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').",
      );
    }
    if (julian !== null) {
      throw new ValueError("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.");
    }
  } else if (weekOfYear === null && isoWeek !== null) {
    if (weekday === null) {
      throw new ValueError(
        "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').",
      );
    }
    throw new ValueError("ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.");
  }
  let leapYearFix = false;
  if (year === null && month === 2 && day === 29) {
    year = 1904;
    leapYearFix = true;
  } else if (year === null) year = 1900;

  if (julian === null && weekday !== null) {
    if (weekOfYear !== null) julian = julianFromWeek(year, weekOfYear, weekday, weekStartsMonday);
    else if (isoYear !== null && isoWeek !== null) [year, julian] = julianFromIsoWeek(isoYear, isoWeek, weekday + 1);
    if (julian !== null && julian <= 0) {
      year -= 1;
      julian += isLeap(year) ? 366 : 365;
    }
  }
  if (julian === null) {
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      throw new ValueError(month < 1 || month > 12 ? "month must be in 1..12" : "day is out of range for month");
    }
    julian = toOrdinal(year, month, day) - toOrdinal(year, 1, 1) + 1;
  } else {
    [year, month, day] = fromOrdinal(julian - 1 + toOrdinal(year, 1, 1));
  }
  if (weekday === null) weekday = weekdayOf(year, month, day);
  if (leapYearFix) year = 1900;
  const zoneName = got.get("Z") ?? null;
  const isDst = zoneName === null ? -1 : zoneIsDst(zoneName);
  return {
    fields: [year, month, day, hour, minute, second, weekday, julian, isDst],
    zoneName,
    gmtoff,
    microsecond: fraction,
    gmtoffMicrosecond: gmtoffFraction,
  };
}

/** `+HHMM`, `+HH:MM`, `+HH:MM:SS.ffffff` or `Z`: seconds east of UTC and the microseconds. */
function parseOffset(text: string): [number, number] {
  if (text.toUpperCase() === "Z") return [0, 0];
  let z = text;
  if (z[3] === ":") {
    z = z.slice(0, 3) + z.slice(4);
    if (z.length > 5) {
      if (z[5] !== ":") throw new ValueError(`Inconsistent use of : in ${text}`);
      z = z.slice(0, 5) + z.slice(6);
    }
  }
  const seconds = Number(z.slice(1, 3)) * 3600 + Number(z.slice(3, 5)) * 60 + Number(z.slice(5, 7) || "0");
  const micro = Number(z.slice(8).padEnd(6, "0"));
  return z[0] === "-" ? [-seconds, -micro] : [seconds, micro];
}

/** Day of the year from a %U/%W week number and a weekday (0 = Monday). */
function julianFromWeek(year: number, week: number, weekday: number, startsMonday: boolean): number {
  let firstWeekday = weekdayOf(year, 1, 1);
  let dayOfWeek = weekday;
  if (!startsMonday) {
    firstWeekday = (firstWeekday + 1) % 7;
    dayOfWeek = (dayOfWeek + 1) % 7;
  }
  const weekZeroLength = (7 - firstWeekday) % 7;
  if (week === 0) return 1 + dayOfWeek - firstWeekday;
  return 1 + weekZeroLength + 7 * (week - 1) + dayOfWeek;
}

/** Year and day of the year of an ISO year, week and weekday (1 = Monday). */
function julianFromIsoWeek(isoYear: number, week: number, isoWeekday: number): [number, number] {
  // A day before the ISO year's first January gives julian <= 0: the caller moves it back.
  const ordinal = isoWeekOneMonday(isoYear) + (week - 1) * 7 + (isoWeekday - 1);
  return [isoYear, ordinal - toOrdinal(isoYear, 1, 1) + 1];
}
