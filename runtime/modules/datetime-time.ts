// `datetime.time`: a time of day with an optional tzinfo, printing like CPython
// (`10:30:00+01:00`, `datetime.time(10, 30, tzinfo=datetime.timezone.utc)`).

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { kw } from "../values/kwargs.js";
import { repr } from "../values/repr.js";
import { typeName } from "../values/typename.js";
import { NotImplementedValue, pad, toInt } from "./callable-class.js";
import { bindArgs, checkClock } from "./datetime-args.js";
import { invalidIso, isoText, qualifiedName } from "./datetime-date.js";
import { InvalidIso, parseIsoTime } from "./datetime-iso.js";
import { checkTzinfo, compareMoments, offsetOf, offsetText, timezone, zoneNameOf } from "./datetime-tz.js";
import { format as strftimeFormat } from "./strftime.js";
import { US_PER_SECOND, timedelta } from "./timedelta.js";

const TIME_ARGS = ["hour", "minute", "second", "microsecond", "tzinfo"];

/** `HH:MM:SS.ffffff` cut to a `timespec` of isoformat(). */
export function clockText(h: number, mi: number, s: number, us: number, timespec: unknown): string {
  const hh = pad(h);
  const mm = pad(mi);
  const ss = pad(s);
  switch (timespec) {
    case "auto": return `${hh}:${mm}:${ss}` + (us !== 0 ? "." + pad(us, 6) : "");
    case "hours": return hh;
    case "minutes": return `${hh}:${mm}`;
    case "seconds": return `${hh}:${mm}:${ss}`;
    case "milliseconds": return `${hh}:${mm}:${ss}.${pad(Math.floor(us / 1000), 3)}`;
    case "microseconds": return `${hh}:${mm}:${ss}.${pad(us, 6)}`;
  }
  if (typeof timespec !== "string") throw new PyTypeError(`isoformat() argument 'timespec' must be str, not ${typeName(timespec)}`);
  throw new ValueError("Unknown timespec value");
}

/** The `, tzinfo=..., fold=1)` tail of a repr. */
export function reprTail(tz: unknown, fold: number): string {
  let tail = "";
  if (tz !== null) tail += `, tzinfo=${repr(tz)}`;
  if (fold !== 0) tail += ", fold=1";
  return tail + ")";
}

export class time {
  static pythonName = "time";
  static readonly tpName = "datetime.time";
  static __module__ = "datetime";
  static min: time;
  static max: time;
  static resolution: timedelta;

  private readonly h: number;
  private readonly mi: number;
  private readonly s: number;
  private readonly us: number;
  private readonly tz: unknown;
  private readonly f: number;

  constructor(...args: unknown[]) {
    const bound = bindArgs("time", TIME_ARGS, 0, args, ["fold"]);
    const [h, mi, s, us] = bound.slice(0, 4).map((v) => (v === undefined ? 0 : toInt(v)));
    const fold = bound[5] === undefined ? 0 : toInt(bound[5]);
    checkClock(h!, mi!, s!, us!, fold);
    this.h = h!;
    this.mi = mi!;
    this.s = s!;
    this.us = us!;
    this.tz = checkTzinfo(bound[4]);
    this.f = fold;
  }

  static fromisoformat(this: typeof time, text: unknown): time {
    const s = isoText(text);
    let parsed;
    try {
      parsed = parseIsoTime(s.startsWith("T") ? s.slice(1) : s);
    } catch (e) {
      if (e instanceof InvalidIso) throw invalidIso(s);
      throw e;
    }
    const [h, mi, sec, us] = parsed.clock.map((v) => BigInt(v));
    return new this(h, mi, sec, us, zoneOfOffset(parsed.offsetUs));
  }

  get hour(): bigint { return BigInt(this.h); }
  get minute(): bigint { return BigInt(this.mi); }
  get second(): bigint { return BigInt(this.s); }
  get microsecond(): bigint { return BigInt(this.us); }
  get tzinfo(): unknown { return this.tz; }
  get fold(): bigint { return BigInt(this.f); }

  utcoffset(): timedelta | null {
    return offsetOf(this.tz, "utcoffset", null);
  }
  dst(): timedelta | null {
    return offsetOf(this.tz, "dst", null);
  }
  tzname(): string | null {
    return zoneNameOf(this.tz, null);
  }

  replace(...args: unknown[]): time {
    const b = bindArgs("replace", TIME_ARGS, 0, args, ["fold"]);
    const current = [this.hour, this.minute, this.second, this.microsecond, this.tz];
    const values = current.map((v, i) => (b[i] === undefined ? v : b[i]));
    const Cls = this.constructor as typeof time;
    return new Cls(...values, kw({ fold: b[5] === undefined ? this.fold : b[5] }));
  }

  isoformat(...args: unknown[]): string {
    const [timespec] = bindArgs("isoformat", ["timespec"], 0, args);
    let text = clockText(this.h, this.mi, this.s, this.us, timespec ?? "auto");
    const offset = this.utcoffset();
    if (offset !== null) text += offsetText(offset);
    return text;
  }
  strftime(pattern: unknown): string {
    if (typeof pattern !== "string") throw new PyTypeError(`strftime() argument 1 must be str, not ${typeName(pattern)}`);
    const offset = this.utcoffset();
    return strftimeFormat(
      {
        year: 1900, month: 1, day: 1, hour: this.h, minute: this.mi, second: this.s, microsecond: this.us,
        weekday: 0, yday: 1,
        utcOffset: offset === null ? null : Number(offset.totalMicroseconds) / 1e6,
        zoneName: this.tz === null ? "" : (this.tzname() ?? ""),
      },
      pattern,
    );
  }
  __format__(spec: unknown): string {
    if (typeof spec !== "string") throw new PyTypeError(`__format__() argument 1 must be str, not ${typeName(spec)}`);
    return spec.length > 0 ? this.strftime(spec) : this.__str__();
  }
  __str__(): string {
    return this.isoformat();
  }
  toString(): string {
    return this.__str__();
  }
  __repr__(): string {
    const fields = [this.h, this.mi];
    if (this.s !== 0 || this.us !== 0) fields.push(this.s);
    if (this.us !== 0) fields.push(this.us);
    return `${qualifiedName(this, "datetime.time")}(${fields.join(", ")}${reprTail(this.tz, this.f)}`;
  }
  __bool__(): boolean {
    return true;
  }

  private localMicroseconds(): bigint {
    return BigInt(((this.h * 60 + this.mi) * 60 + this.s)) * US_PER_SECOND + BigInt(this.us);
  }
  private moment() {
    return { local: this.localMicroseconds(), tz: this.tz, offset: () => this.utcoffset() };
  }
  __hash__(): bigint {
    const offset = this.utcoffset();
    return this.localMicroseconds() - (offset === null ? 0n : offset.totalMicroseconds);
  }

  private compareWith(other: unknown, forEquality: boolean): number | null | undefined {
    if (!(other instanceof time)) return undefined;
    return compareMoments(this.moment(), other.moment(), forEquality, "times");
  }
  __eq__(other: unknown): any {
    const c = this.compareWith(other, true);
    return c === undefined ? NotImplementedValue : c === 0;
  }
  __ne__(other: unknown): any {
    const c = this.compareWith(other, true);
    return c === undefined ? NotImplementedValue : c !== 0;
  }
  __lt__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c < 0;
  }
  __le__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c <= 0;
  }
  __gt__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c > 0;
  }
  __ge__(other: unknown): any {
    const c = this.compareWith(other, false);
    return c === undefined || c === null ? NotImplementedValue : c >= 0;
  }
}

/** The tzinfo of a parsed ISO offset: none, `timezone.utc`, or a fixed `timezone`. */
export function zoneOfOffset(offsetUs: bigint | null): timezone | null {
  if (offsetUs === null) return null;
  if (offsetUs === 0n) return timezone.utc;
  return new timezone(timedelta.fromMicroseconds(offsetUs));
}

time.min = new time();
time.max = new time(23n, 59n, 59n, 999999n);
time.resolution = timedelta.fromMicroseconds(1n);
