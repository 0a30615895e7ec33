// Parsing the ISO 8601 forms `fromisoformat()` accepts in Python 3.11: dates `YYYY-MM-DD`,
// `YYYYMMDD`, week dates `YYYY-Www[-D]`; times `HH[:MM[:SS[.fff[fff]]]]` (colons optional) with
// an offset `Z`/`+HH[:MM[:SS[.ffffff]]]`; a datetime joins the two with any one character.

import { toOrdinal, fromOrdinal, isLeap } from "./calendar-math.js";

/** A malformed string: the caller reports CPython's "Invalid isoformat string: '...'". */
export class InvalidIso extends Error {}

const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "9";

/** The decimal number in text[start, start+length), all of it digits. */
function digits(text: string, start: number, length: number): number {
  if (start + length > text.length) throw new InvalidIso();
  for (let i = start; i < start + length; i++) if (!isDigit(text[i])) throw new InvalidIso();
  return Number(text.slice(start, start + length));
}

/** Where the date part of a datetime string ends (the forms are ambiguous without this). */
export function dateLength(text: string): number {
  if (text.length === 7) return 7;
  if (text.length < 7) throw new InvalidIso();
  if (text[4] === "-") {
    if (text[5] !== "W") return 10;
    if (text.length > 8 && text[8] === "-") {
      if (text.length === 9) throw new InvalidIso();
      return text.length > 10 && isDigit(text[10]) ? 8 : 10;
    }
    return 8;
  }
  if (text[4] === "W") {
    let end = 7;
    while (end < text.length && isDigit(text[end])) end++;
    if (end < 9) return end;
    return end % 2 === 0 ? 7 : 8;
  }
  return 8;
}

/** Year, month and day of an ISO week date, checked like `date.fromisocalendar`. */
export function isoWeekToDate(year: number, week: number, weekday: number): [number, number, number] {
  if (year < 1 || year > 9999) throw new RangeError(`Year is out of range: ${year}`);
  if (week < 1 || week > 53) throw new RangeError(`Invalid week: ${week}`);
  if (week === 53) {
    const firstWeekday = toOrdinal(year, 1, 1) % 7; // 0 = Sunday
    if (!(firstWeekday === 4 || (firstWeekday === 3 && isLeap(year)))) throw new RangeError(`Invalid week: ${week}`);
  }
  if (weekday < 1 || weekday > 7) throw new RangeError(`Invalid weekday: ${weekday} (range is [1, 7])`);
  return fromOrdinal(isoWeekOneMonday(year) + (week - 1) * 7 + (weekday - 1));
}

/** The ordinal of the Monday of ISO week 1 of `year`. */
export function isoWeekOneMonday(year: number): number {
  const first = toOrdinal(year, 1, 1);
  const weekday = (first + 6) % 7; // 0 = Monday
  const monday = first - weekday;
  return weekday > 3 ? monday + 7 : monday;
}

/** Year, month, day of a date string of length 7, 8 or 10. */
export function parseIsoDate(text: string): [number, number, number] {
  if (![7, 8, 10].includes(text.length)) throw new InvalidIso();
  const year = digits(text, 0, 4);
  const dashed = text[4] === "-";
  let pos = dashed ? 5 : 4;
  if (text[pos] === "W") {
    const week = digits(text, pos + 1, 2);
    pos += 3;
    let weekday = 1;
    if (text.length > pos) {
      if ((text[pos] === "-") !== dashed) throw new InvalidIso();
      if (dashed) pos++;
      weekday = digits(text, pos, 1);
      if (pos + 1 !== text.length) throw new InvalidIso();
    }
    try {
      return isoWeekToDate(year, week, weekday);
    } catch {
      throw new InvalidIso();
    }
  }
  const month = digits(text, pos, 2);
  pos += 2;
  if ((text[pos] === "-") !== dashed) throw new InvalidIso();
  if (dashed) pos++;
  const day = digits(text, pos, 2);
  if (pos + 2 !== text.length) throw new InvalidIso();
  return [year, month, day];
}

/** `HH[:MM[:SS[.f...]]]` (or without colons): hour, minute, second, microsecond. */
function parseClock(text: string): [number, number, number, number] {
  const parts = [0, 0, 0, 0];
  let pos = 0;
  let colons = false;
  for (let i = 0; i < 3; i++) {
    if (text.length - pos < 2) throw new InvalidIso();
    parts[i] = digits(text, pos, 2);
    pos += 2;
    const next = text[pos];
    if (i === 0) colons = next === ":";
    if (next === undefined || i === 2) break;
    if (colons && next !== ":") throw new InvalidIso();
    if (colons) pos++;
  }
  if (pos < text.length) {
    if (text[pos] !== "." && text[pos] !== ",") throw new InvalidIso();
    pos++;
    const rest = text.length - pos;
    const taken = Math.min(rest, 6);
    if (taken === 0) throw new InvalidIso();
    parts[3] = digits(text, pos, taken) * 10 ** (6 - taken);
    for (let i = pos + taken; i < text.length; i++) if (!isDigit(text[i])) throw new InvalidIso();
  }
  return parts as [number, number, number, number];
}

/** A parsed time: clock fields, then the offset in microseconds (null: naive, "Z": UTC). */
export interface IsoTime {
  clock: [number, number, number, number];
  offsetUs: bigint | null;
}

export function parseIsoTime(text: string): IsoTime {
  if (text.length < 2) throw new InvalidIso();
  let zoneAt = text.indexOf("-");
  if (zoneAt < 0) zoneAt = text.indexOf("+");
  if (zoneAt < 0) zoneAt = text.indexOf("Z");
  const clock = parseClock(zoneAt >= 0 ? text.slice(0, zoneAt) : text);
  if (zoneAt < 0) return { clock, offsetUs: null };
  if (zoneAt === text.length - 1 && text[zoneAt] === "Z") return { clock, offsetUs: 0n };
  const zone = text.slice(zoneAt + 1);
  if ([0, 1, 3].includes(zone.length)) throw new InvalidIso();
  const [h, m, s, us] = parseClock(zone);
  const magnitude = BigInt(((h * 60 + m) * 60 + s) * 1e6 + us);
  return { clock, offsetUs: text[zoneAt] === "-" ? -magnitude : magnitude };
}
