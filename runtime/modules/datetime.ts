// Python's `datetime` module: `datetime.datetime` (naive or aware) here; `date`, `time`,
// `tzinfo`/`timezone` and `timedelta` in their own files. Values print exactly like CPython
// (`2026-11-26 12:10:09.795329+01:00`).

import { addressOf } from "../values/repr.js";
import { OverflowError, PyTypeError } from "../values/exceptions.js";
import { kw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { fromOrdinal, EPOCH_ORDINAL } from "./calendar-math.js";
import { NotImplementedValue, isNone, pyClass, toInt } from "./callable-class.js";
import { bindArgs, checkClock } from "./datetime-args.js";
import {
  MAXYEAR, MAX_ORDINAL, MINYEAR, date, invalidIso, isoText, localFields, qualifiedName,
  timestampMicroseconds, utcFields,
} from "./datetime-date.js";
import { InvalidIso, dateLength, parseIsoDate, parseIsoTime } from "./datetime-iso.js";
import { clockText, reprTail, time, zoneOfOffset } from "./datetime-time.js";
import {
  checkTzinfo, compareMoments, datetimeKind, offsetOf, offsetText, timezone, tzinfo, zoneNameOf,
} from "./datetime-tz.js";
import type { BrokenDownTime } from "./strftime.js";
import { strptime as parseTime } from "./strptime.js";
import { localParts, nowMillis, struct_time } from "./time.js";
import { US_PER_DAY, US_PER_SECOND, floorDivMod, timedelta } from "./timedelta.js";
import { moduleObject } from "./module-object.js";

export { MAXYEAR, MINYEAR, date };

const DATETIME_ARGS = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo"];
const EPOCH_US = BigInt(EPOCH_ORDINAL) * US_PER_DAY;

/** Calendar and clock fields of microseconds since ordinal 0. */
function fieldsOf(us: bigint): number[] {
  const [days, inDay] = floorDivMod(us, US_PER_DAY);
  if (days < 1n || days > BigInt(MAX_ORDINAL)) throw new OverflowError("date value out of range");
  const [y, m, d] = fromOrdinal(Number(days));
  const dayUs = Number(inDay);
  const micro = dayUs % 1e6;
  const secs = (dayUs - micro) / 1e6;
  return [y, m, d, Math.floor(secs / 3600), Math.floor(secs / 60) % 60, secs % 60, micro];
}

export class datetime extends date {
  static override pythonName = "datetime";
  static override readonly tpName = "datetime.datetime";
  static override __module__ = "datetime";
  static override min: datetime;
  static override max: datetime;

  private readonly h: number;
  private readonly mi: number;
  private readonly s: number;
  private readonly us: number;
  private readonly tz: unknown;
  private readonly f: number;

  constructor(...args: unknown[]) {
    const bound = bindArgs("datetime", DATETIME_ARGS, 3, args, ["fold"]);
    super(bound[0], bound[1], bound[2]);
    const [h, mi, s, us] = bound.slice(3, 7).map((v) => (v === undefined ? 0 : toInt(v)));
    const fold = bound[8] === undefined ? 0 : toInt(bound[8]);
    checkClock(h!, mi!, s!, us!, fold);
    this.h = h!;
    this.mi = mi!;
    this.s = s!;
    this.us = us!;
    this.tz = checkTzinfo(bound[7]);
    this.f = fold;
  }

  /** A value of class `cls` from calendar and clock fields, with a tzinfo. */
  private static build(cls: typeof datetime, f: readonly number[], tz: unknown = null): datetime {
    return new cls(...f.map((v) => BigInt(v)), tz);
  }

  /** The local time of a UTC moment in `tz` (tz.fromutc), or the machine's local time. */
  private static atMoment(cls: typeof datetime, epochUs: number, tz: unknown): datetime {
    const zone = checkTzinfo(tz);
    if (zone === null) return datetime.build(cls, localFields(epochUs));
    const utc = datetime.build(cls, utcFields(epochUs), zone);
    return (zone as tzinfo).fromutc(utc);
  }

  static now(this: typeof datetime, ...args: unknown[]): datetime {
    const [tz] = bindArgs("now", ["tz"], 0, args);
    return datetime.atMoment(this, Math.floor(nowMillis() * 1000), tz);
  }
  static override today(this: typeof datetime): datetime {
    return datetime.atMoment(this, Math.floor(nowMillis() * 1000), null);
  }
  static utcnow(this: typeof datetime): datetime {
    return datetime.build(this, utcFields(Math.floor(nowMillis() * 1000)));
  }
  static override fromtimestamp(this: typeof datetime, ...args: unknown[]): datetime {
    const [t, tz] = bindArgs("fromtimestamp", ["timestamp", "tz"], 1, args);
    return datetime.atMoment(this, timestampMicroseconds(t), tz);
  }
  static utcfromtimestamp(this: typeof datetime, t: unknown): datetime {
    return datetime.build(this, utcFields(timestampMicroseconds(t)));
  }
  static combine(this: typeof datetime, ...args: unknown[]): datetime {
    const [d, t, tz] = bindArgs("combine", ["date", "time", "tzinfo"], 2, args);
    if (!(d instanceof date)) throw new PyTypeError(`combine() argument 1 must be datetime.date, not ${typeName(d)}`);
    if (!(t instanceof time)) throw new PyTypeError(`combine() argument 2 must be datetime.time, not ${typeName(t)}`);
    const zone = tz === undefined ? t.tzinfo : tz;
    return new this(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond, zone, kw({ fold: t.fold }));
  }
  static override fromisoformat(this: typeof datetime, text: unknown): datetime {
    const s = isoText(text);
    let fields: number[];
    let offsetUs: bigint | null = null;
    try {
      const split = dateLength(s);
      fields = [...parseIsoDate(s.slice(0, split)), 0, 0, 0, 0];
      if (split < s.length) {
        const parsed = parseIsoTime(s.slice(split + 1));
        fields.splice(3, 4, ...parsed.clock);
        offsetUs = parsed.offsetUs;
      }
    } catch (e) {
      if (e instanceof InvalidIso) throw invalidIso(s);
      throw e;
    }
    return datetime.build(this, fields, zoneOfOffset(offsetUs));
  }
  static strptime(this: typeof datetime, data: unknown, format: unknown): datetime {
    const parsed = parseTime(data, format);
    const fields = [...parsed.fields.slice(0, 6), parsed.microsecond];
    if (parsed.gmtoff === null) return datetime.build(this, fields);
    const offset = timedelta.fromMicroseconds(BigInt(parsed.gmtoff) * US_PER_SECOND + BigInt(parsed.gmtoffMicrosecond));
    const zone = parsed.zoneName !== null ? new timezone(offset, parsed.zoneName) : new timezone(offset);
    return datetime.build(this, fields, zone);
  }

  get hour(): bigint { return BigInt(this.h); }
  get minute(): bigint { return BigInt(this.mi); }
  get second(): bigint { return BigInt(this.s); }
  get microsecond(): bigint { return BigInt(this.us); }
  get tzinfo(): unknown { return this.tz; }
  get fold(): bigint { return BigInt(this.f); }

  override isDatetime(): boolean {
    return true;
  }
  override localMicroseconds(): bigint {
    const clock = ((this.h * 60 + this.mi) * 60 + this.s) * 1e6 + this.us;
    return super.localMicroseconds() + BigInt(clock);
  }

  utcoffset(): timedelta | null {
    return offsetOf(this.tz, "utcoffset", this);
  }
  dst(): timedelta | null {
    return offsetOf(this.tz, "dst", this);
  }
  tzname(): string | null {
    return zoneNameOf(this.tz, this);
  }

  date(): date {
    return new date(this.year, this.month, this.day);
  }
  time(): time {
    return new time(this.hour, this.minute, this.second, this.microsecond, kw({ fold: this.fold }));
  }
  timetz(): time {
    return new time(this.hour, this.minute, this.second, this.microsecond, this.tz, kw({ fold: this.fold }));
  }

  override timetuple(): struct_time {
    const dst = this.dst();
    const isDst = dst === null ? -1 : dst.totalMicroseconds !== 0n ? 1 : 0;
    const base = super.timetuple().items.map(Number);
    return new struct_time([...base.slice(0, 3), this.h, this.mi, this.s, base[6]!, base[7]!, isDst]);
  }
  utctimetuple(): struct_time {
    const offset = this.utcoffset();
    const shifted = offset === null ? this : datetime.build(datetime, fieldsOf(this.localMicroseconds() - offset.totalMicroseconds));
    const base = date.prototype.timetuple.call(shifted).items.map(Number);
    return new struct_time([...base.slice(0, 3), shifted.h, shifted.mi, shifted.s, base[6]!, base[7]!, 0]);
  }

  /** Microseconds since the epoch: aware values by their offset, naive ones as local time. */
  private epochMicroseconds(): bigint {
    const offset = this.utcoffset();
    if (offset !== null) return this.localMicroseconds() - offset.totalMicroseconds - EPOCH_US;
    const js = new Date(2000, 0, 1);
    js.setFullYear(this.y, this.mo - 1, this.d);
    js.setHours(this.h, this.mi, this.s, 0);
    return BigInt(js.getTime()) * 1000n + BigInt(this.us);
  }
  timestamp(): number {
    return Number(this.epochMicroseconds()) / 1e6;
  }

  astimezone(...args: unknown[]): datetime {
    const [tz] = bindArgs("astimezone", ["tz"], 0, args);
    let target: unknown = tz;
    if (isNone(target)) {
      // The machine's zone at that moment, as a fixed offset with its name.
      const moment = new Date(Number(this.epochMicroseconds() / 1000n));
      const { zone, gmtoff } = localParts(moment);
      target = new timezone(timedelta.fromMicroseconds(BigInt(gmtoff) * US_PER_SECOND), zone);
    } else checkTzinfo(target);
    if (target === this.tz) return this;
    const utcUs = this.epochMicroseconds() + EPOCH_US;
    const utc = datetime.build(this.constructor as typeof datetime, fieldsOf(utcUs), target);
    return (target as tzinfo).fromutc(utc);
  }

  override replace(...args: unknown[]): datetime {
    const b = bindArgs("replace", DATETIME_ARGS, 0, args, ["fold"]);
    const current = [this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond, this.tz];
    const values = current.map((v, i) => (b[i] === undefined ? v : b[i]));
    return new (this.constructor as typeof datetime)(...values, kw({ fold: b[8] === undefined ? this.fold : b[8] }));
  }

  override isoformat(...args: unknown[]): string {
    const [sep, timespec] = bindArgs("isoformat", ["sep", "timespec"], 0, args);
    const separator = sep ?? "T";
    if (typeof separator !== "string" || [...separator].length !== 1) {
      throw new PyTypeError(`isoformat() argument 1 must be a unicode character, not ${typeName(separator)}`);
    }
    let text = super.isoformat() + separator + clockText(this.h, this.mi, this.s, this.us, timespec ?? "auto");
    const offset = this.utcoffset();
    if (offset !== null) text += offsetText(offset);
    return text;
  }
  protected override brokenDown(): BrokenDownTime {
    const offset = this.utcoffset();
    return {
      ...super.brokenDown(),
      hour: this.h, minute: this.mi, second: this.s, microsecond: this.us,
      utcOffset: offset === null ? null : Number(offset.totalMicroseconds) / 1e6,
      zoneName: this.tz === null ? "" : (this.tzname() ?? ""),
    };
  }

  override __str__(): string {
    return this.isoformat(" ");
  }
  override __repr__(): string {
    const fields = [this.y, this.mo, this.d, this.h, this.mi];
    if (this.s !== 0 || this.us !== 0) fields.push(this.s);
    if (this.us !== 0) fields.push(this.us);
    return `${qualifiedName(this, "datetime.datetime")}(${fields.join(", ")}${reprTail(this.tz, this.f)}`;
  }

  override __add__(other: unknown): any {
    if (!(other instanceof timedelta)) return NotImplementedValue;
    const f = fieldsOf(this.localMicroseconds() + other.totalMicroseconds);
    return datetime.build(this.constructor as typeof datetime, f, this.tz);
  }
  override __sub__(other: unknown): any {
    if (other instanceof timedelta) return this.__add__(timedelta.fromMicroseconds(-other.totalMicroseconds));
    if (!(other instanceof datetime)) return NotImplementedValue;
    let diff = this.localMicroseconds() - other.localMicroseconds();
    if (this.tz !== other.tz) {
      const mine = this.utcoffset();
      const theirs = other.utcoffset();
      if ((mine === null) !== (theirs === null)) throw new PyTypeError("can't subtract offset-naive and offset-aware datetimes");
      if (mine !== null && theirs !== null) diff -= mine.totalMicroseconds - theirs.totalMicroseconds;
    }
    return timedelta.fromMicroseconds(diff);
  }

  override __hash__(): bigint {
    const offset = this.utcoffset();
    return this.localMicroseconds() - (offset === null ? 0n : offset.totalMicroseconds);
  }

  private moment() {
    return { local: this.localMicroseconds(), tz: this.tz, offset: () => this.utcoffset() };
  }
  private compareWith(other: unknown, forEquality: boolean): number | null | undefined {
    if (!(other instanceof datetime)) {
      // CPython refuses to order a datetime against a plain date (they are never equal).
      if (other instanceof date && !forEquality) {
        throw new PyTypeError(`can't compare ${qualifiedName(this, "datetime.datetime")} to ${qualifiedName(other, "datetime.date")}`);
      }
      return undefined;
    }
    return compareMoments(this.moment(), other.moment(), forEquality, "datetimes");
  }
  override __eq__(other: unknown): any {
    const c = this.compareWith(other, true);
    return c === undefined ? NotImplementedValue : c === 0;
  }
  override __ne__(other: unknown): any {
    const c = this.compareWith(other, true);
    return c === undefined ? NotImplementedValue : c !== 0;
  }
  override __lt__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c < 0;
  }
  override __le__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c <= 0;
  }
  override __gt__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c > 0;
  }
  override __ge__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c >= 0;
  }
}

datetimeKind.is = (x: unknown): x is datetime => x instanceof datetime;
datetime.min = new datetime(1n, 1n, 1n);
datetime.max = new datetime(9999n, 12n, 31n, 23n, 59n, 59n, 999999n);
(datetime as unknown as { resolution: timedelta }).resolution = timedelta.fromMicroseconds(1n);

/**
 * A `PyCapsule`: the opaque handle a C extension module exports for other C code
 * (`datetime.datetime_CAPI` carries the C API's table). Python code can only look at it.
 */
export class PyCapsule {
  static readonly pythonName = "PyCapsule";
  readonly #name: string;
  constructor(name: string) {
    this.#name = name;
  }
  __repr__(): string {
    return `<capsule object "${this.#name}" at ${addressOf(this)}>`;
  }
}

/** The `datetime` module object. */
export const datetimeModule = moduleObject("datetime", {
  date: pyClass(date),
  datetime: pyClass(datetime),
  time: pyClass(time),
  timedelta: pyClass(timedelta),
  tzinfo: pyClass(tzinfo),
  timezone: pyClass(timezone),
  UTC: timezone.utc,
  MINYEAR: BigInt(MINYEAR),
  MAXYEAR: BigInt(MAXYEAR),
  datetime_CAPI: new PyCapsule("datetime.datetime_CAPI"),
});
