// `datetime.tzinfo` (the abstract base user time zones subclass) and `datetime.timezone`
// (a fixed offset from UTC), with the checks CPython applies to what tzinfo methods return.

import { NotImplementedError, PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { repr } from "../values/repr.js";
import { NotImplementedValue, isNone, pad } from "./callable-class.js";
import { bindArgs } from "./datetime-args.js";
import { US_PER_DAY, US_PER_SECOND, floorDivMod, timedelta } from "./timedelta.js";

/** What a date/time value must offer a tzinfo's `fromutc`: the runtime's datetime type. */
export interface AwareValue {
  readonly tzinfo: unknown;
  utcoffset(): timedelta | null;
  dst(): timedelta | null;
  __add__(other: unknown): any;
}

/** Set by datetime.ts: tells a datetime from other values without an import cycle. */
export const datetimeKind = { is: (_x: unknown): _x is AwareValue => false };

export class tzinfo {
  static readonly tpName: string = "datetime.tzinfo";
  static pythonName = "tzinfo";
  static __module__ = "datetime";

  // Subclasses may take any arguments in their own __init__.
  constructor(..._args: unknown[]) {}

  utcoffset(_dt: unknown): any {
    throw new NotImplementedError("a tzinfo subclass must implement utcoffset()");
  }
  dst(_dt: unknown): any {
    throw new NotImplementedError("a tzinfo subclass must implement dst()");
  }
  tzname(_dt: unknown): any {
    throw new NotImplementedError("a tzinfo subclass must implement tzname()");
  }

  /** Local time of the UTC time `dt` (whose tzinfo is this zone), by CPython's default rule. */
  fromutc(dt: unknown): any {
    if (!datetimeKind.is(dt)) throw new PyTypeError("fromutc() requires a datetime argument");
    if (dt.tzinfo !== this) throw new ValueError("dt.tzinfo is not self");
    const offset = dt.utcoffset();
    if (offset === null) throw new ValueError("fromutc() requires a non-None utcoffset() result");
    let dst = dt.dst();
    if (dst === null) throw new ValueError("fromutc() requires a non-None dst() result");
    const delta = offset.totalMicroseconds - dst.totalMicroseconds;
    let local: AwareValue = dt;
    if (delta !== 0n) {
      local = local.__add__(timedelta.fromMicroseconds(delta));
      dst = local.dst();
      if (dst === null) throw new ValueError("fromutc(): dt.dst gave inconsistent results; cannot convert");
    }
    return local.__add__(dst);
  }
}

const MAX_OFFSET = US_PER_DAY - 1n;

/** Checks what `utcoffset()`/`dst()` returned: None or a timedelta within a day. */
export function checkOffset(method: string, value: unknown): timedelta | null {
  if (isNone(value)) return null;
  if (!(value instanceof timedelta)) {
    throw new PyTypeError(`tzinfo.${method}() must return None or timedelta, not '${typeName(value)}'`);
  }
  if (value.totalMicroseconds < -MAX_OFFSET || value.totalMicroseconds > MAX_OFFSET) {
    throw new ValueError(
      `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${repr(value)}.`,
    );
  }
  return value;
}

/** Calls a tzinfo's `utcoffset`/`dst` for `value` and checks the result. */
export function offsetOf(tz: unknown, method: "utcoffset" | "dst", value: unknown): timedelta | null {
  if (isNone(tz)) return null;
  const fn = (tz as Record<string, unknown>)[method];
  if (typeof fn !== "function") throw new PyTypeError(`'${typeName(tz)}' object has no attribute '${method}'`);
  return checkOffset(method, fn.call(tz, value));
}

/** A tzinfo's `tzname` for `value`: None or a str. */
export function zoneNameOf(tz: unknown, value: unknown): string | null {
  if (isNone(tz)) return null;
  const name = (tz as { tzname(v: unknown): unknown }).tzname(value);
  if (isNone(name)) return null;
  if (typeof name !== "string") {
    throw new PyTypeError(`tzinfo.tzname() must return None or a string, not '${typeName(name)}'`);
  }
  return name;
}

/** `+05:30`, `-01:00:30`, `+00:00:00.500000`: an offset as isoformat() and str() show it. */
export function offsetText(offset: timedelta, separator = ":"): string {
  let us = offset.totalMicroseconds;
  const sign = us < 0n ? "-" : "+";
  if (us < 0n) us = -us;
  const [seconds, micro] = floorDivMod(us, US_PER_SECOND);
  const s = Number(seconds);
  let text = sign + pad(Math.floor(s / 3600)) + separator + pad(Math.floor(s / 60) % 60);
  if (s % 60 !== 0 || micro !== 0n) text += separator + pad(s % 60);
  if (micro !== 0n) text += "." + pad(Number(micro), 6);
  return text;
}

export class timezone extends tzinfo {
  static override pythonName = "timezone";
  static readonly tpName = "datetime.timezone";
  static override __module__ = "datetime";
  static utc: timezone;
  static min: timezone;
  static max: timezone;

  private readonly offset: timedelta;
  private readonly name: string | null;

  constructor(...args: unknown[]) {
    super();
    const [offset, name] = bindArgs("timezone", ["offset", "name"], 1, args);
    if (!(offset instanceof timedelta)) {
      throw new PyTypeError(`timezone() argument 1 must be datetime.timedelta, not ${typeName(offset)}`);
    }
    if (!isNone(name) && typeof name !== "string") {
      throw new PyTypeError(`timezone() argument 2 must be str, not ${typeName(name)}`);
    }
    if (offset.totalMicroseconds <= -US_PER_DAY || offset.totalMicroseconds >= US_PER_DAY) {
      throw new ValueError(
        `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${repr(offset)}.`,
      );
    }
    this.offset = offset;
    this.name = isNone(name) ? null : name;
    // timezone(timedelta(0)) is the one `timezone.utc` object, as in CPython.
    if (this.name === null && offset.totalMicroseconds === 0n && timezone.utc !== undefined) return timezone.utc;
  }

  override utcoffset(dt: unknown): timedelta {
    checkArgument("utcoffset", dt);
    return this.offset;
  }
  override dst(dt: unknown): null {
    checkArgument("dst", dt);
    return null;
  }
  override tzname(dt: unknown): string {
    checkArgument("tzname", dt);
    if (this.name !== null) return this.name;
    if (this.offset.totalMicroseconds === 0n) return "UTC";
    return "UTC" + offsetText(this.offset);
  }
  override fromutc(dt: unknown): any {
    if (!datetimeKind.is(dt)) throw new PyTypeError("fromutc: argument must be a datetime");
    if (dt.tzinfo !== this) throw new ValueError("fromutc: dt.tzinfo is not self");
    return dt.__add__(this.offset);
  }

  __repr__(): string {
    if (this === timezone.utc) return "datetime.timezone.utc";
    const name = this.name === null ? "" : `, ${repr(this.name)}`;
    return `datetime.timezone(${repr(this.offset)}${name})`;
  }
  __str__(): string {
    return this.tzname(null);
  }
  toString(): string {
    return this.__str__();
  }
  __eq__(other: unknown): any {
    return other instanceof timezone ? this.offset.totalMicroseconds === other.offset.totalMicroseconds : NotImplementedValue;
  }
  __ne__(other: unknown): any {
    return other instanceof timezone ? this.offset.totalMicroseconds !== other.offset.totalMicroseconds : NotImplementedValue;
  }
  __hash__(): bigint {
    return this.offset.totalMicroseconds;
  }
}

function checkArgument(method: string, dt: unknown): void {
  if (!isNone(dt) && !datetimeKind.is(dt)) {
    throw new PyTypeError(`${method}(dt) argument must be a datetime instance or None, not ${typeName(dt)}`);
  }
}

timezone.utc = new timezone(timedelta.fromMicroseconds(0n));
timezone.min = new timezone(timedelta.fromMicroseconds(-(US_PER_DAY - 60n * US_PER_SECOND)));
timezone.max = new timezone(timedelta.fromMicroseconds(US_PER_DAY - 60n * US_PER_SECOND));

/** The tzinfo argument of a constructor or replace(): None or a tzinfo. */
export function checkTzinfo(tz: unknown): tzinfo | null {
  if (isNone(tz)) return null;
  if (!(tz instanceof tzinfo)) {
    throw new PyTypeError(`tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(tz)}'`);
  }
  return tz;
}

/**
 * CPython's comparison of two times or datetimes from their naive microseconds and UTC offsets:
 * the same tzinfo (or equal offsets) compares the naive values; two offsets compare the UTC
 * moments; a naive against an aware value is unequal, and cannot be ordered.
 */
export function compareMoments(
  a: { local: bigint; tz: unknown; offset: () => timedelta | null },
  b: { local: bigint; tz: unknown; offset: () => timedelta | null },
  forEquality: boolean,
  what: "times" | "datetimes",
): number | null {
  let diff: bigint;
  if (a.tz === b.tz) diff = a.local - b.local;
  else {
    const offsetA = a.offset();
    const offsetB = b.offset();
    if (offsetA === null && offsetB === null) diff = a.local - b.local;
    else if (offsetA !== null && offsetB !== null) {
      diff = a.local - offsetA.totalMicroseconds - (b.local - offsetB.totalMicroseconds);
    } else if (forEquality) return null;
    else throw new PyTypeError(`can't compare offset-naive and offset-aware ${what}`);
  }
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
