// `datetime.date`: a calendar date (proleptic Gregorian, years 1..9999), printing exactly like
// CPython (`2026-11-26`, `datetime.date(2026, 11, 26)`), plus `IsoCalendarDate`.

import { OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { Tuple } from "../values/tuple.js";
import { className, typeName } from "../values/typename.js";
import { strRepr } from "../values/repr.js";
import { dayOfYear, daysInMonth, fromOrdinal, toOrdinal, weekdayOf } from "./calendar-math.js";
import { NotImplementedValue, toInt, toNumber } from "./callable-class.js";
import { bindArgs, checkRange } from "./datetime-args.js";
import { InvalidIso, isoWeekOneMonday, isoWeekToDate, parseIsoDate } from "./datetime-iso.js";
import { format as strftimeFormat, type BrokenDownTime } from "./strftime.js";
import { nowMillis, struct_time } from "./time.js";
import { US_PER_DAY, floorDivMod, roundHalfEven, timedelta } from "./timedelta.js";
import { Ordered } from "./ordered.js";
import { constructChecked, ENUM_CALL } from "../lang/functions.js";

export const MINYEAR = 1;
export const MAXYEAR = 9999;
export const MAX_ORDINAL = toOrdinal(MAXYEAR, 12, 31);

export function checkDate(year: number, month: number, day: number): void {
  checkRange(year, MINYEAR, MAXYEAR, `year ${year} is out of range`);
  checkRange(month, 1, 12, "month must be in 1..12");
  checkRange(day, 1, daysInMonth(year, month), "day is out of range for month");
}

/** Local calendar fields of epoch microseconds (the local zone, like C's localtime()). */
export function localFields(epochUs: number): number[] {
  const us = ((epochUs % 1e6) + 1e6) % 1e6;
  const d = new Date((epochUs - us) / 1000);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), us];
}

export function utcFields(epochUs: number): number[] {
  const us = ((epochUs % 1e6) + 1e6) % 1e6;
  const d = new Date((epochUs - us) / 1000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), us];
}

/** Epoch microseconds of a POSIX timestamp argument (int or float, rounded half to even). */
export function timestampMicroseconds(t: unknown): number {
  if (typeof t !== "number" && typeof t !== "bigint" && typeof t !== "boolean") {
    throw new PyTypeError(`'${typeName(t)}' object cannot be interpreted as an integer`);
  }
  const seconds = toNumber(t);
  if (!Number.isFinite(seconds)) throw new ValueError(Number.isNaN(seconds) ? "Invalid value NaN (not a number)" : "cannot convert float infinity to integer");
  return Number(roundHalfEven(seconds * 1e6));
}

/** The text argument of a fromisoformat(). */
export function isoText(text: unknown): string {
  if (typeof text !== "string") throw new PyTypeError("fromisoformat: argument must be str");
  return text;
}

export function invalidIso(text: string): ValueError {
  return new ValueError(`Invalid isoformat string: ${strRepr(text)}`);
}

/** `date.isocalendar()`'s result: a tuple with named fields. */
export class IsoCalendarDate extends Tuple<bigint> {
  get year(): bigint { return this.items[0]!; }
  get week(): bigint { return this.items[1]!; }
  get weekday(): bigint { return this.items[2]!; }
  __repr__(): string {
    return `datetime.IsoCalendarDate(year=${this.items[0]}, week=${this.items[1]}, weekday=${this.items[2]})`;
  }
}
Object.defineProperties(IsoCalendarDate, { pythonName: { value: "IsoCalendarDate" }, __module__: { value: "datetime" } });

export class date extends Ordered {
  static pythonName = "date";
  static readonly tpName: string = "datetime.date";
  static __module__ = "datetime";
  static min: date;
  static max: date;
  static resolution: timedelta;

  protected readonly y: number;
  protected readonly mo: number;
  protected readonly d: number;

  constructor(...args: unknown[]) {
    super();
    const [year, month, day] = bindArgs("date", ["year", "month", "day"], 3, args).map((v) => toInt(v));
    checkDate(year!, month!, day!);
    this.y = year!;
    this.mo = month!;
    this.d = day!;
  }

  /** A value of this class (a user subclass too) for calendar fields. */
  protected static make(this: new (...a: unknown[]) => date, y: number, m: number, d: number): date {
    // (a subclass is called as Python calls it: an enumeration's `EnumType.__call__` takes one
    // value, so `Weekend.SAT + timedelta(1)` on `class Weekend(date, Enum)` is a TypeError)
    if (this !== date && (this as { [ENUM_CALL]?: unknown })[ENUM_CALL] !== undefined) return constructChecked(this, [BigInt(y), BigInt(m), BigInt(d)]) as date;
    return new this(BigInt(y), BigInt(m), BigInt(d));
  }

  static today(this: typeof date): date {
    return this.fromtimestamp(nowMillis() / 1000);
  }
  static fromordinal(this: typeof date, n: unknown): date {
    const ordinal = toInt(n);
    if (ordinal < 1) throw new ValueError("ordinal must be >= 1");
    if (ordinal > MAX_ORDINAL) throw new ValueError(`year ${fromOrdinal(ordinal)[0]} is out of range`);
    const [y, m, d] = fromOrdinal(ordinal);
    return this.make(y, m, d);
  }
  static fromtimestamp(this: typeof date, t: unknown, ..._rest: unknown[]): date {
    const [y, m, d] = localFields(timestampMicroseconds(t));
    return date.make.call(this, y!, m!, d!);
  }
  static fromisoformat(this: typeof date, text: unknown): date {
    const s = isoText(text);
    let ymd: [number, number, number];
    try {
      ymd = parseIsoDate(s);
    } catch (e) {
      if (e instanceof InvalidIso) throw invalidIso(s);
      throw e;
    }
    return date.make.call(this, ...ymd);
  }
  static fromisocalendar(this: typeof date, year: unknown, week: unknown, day: unknown): date {
    let ymd: [number, number, number];
    try {
      ymd = isoWeekToDate(toInt(year), toInt(week), toInt(day));
    } catch (e) {
      if (e instanceof RangeError) throw new ValueError(e.message);
      throw e;
    }
    return date.make.call(this, ...ymd);
  }

  get year(): bigint { return BigInt(this.y); }
  get month(): bigint { return BigInt(this.mo); }
  get day(): bigint { return BigInt(this.d); }

  toordinal(): bigint {
    return BigInt(toOrdinal(this.y, this.mo, this.d));
  }
  weekday(): bigint {
    return BigInt(weekdayOf(this.y, this.mo, this.d));
  }
  isoweekday(): bigint {
    return BigInt(weekdayOf(this.y, this.mo, this.d) + 1);
  }
  isocalendar(): IsoCalendarDate {
    const ordinal = toOrdinal(this.y, this.mo, this.d);
    let year = this.y;
    let monday = isoWeekOneMonday(year);
    if (ordinal < monday) monday = isoWeekOneMonday(--year);
    else if (ordinal >= isoWeekOneMonday(year + 1)) monday = isoWeekOneMonday(++year);
    const week = Math.floor((ordinal - monday) / 7) + 1;
    return new IsoCalendarDate([BigInt(year), BigInt(week), BigInt(((ordinal - monday) % 7) + 1)]);
  }
  isoformat(): string {
    return `${String(this.y).padStart(4, "0")}-${String(this.mo).padStart(2, "0")}-${String(this.d).padStart(2, "0")}`;
  }
  ctime(): string {
    return this.strftime("%a %b %e %H:%M:%S %Y");
  }
  replace(...args: unknown[]): date {
    const [y, m, d] = bindArgs("replace", ["year", "month", "day"], 0, args);
    return new (this.constructor as typeof date)(y ?? this.year, m ?? this.month, d ?? this.day);
  }
  timetuple(): struct_time {
    return new struct_time([this.y, this.mo, this.d, 0, 0, 0, weekdayOf(this.y, this.mo, this.d), dayOfYear(this.y, this.mo, this.d), -1]);
  }

  /** The fields strftime() formats (a datetime adds its clock and zone). */
  protected brokenDown(): BrokenDownTime {
    return {
      year: this.y, month: this.mo, day: this.d, hour: 0, minute: 0, second: 0, microsecond: 0,
      weekday: weekdayOf(this.y, this.mo, this.d), yday: dayOfYear(this.y, this.mo, this.d),
      utcOffset: null, zoneName: "",
    };
  }

  strftime(pattern: unknown): string {
    if (typeof pattern !== "string") throw new PyTypeError(`strftime() argument 1 must be str, not ${typeName(pattern)}`);
    return strftimeFormat(this.brokenDown(), pattern);
  }
  __format__(spec: unknown): string {
    if (typeof spec !== "string") throw new PyTypeError(`__format__() argument 1 must be str, not ${typeName(spec)}`);
    return spec.length > 0 ? this.strftime(spec) : this.__str__();
  }

  /** Microseconds since ordinal 0 of the naive fields (a datetime adds its clock). */
  localMicroseconds(): bigint {
    return BigInt(toOrdinal(this.y, this.mo, this.d)) * US_PER_DAY;
  }

  __str__(): string {
    return this.isoformat();
  }
  __repr__(): string {
    return `${qualifiedName(this, "datetime.date")}(${this.y}, ${this.mo}, ${this.d})`;
  }
  toString(): string {
    return this.__str__();
  }
  __hash__(): bigint {
    return this.localMicroseconds();
  }

  /** A datetime is a date too, but the two never compare or subtract: CPython keeps them apart. */
  isDatetime(): boolean {
    return false;
  }

  __add__(other: unknown): any {
    if (!(other instanceof timedelta)) return NotImplementedValue;
    const days = floorDivMod(other.totalMicroseconds, US_PER_DAY)[0];
    const ordinal = Number(this.toordinal() + days);
    if (ordinal < 1 || ordinal > MAX_ORDINAL) throw new OverflowError("date value out of range");
    const [y, m, d] = fromOrdinal(ordinal);
    return date.make.call(this.constructor as typeof date, y, m, d);
  }
  __radd__(other: unknown): any {
    return this.__add__(other);
  }
  __sub__(other: unknown): any {
    if (other instanceof timedelta) return this.__add__(timedelta.fromMicroseconds(-other.totalMicroseconds));
    if (other instanceof date && !other.isDatetime()) {
      return timedelta.fromMicroseconds(this.localMicroseconds() - other.localMicroseconds());
    }
    return NotImplementedValue;
  }

  protected compare(other: unknown): number | undefined {
    if (!(other instanceof date) || other.isDatetime()) return undefined;
    const diff = this.localMicroseconds() - other.localMicroseconds();
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }
}

/** `datetime.date` for the runtime's own classes; a user subclass shows its bare name, as in CPython. */
export function qualifiedName(value: object, own: string): string {
  const cls = value.constructor;
  return Object.hasOwn(cls, "pythonName") ? own : className(cls);
}

date.min = new date(1n, 1n, 1n);
date.max = new date(9999n, 12n, 31n);
date.resolution = timedelta.fromMicroseconds(US_PER_DAY);
