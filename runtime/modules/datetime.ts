// Python's `datetime` module: naive `date` and `datetime` (local time, no tzinfo) and
// `timedelta`, printing exactly like CPython (`2026-11-26 12:10:09.795329`).

import { OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw, type KwArgs } from "../values/kwargs.js";
import { dayOfYear, daysInMonth, fromOrdinal, toOrdinal, weekdayOf } from "./calendar-math.js";
import { NotImplementedValue, isNone, pad, pyClass, toInt, toNumber } from "./callable-class.js";
import { format as strftimeFormat } from "./strftime.js";
import { nowMillis, struct_time } from "./time.js";
import { US_PER_DAY, floorDivMod, roundHalfEven, timedelta } from "./timedelta.js";
import { Ordered } from "./ordered.js";
import { moduleObject } from "./module-object.js";

export const MINYEAR = 1;
export const MAXYEAR = 9999;

/** Positional-or-keyword arguments by name; missing optional ones get `defaults`. */
function bindArgs(fn: string, names: readonly string[], required: number, args: unknown[]): any[] {
  const [positional, keywords] = splitKw(args);
  if (positional.length > names.length) {
    throw new PyTypeError(`${fn}() takes at most ${names.length} arguments (${positional.length} given)`);
  }
  const bound = names.map((name, i) => (i < positional.length ? positional[i] : takeKw(keywords, name)));
  const extra = Object.keys(keywords).find((k) => !names.includes(k));
  if (extra !== undefined) throw new PyTypeError(`'${extra}' is an invalid keyword argument for ${fn}()`);
  for (let i = 0; i < required; i++) {
    if (bound[i] === undefined) {
      throw new PyTypeError(`${fn}() missing required argument '${names[i]}' (pos ${i + 1})`);
    }
  }
  return bound;
}

function takeKw(keywords: KwArgs, name: string): any {
  const v = keywords[name];
  delete keywords[name];
  return v;
}

function checkRange(value: number, low: number, high: number, message: string): number {
  if (value < low || value > high) throw new ValueError(message);
  return value;
}

function checkDate(year: number, month: number, day: number): void {
  checkRange(year, MINYEAR, MAXYEAR, `year ${year} is out of range`);
  checkRange(month, 1, 12, "month must be in 1..12");
  checkRange(day, 1, daysInMonth(year, month), "day is out of range for month");
}

/** Local calendar fields of epoch microseconds (the local zone, like C's localtime()). */
function localFields(epochUs: number): number[] {
  const us = ((epochUs % 1e6) + 1e6) % 1e6;
  const d = new Date((epochUs - us) / 1000);
  return [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), us];
}

function utcFields(epochUs: number): number[] {
  const us = ((epochUs % 1e6) + 1e6) % 1e6;
  const d = new Date((epochUs - us) / 1000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), us];
}

function noTimezone(tz: unknown): void {
  if (!isNone(tz)) throw new PyTypeError("pyts: aware datetimes (tzinfo) are not supported");
}

export class date extends Ordered {
  static pythonName = "date";
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

  static today(): date {
    const [y, m, d] = localFields(Math.floor(nowMillis() * 1000));
    return new date(BigInt(y!), BigInt(m!), BigInt(d!));
  }
  static fromordinal(n: unknown): date {
    const ordinal = toInt(n);
    if (ordinal < 1) throw new ValueError("ordinal must be >= 1");
    const [y, m, d] = fromOrdinal(ordinal);
    return new date(BigInt(y), BigInt(m), BigInt(d));
  }
  static fromtimestamp(t: unknown): date {
    const [y, m, d] = localFields(Number(roundHalfEven(toNumber(t) * 1e6)));
    return new date(BigInt(y!), BigInt(m!), BigInt(d!));
  }
  static fromisoformat(text: unknown): date {
    const m = typeof text === "string" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
    if (m === null) throw new ValueError(`Invalid isoformat string: ${JSON.stringify(text)}`);
    return new date(BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!));
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
  isoformat(): string {
    return `${pad(this.y, 4)}-${pad(this.mo)}-${pad(this.d)}`;
  }
  ctime(): string {
    return this.strftime("%a %b %e %H:%M:%S %Y");
  }
  replace(...args: unknown[]): date {
    const [y, m, d] = bindArgs("replace", ["year", "month", "day"], 0, args);
    return new date(y ?? this.year, m ?? this.month, d ?? this.day);
  }
  timetuple(): struct_time {
    return this.fieldsTuple(0, 0, 0);
  }

  protected fieldsTuple(h: number, mi: number, s: number): struct_time {
    return new struct_time([
      this.y, this.mo, this.d, h, mi, s,
      weekdayOf(this.y, this.mo, this.d), dayOfYear(this.y, this.mo, this.d), -1,
    ]);
  }

  strftime(pattern: unknown): string {
    if (typeof pattern !== "string") throw new PyTypeError("strftime() argument 1 must be str");
    return strftimeFormat(
      {
        year: this.y, month: this.mo, day: this.d, hour: this.hourNumber(), minute: this.minuteNumber(),
        second: this.secondNumber(), microsecond: this.microsecondNumber(),
        weekday: weekdayOf(this.y, this.mo, this.d), yday: dayOfYear(this.y, this.mo, this.d),
        utcOffset: null, zoneName: "",
      },
      pattern,
    );
  }
  __format__(spec: unknown): string {
    return typeof spec === "string" && spec.length > 0 ? this.strftime(spec) : this.__str__();
  }

  // A date has no time of day; datetime overrides these.
  protected hourNumber(): number { return 0; }
  protected minuteNumber(): number { return 0; }
  protected secondNumber(): number { return 0; }
  protected microsecondNumber(): number { return 0; }

  /** Microseconds since 0001-01-01 minus one day (ordinal 0): the value arithmetic runs on. */
  protected absoluteMicroseconds(): bigint {
    const timeOfDay = ((this.hourNumber() * 60 + this.minuteNumber()) * 60 + this.secondNumber()) * 1e6;
    return BigInt(toOrdinal(this.y, this.mo, this.d)) * US_PER_DAY + BigInt(timeOfDay + this.microsecondNumber());
  }

  __str__(): string {
    return this.isoformat();
  }
  __repr__(): string {
    return `datetime.date(${this.y}, ${this.mo}, ${this.d})`;
  }
  toString(): string {
    return this.__str__();
  }
  __hash__(): bigint {
    return this.absoluteMicroseconds();
  }

  /** The same kind of value (date, or datetime) moved by a timedelta. */
  protected shifted(us: bigint): date {
    const days = floorDivMod(us, US_PER_DAY)[0];
    const ordinal = Number(this.toordinal() + days);
    if (ordinal < 1 || ordinal > toOrdinal(MAXYEAR, 12, 31)) throw new OverflowError("date value out of range");
    const [y, m, d] = fromOrdinal(ordinal);
    return new date(BigInt(y), BigInt(m), BigInt(d));
  }

  __add__(other: unknown): any {
    if (other instanceof timedelta) return this.shifted(other.totalMicroseconds);
    return NotImplementedValue;
  }
  __radd__(other: unknown): any {
    return this.__add__(other);
  }
  __sub__(other: unknown): any {
    if (other instanceof timedelta) return this.shifted(-other.totalMicroseconds);
    if (other instanceof date && sameKind(this, other)) {
      return timedelta.fromMicroseconds(this.absoluteMicroseconds() - other.absoluteMicroseconds());
    }
    return NotImplementedValue;
  }

  protected compare(other: unknown): number | undefined {
    if (!(other instanceof date) || !sameKind(this, other)) return undefined;
    const diff = this.absoluteMicroseconds() - other.absoluteMicroseconds();
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }
}

/** A date compares and subtracts only with a date, a datetime only with a datetime. */
function sameKind(a: date, b: date): boolean {
  return (a instanceof datetime) === (b instanceof datetime);
}

const DATETIME_ARGS = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"];

export class datetime extends date {
  static override pythonName = "datetime";
  static override __module__ = "datetime";

  private readonly h: number;
  private readonly mi: number;
  private readonly s: number;
  private readonly us: number;

  constructor(...args: unknown[]) {
    const bound = bindArgs("datetime", DATETIME_ARGS, 3, args);
    noTimezone(bound[7]);
    super(bound[0], bound[1], bound[2]);
    const [h, mi, s, us] = bound.slice(3, 7).map((v) => (v === undefined ? 0 : toInt(v)));
    this.h = checkRange(h!, 0, 23, "hour must be in 0..23");
    this.mi = checkRange(mi!, 0, 59, "minute must be in 0..59");
    this.s = checkRange(s!, 0, 59, "second must be in 0..59");
    this.us = checkRange(us!, 0, 999999, "microsecond must be in 0..999999");
  }

  private static fromFields(f: number[]): datetime {
    return new datetime(...f.map((v) => BigInt(v)));
  }

  /** The current local date and time, with microseconds. */
  static now(tz: unknown = null): datetime {
    noTimezone(tz);
    return datetime.fromFields(localFields(Math.floor(nowMillis() * 1000)));
  }
  static override today(): datetime {
    return datetime.now();
  }
  static utcnow(): datetime {
    return datetime.fromFields(utcFields(Math.floor(nowMillis() * 1000)));
  }
  static override fromtimestamp(t: unknown, tz: unknown = null): datetime {
    noTimezone(tz);
    return datetime.fromFields(localFields(Number(roundHalfEven(toNumber(t) * 1e6))));
  }
  static utcfromtimestamp(t: unknown): datetime {
    return datetime.fromFields(utcFields(Number(roundHalfEven(toNumber(t) * 1e6))));
  }
  static combine(d: unknown, t: unknown = null): datetime {
    if (!(d instanceof date)) throw new PyTypeError("combine() argument 1 must be datetime.date");
    noTimezone(t);
    return new datetime(d.year, d.month, d.day);
  }
  static override fromisoformat(text: unknown): datetime {
    const m =
      typeof text === "string"
        ? /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{3}|\d{6}))?)?)?)?$/.exec(text)
        : null;
    if (m === null) throw new ValueError(`Invalid isoformat string: ${JSON.stringify(text)}`);
    const fraction = m[7] === undefined ? 0 : Number(m[7].padEnd(6, "0"));
    return datetime.fromFields([m[1], m[2], m[3], m[4] ?? 0, m[5] ?? 0, m[6] ?? 0, fraction].map(Number));
  }

  get hour(): bigint { return BigInt(this.h); }
  get minute(): bigint { return BigInt(this.mi); }
  get second(): bigint { return BigInt(this.s); }
  get microsecond(): bigint { return BigInt(this.us); }
  get tzinfo(): null { return null; }

  protected override hourNumber(): number { return this.h; }
  protected override minuteNumber(): number { return this.mi; }
  protected override secondNumber(): number { return this.s; }
  protected override microsecondNumber(): number { return this.us; }

  date(): date {
    return new date(this.year, this.month, this.day);
  }
  override timetuple(): struct_time {
    return this.fieldsTuple(this.h, this.mi, this.s);
  }
  /** Seconds since the epoch, reading this naive datetime as local time. */
  timestamp(): number {
    const js = new Date(2000, 0, 1);
    js.setFullYear(this.y, this.mo - 1, this.d);
    js.setHours(this.h, this.mi, this.s, 0);
    return js.getTime() / 1000 + this.us / 1e6;
  }
  override replace(...args: unknown[]): datetime {
    const b = bindArgs("replace", DATETIME_ARGS, 0, args);
    noTimezone(b[7]);
    const current = [this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond];
    return new datetime(...current.map((v, i) => b[i] ?? v));
  }

  override isoformat(sep: unknown = "T", timespec: unknown = "auto"): string {
    if (typeof sep !== "string" || [...sep].length !== 1) {
      throw new PyTypeError("isoformat() argument 1 must be a unicode character");
    }
    const hh = pad(this.h);
    const mm = pad(this.mi);
    const ss = pad(this.s);
    let clock: string;
    switch (timespec) {
      case "auto": clock = `${hh}:${mm}:${ss}` + (this.us !== 0 ? "." + pad(this.us, 6) : ""); break;
      case "hours": clock = hh; break;
      case "minutes": clock = `${hh}:${mm}`; break;
      case "seconds": clock = `${hh}:${mm}:${ss}`; break;
      case "milliseconds": clock = `${hh}:${mm}:${ss}.${pad(Math.floor(this.us / 1000), 3)}`; break;
      case "microseconds": clock = `${hh}:${mm}:${ss}.${pad(this.us, 6)}`; break;
      default: throw new ValueError("Unknown timespec value");
    }
    return super.isoformat() + sep + clock;
  }

  override __str__(): string {
    return this.isoformat(" ");
  }
  override __repr__(): string {
    const fields = [this.y, this.mo, this.d, this.h, this.mi];
    if (this.s !== 0 || this.us !== 0) fields.push(this.s);
    if (this.us !== 0) fields.push(this.us);
    return `datetime.datetime(${fields.join(", ")})`;
  }

  protected override shifted(us: bigint): datetime {
    const total = this.absoluteMicroseconds() + us;
    const [days, inDay] = floorDivMod(total, US_PER_DAY);
    if (days < 1n || days > BigInt(toOrdinal(MAXYEAR, 12, 31))) throw new OverflowError("date value out of range");
    const [y, m, d] = fromOrdinal(Number(days));
    const dayUs = Number(inDay);
    const us6 = dayUs % 1e6;
    const secs = (dayUs - us6) / 1e6;
    return datetime.fromFields([y, m, d, Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60, us6]);
  }
}

date.min = new date(1n, 1n, 1n);
date.max = new date(9999n, 12n, 31n);
date.resolution = timedelta.fromMicroseconds(US_PER_DAY);

/** The `datetime` module object. */
export const datetimeModule = moduleObject("datetime", {
  date: pyClass(date),
  datetime: pyClass(datetime),
  timedelta: pyClass(timedelta),
  MINYEAR: BigInt(MINYEAR),
  MAXYEAR: BigInt(MAXYEAR),
});
