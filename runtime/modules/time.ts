// Python's `time` module. sleep() really blocks the thread (Atomics.wait), so the event loop
// stalls exactly as it does in CPython (lecture example 04a).

import { inGreenThread, threadSleep as greenSleep, type Suspension } from "../threads/scheduler.js";
import { recording } from "../core/recording.js";
import { repr } from "../values/repr.js";
import { OverflowError, PyTypeError, ValueError } from "../values/exceptions.js";
import { nodeProcess } from "../core/host.js";
import { noteBlocked } from "../core/effort-clock.js";
import { sleepThread } from "../core/sleep-thread.js";
import { Tuple } from "../values/tuple.js";
import { tuple } from "../values/builtin-types.js";
import { dayOfYear, weekdayOf } from "./calendar-math.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { format as strftimeFormat, type BrokenDownTime } from "./strftime.js";
import { moduleObject } from "./module-object.js";
import { strptime as parseTime } from "./strptime.js";
import { SimpleNamespace } from "./simple-namespace.js";
import { kw } from "../values/kwargs.js";
import { OSError } from "../values/exceptions.js";
import { clock_settime, clock_settime_ns, pthread_getcpuclockid, THREAD_CPU_CLOCK } from "./time-clocks.js";
import { declareBaseMethods, declareClassValues, declareDataAttributes } from "../values/declared-attributes.js";

let wallOffsetMillis = performance.timeOrigin;

/**
 * Wall-clock milliseconds since the epoch with sub-millisecond digits: the
 * monotonic clock plus an offset to the wall clock. The two drift apart over a
 * long process, so the offset is taken again once they differ by more than one.
 */
export function nowMillis(): number {
  const fineMillis = wallOffsetMillis + performance.now();
  const wallMillis = Date.now();
  // Date.now() truncates to the millisecond, so agreement means within one.
  if (fineMillis > wallMillis - 1 && fineMillis < wallMillis + 2) return fineMillis;
  wallOffsetMillis = wallMillis + 0.5 - performance.now();
  return wallOffsetMillis + performance.now();
}

/** `time.time()`: float seconds since the epoch. */
export function time(): number {
  return nowMillis() / 1000;
}

export function time_ns(): bigint {
  return BigInt(Math.floor(nowMillis() * 1e6));
}

/** `time.monotonic()` / `time.perf_counter()`: seconds on a clock that never goes back. */
export function monotonic(): number {
  return performance.now() / 1000;
}

/** Integer nanoseconds of a clock given in float seconds. */
const nanoseconds = (clock: () => number) => (): bigint => BigInt(Math.floor(clock() * 1e9));

export function process_time(): number {
  const process = nodeProcess();
  // A browser tells no CPU time: the page's clock is the closest it has.
  if (process === undefined) return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Blocks the calling thread for `ms` milliseconds (nothing else in this thread runs meanwhile). */
export function blockFor(ms: number): void {
  const start = performance.now();
  sleepThread(ms);
  noteBlocked((performance.now() - start) / 1000);
}

/**
 * `time.sleep(secs)` where a green thread can wait (the lowering awaits it in programs using
 * threads): the other threads run meanwhile.
 */
export function threadSleep(secs: unknown): Suspension<null> {
  return greenSleep(sleepSeconds(secs));
}

function sleepSeconds(secs: unknown): number {
  if (typeof secs !== "number" && typeof secs !== "bigint" && typeof secs !== "boolean") {
    throw new PyTypeError(`'${describe(secs)}' object cannot be interpreted as an integer`);
  }
  const seconds = toNumber(secs);
  if (Number.isNaN(seconds)) throw new ValueError("Invalid value NaN (not a number)");
  if (seconds < 0) throw new ValueError("sleep length must be non-negative");
  if (!Number.isFinite(seconds)) throw new OverflowError("timestamp too large to convert to C _PyTime_t");
  return seconds;
}

export function sleep(secs: unknown): null {
  // A green thread (a function run by a thread or an executor) waits while the others run.
  if (inGreenThread()) return threadSleep(secs) as unknown as null;
  if (typeof secs !== "number" && typeof secs !== "bigint" && typeof secs !== "boolean") {
    throw new PyTypeError(`'${describe(secs)}' object cannot be interpreted as an integer`);
  }
  const seconds = toNumber(secs);
  if (Number.isNaN(seconds)) throw new ValueError("Invalid value NaN (not a number)");
  if (seconds < 0) throw new ValueError("sleep length must be non-negative");
  if (!Number.isFinite(seconds)) throw new OverflowError("timestamp too large to convert to C _PyTime_t");
  const rec = recording.recorder;
  if (rec === null) {
    blockFor(seconds * 1000);
  } else {
    const start = rec.blockingBegin();
    blockFor(seconds * 1000);
    rec.blocked(start, `time.sleep(${repr(secs)})`);
  }
  return null;
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return "NoneType";
  if (typeof x === "string") return "str";
  if (Array.isArray(x)) return "list";
  return typeof x === "object" ? ((x.constructor as { name?: string }).name ?? "object") : typeof x;
}

const FIELD_NAMES = [
  "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
] as const;

/** `time.struct_time`: a 9-item tuple with named fields (plus tm_zone and tm_gmtoff). */
export class struct_time extends Tuple<bigint> {
  /** CPython's tp_name, in its errors (`'time.struct_time' object has no attribute 'x'`). */
  static readonly tpName: string = "time.struct_time";
  readonly tm_zone: string | null;
  readonly tm_gmtoff: bigint | null;
  /** A class attribute (struct sequences' field counts), read through instances too. */
  declare readonly n_fields: bigint;

  constructor(items: Iterable<unknown>, zone: string | null = null, gmtoff: number | null = null) {
    const values = Array.from(items, (v) => BigInt(toNumber(v)));
    if (values.length !== 9) {
      throw new PyTypeError(`time.struct_time() takes a 9-sequence (${values.length}-sequence given)`);
    }
    super(values);
    this.tm_zone = zone;
    this.tm_gmtoff = gmtoff === null ? null : BigInt(gmtoff);
  }
  get tm_year(): bigint { return this.items[0]!; }
  get tm_mon(): bigint { return this.items[1]!; }
  get tm_mday(): bigint { return this.items[2]!; }
  get tm_hour(): bigint { return this.items[3]!; }
  get tm_min(): bigint { return this.items[4]!; }
  get tm_sec(): bigint { return this.items[5]!; }
  get tm_wday(): bigint { return this.items[6]!; }
  get tm_yday(): bigint { return this.items[7]!; }
  get tm_isdst(): bigint { return this.items[8]!; }

  __repr__(): string {
    return `time.struct_time(${FIELD_NAMES.map((n, i) => `${n}=${this.items[i]}`).join(", ")})`;
  }
}

// Tuple's static pythonName is typed as the literal "tuple", so the name is set afterwards.
Object.defineProperties(struct_time, {
  pythonName: { value: "struct_time" },
  __module__: { value: "time" },
});

/** Local-time parts of a JS Date, the way C's localtime() gives them. */
export function localParts(d: Date): { fields: number[]; zone: string; gmtoff: number } {
  const year = d.getFullYear();
  const month = d.getMonth() + 1;
  const day = d.getDate();
  const offsetMinutes = -d.getTimezoneOffset();
  const jan = -new Date(year, 0, 1).getTimezoneOffset();
  const jul = -new Date(year, 6, 1).getTimezoneOffset();
  const isDst = jan !== jul && offsetMinutes === Math.max(jan, jul) ? 1 : 0;
  const fields = [
    year, month, day, d.getHours(), d.getMinutes(), d.getSeconds(),
    weekdayOf(year, month, day), dayOfYear(year, month, day), isDst,
  ];
  return { fields, zone: zoneName(d), gmtoff: offsetMinutes * 60 };
}

/** The short local zone name ("UTC", "CET", ...) where Intl knows one. */
export function zoneName(d: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(d);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
}

function secondsArg(secs: unknown): number {
  return isNone(secs) ? time() : toNumber(secs);
}

export function localtime(secs: unknown = null): struct_time {
  const { fields, zone, gmtoff } = localParts(new Date(Math.floor(secondsArg(secs)) * 1000));
  return new struct_time(fields, zone, gmtoff);
}

export function gmtime(secs: unknown = null): struct_time {
  const d = new Date(Math.floor(secondsArg(secs)) * 1000);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  const fields = [
    year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(),
    weekdayOf(year, month, day), dayOfYear(year, month, day), 0,
  ];
  return new struct_time(fields, "GMT", 0);
}

function asFields(t: unknown): number[] {
  const items = t instanceof Tuple ? t.items : Array.isArray(t) ? t : null;
  if (items === null || items.length !== 9) {
    throw new PyTypeError("Tuple or struct_time argument required");
  }
  return items.map((v) => toNumber(v));
}

export function mktime(t: unknown): number {
  const [y, mo, d, h, mi, s] = asFields(t);
  const date = new Date(2000, 0, 1, 0, 0, 0);
  date.setFullYear(y!, mo! - 1, d!);
  date.setHours(h!, mi!, s!);
  return date.getTime() / 1000;
}

export function strftime(pattern: unknown, t: unknown = null): string {
  if (typeof pattern !== "string") {
    throw new PyTypeError(`strftime() argument 1 must be str, not ${describe(pattern)}`);
  }
  const st = isNone(t) ? localtime() : t;
  const f = asFields(st);
  const parts: BrokenDownTime = {
    year: f[0]!, month: f[1]!, day: f[2]!, hour: f[3]!, minute: f[4]!, second: f[5]!,
    microsecond: 0, weekday: f[6]!, yday: f[7]!,
    utcOffset: st instanceof struct_time && st.tm_gmtoff !== null ? Number(st.tm_gmtoff) : null,
    zoneName: st instanceof struct_time && st.tm_zone !== null ? st.tm_zone : zoneName(new Date()),
  };
  return strftimeFormat(parts, pattern);
}

/** `time.strptime`: a struct_time of the fields `format` finds in `data` (C locale). */
export function strptime(data: unknown, format: unknown = "%a %b %d %H:%M:%S %Y"): struct_time {
  const parsed = parseTime(data, format);
  return new struct_time(parsed.fields, parsed.zoneName, parsed.gmtoff);
}

export function asctime(t: unknown = null): string {
  return strftime("%a %b %e %H:%M:%S %Y", isNone(t) ? localtime() : t);
}

export function ctime(secs: unknown = null): string {
  return asctime(localtime(secs));
}

/** Seconds west of UTC of the local standard time, like `time.timezone`. */
const standardOffsetWest = Math.max(
  new Date(new Date().getFullYear(), 0, 1).getTimezoneOffset(),
  new Date(new Date().getFullYear(), 6, 1).getTimezoneOffset(),
) * 60;

/** The local zone's standard and summer offsets west of UTC, and its names (C's `tzname`). */
function localZone(): { altzone: number; daylight: number; tzname: Tuple<string> } {
  const year = new Date().getFullYear();
  const january = new Date(year, 0, 1);
  const july = new Date(year, 6, 1);
  const [standard, summer] = january.getTimezoneOffset() >= july.getTimezoneOffset() ? [january, july] : [july, january];
  const daylight = standard.getTimezoneOffset() !== summer.getTimezoneOffset() ? 1 : 0;
  const name = (d: Date): string => {
    const zone = zoneName(d);
    return zone === "" || /^GMT([+-]|$)/.test(zone) ? "UTC" : zone;
  };
  return { altzone: summer.getTimezoneOffset() * 60, daylight, tzname: Tuple.of(name(standard), name(summer)) };
}

// POSIX clock ids, as Linux numbers them.
const CLOCKS: Record<string, number> = {
  CLOCK_REALTIME: 0, CLOCK_MONOTONIC: 1, CLOCK_PROCESS_CPUTIME_ID: 2, CLOCK_THREAD_CPUTIME_ID: 3,
  CLOCK_MONOTONIC_RAW: 4, CLOCK_BOOTTIME: 7, CLOCK_TAI: 11,
};

/** Seconds on the POSIX clock `id` (the TAI clock runs 37 s ahead of UTC). */
export function clock_gettime(id: unknown): number {
  switch (toNumber(id)) {
    case 0: return time();
    case 11: return time() + 37;
    case 1: case 4: case 7: return monotonic();
    case 2: case 3: return process_time();
  }
  if (toNumber(id) === THREAD_CPU_CLOCK()) return process_time();
  throw new OSError(22n, "Invalid argument");
}

const CLOCK_INFO: Record<string, [string, boolean, boolean]> = {
  time: ["clock_gettime(CLOCK_REALTIME)", false, true],
  monotonic: ["clock_gettime(CLOCK_MONOTONIC)", true, false],
  perf_counter: ["clock_gettime(CLOCK_MONOTONIC)", true, false],
  process_time: ["clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", true, false],
  thread_time: ["clock_gettime(CLOCK_THREAD_CPUTIME_ID)", true, false],
};

export function get_clock_info(name: unknown): SimpleNamespace {
  const info = typeof name === "string" ? CLOCK_INFO[name] : undefined;
  if (info === undefined) throw new ValueError("unknown clock");
  const [implementation, isMonotonic, adjustable] = info;
  return new SimpleNamespace(kw({ implementation, monotonic: isMonotonic, adjustable, resolution: 1e-9 }));
}

// The zone's names need Intl (slow to start): computed at the first read, again after tzset().
let zoneCache: ReturnType<typeof localZone> | null = null;
const zone = (): ReturnType<typeof localZone> => (zoneCache ??= localZone());

/** Rereads the zone after the program changed `TZ` (Node applies a new TZ to Date at once). */
function tzset(): null {
  zoneCache = null;
  const year = new Date().getFullYear();
  const standard = Math.max(new Date(year, 0, 1).getTimezoneOffset(), new Date(year, 6, 1).getTimezoneOffset()) * 60;
  (timeModule as unknown as Record<string, unknown>).timezone = BigInt(standard);
  return null;
}

/** The `time` module object. */
export const timeModule = moduleObject("time", {
  time,
  time_ns,
  monotonic,
  perf_counter: monotonic,
  process_time,
  // The program runs on one thread: its CPU time is the process's.
  thread_time: process_time,
  monotonic_ns: nanoseconds(monotonic),
  perf_counter_ns: nanoseconds(monotonic),
  process_time_ns: nanoseconds(process_time),
  thread_time_ns: nanoseconds(process_time),
  sleep,
  localtime,
  gmtime,
  mktime,
  strftime,
  strptime,
  asctime,
  ctime,
  struct_time: pyClass(struct_time),
  timezone: BigInt(standardOffsetWest),
  get altzone(): bigint {
    return BigInt(zone().altzone);
  },
  get daylight(): bigint {
    return BigInt(zone().daylight);
  },
  get tzname(): Tuple<string> {
    return zone().tzname;
  },
  tzset,
  get_clock_info,
  clock_gettime,
  clock_gettime_ns: (id: unknown): bigint => BigInt(Math.floor(clock_gettime(id) * 1e9)),
  clock_getres: (id: unknown): number => (clock_gettime(id), 1e-9),
  clock_settime,
  clock_settime_ns,
  pthread_getcpuclockid,
  _STRUCT_TM_ITEMS: 11n,
  CLOCK_REALTIME: BigInt(CLOCKS.CLOCK_REALTIME!),
  CLOCK_MONOTONIC: BigInt(CLOCKS.CLOCK_MONOTONIC!),
  CLOCK_PROCESS_CPUTIME_ID: BigInt(CLOCKS.CLOCK_PROCESS_CPUTIME_ID!),
  CLOCK_THREAD_CPUTIME_ID: BigInt(CLOCKS.CLOCK_THREAD_CPUTIME_ID!),
  CLOCK_MONOTONIC_RAW: BigInt(CLOCKS.CLOCK_MONOTONIC_RAW!),
  CLOCK_BOOTTIME: BigInt(CLOCKS.CLOCK_BOOTTIME!),
  CLOCK_TAI: BigInt(CLOCKS.CLOCK_TAI!),
});

// (`time.struct_time.n_fields`, its field descriptors, and tuple's methods, read off the class)
declareClassValues(struct_time, { n_fields: 11n, n_sequence_fields: 9n, n_unnamed_fields: 0n });
declareDataAttributes(struct_time, "member", "tm_zone tm_gmtoff");
declareBaseMethods(struct_time, tuple, "count index");
