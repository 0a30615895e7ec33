// Expected texts were produced by CPython 3.11 (python3 -c ...), not typed from memory.
import { describe, expect, it } from "vitest";
import { datetimeModule as dt } from "../../../runtime/modules/datetime.js";
import { kw } from "../../../runtime/values/kwargs.js";
import { str, repr } from "../../../runtime/values/repr.js";

const td = (args: Record<string, unknown>) => dt.timedelta(kw(args));

describe("timedelta", () => {
  it.each([
    [{ seconds: 1.5 }, "0:00:01.500000", "datetime.timedelta(seconds=1, microseconds=500000)"],
    [{}, "0:00:00", "datetime.timedelta(0)"],
    [{ days: -1n, seconds: 5n }, "-1 day, 0:00:05", "datetime.timedelta(days=-1, seconds=5)"],
    [
      { days: 2n, hours: 3n, minutes: 4n, seconds: 5n, microseconds: 6n },
      "2 days, 3:04:05.000006",
      "datetime.timedelta(days=2, seconds=11045, microseconds=6)",
    ],
    [{ microseconds: -1n }, "-1 day, 23:59:59.999999", "datetime.timedelta(days=-1, seconds=86399, microseconds=999999)"],
    [{ weeks: 1n, milliseconds: 1n }, "7 days, 0:00:00.001000", "datetime.timedelta(days=7, microseconds=1000)"],
    [{ hours: 25n }, "1 day, 1:00:00", "datetime.timedelta(days=1, seconds=3600)"],
    // Float microseconds round half to even, like CPython.
    [{ seconds: 0.0000005 }, "0:00:00", "datetime.timedelta(0)"],
    [{ seconds: 0.0000015 }, "0:00:00.000002", "datetime.timedelta(microseconds=2)"],
  ])("timedelta(%o) prints like CPython", (args, text, reprText) => {
    const t = td(args);
    expect(str(t)).toBe(text);
    expect(repr(t)).toBe(reprText);
  });

  it("normalises fields to ints and gives total_seconds as a float", () => {
    const t = td({ days: -1n, seconds: 5n });
    expect([t.days, t.seconds, t.microseconds]).toEqual([-1n, 5n, 0n]);
    expect(t.total_seconds()).toBe(-86395);
    expect(td({ weeks: 1n, milliseconds: 1n }).total_seconds()).toBe(604800.001);
  });

  it("does arithmetic", () => {
    const three = td({ seconds: 3n });
    const two = td({ seconds: 2n });
    expect(three.__truediv__(two)).toBe(1.5);
    expect(three.__floordiv__(two)).toBe(1n);
    expect(repr(three.__mul__(1.5))).toBe("datetime.timedelta(seconds=4, microseconds=500000)");
    expect(repr(three.__truediv__(4n))).toBe("datetime.timedelta(microseconds=750000)");
    expect(str(td({ seconds: 1n }).__neg__())).toBe("-1 day, 23:59:59");
    expect(repr(td({ days: -2n }).__abs__())).toBe("datetime.timedelta(days=2)");
    expect(three.__gt__(two)).toBe(true);
    expect(three.__eq__(td({ milliseconds: 3000n }))).toBe(true);
  });

  it("can be called with or without new", () => {
    expect(new dt.timedelta(1n).days).toBe(1n);
    expect(dt.timedelta(0n, 1n).seconds).toBe(1n);
    expect(dt.timedelta(1n) instanceof dt.timedelta).toBe(true);
  });
});

describe("datetime", () => {
  const moment = dt.datetime(2026n, 11n, 26n, 12n, 10n, 9n, 795329n);

  it("prints str and repr like CPython", () => {
    expect(str(moment)).toBe("2026-11-26 12:10:09.795329");
    expect(repr(moment)).toBe("datetime.datetime(2026, 11, 26, 12, 10, 9, 795329)");
    expect(repr(dt.datetime(2026n, 1n, 2n, 3n, 4n))).toBe("datetime.datetime(2026, 1, 2, 3, 4)");
    expect(repr(dt.datetime(2026n, 1n, 2n, 3n, 4n, 5n))).toBe("datetime.datetime(2026, 1, 2, 3, 4, 5)");
    expect(str(dt.datetime(2020n, 5n, 5n))).toBe("2020-05-05 00:00:00");
  });

  it("isoformat and strftime", () => {
    expect(moment.isoformat()).toBe("2026-11-26T12:10:09.795329");
    expect(moment.isoformat("T", "milliseconds")).toBe("2026-11-26T12:10:09.795");
    expect(moment.strftime("%Y-%m-%d %H:%M:%S.%f %a %A %b %B %j %U %W %w %u %y %I %p %c %x %X %G %V %% %Q")).toBe(
      "2026-11-26 12:10:09.795329 Thu Thursday Nov November 330 47 47 4 4 26 12 PM Thu Nov 26 12:10:09 2026 11/26/26 12:10:09 2026 48 % %Q",
    );
    expect(dt.date(2021n, 1n, 3n).strftime("%G-W%V-%u %U %W")).toBe("2020-W53-7 01 00");
  });

  it("adds and subtracts timedeltas and datetimes", () => {
    expect(str(moment.__add__(td({ days: 40n, seconds: 86000n })))).toBe("2027-01-06 12:03:29.795329");
    expect(repr(moment.__sub__(dt.datetime(2026n, 1n, 1n)))).toBe(
      "datetime.timedelta(days=329, seconds=43809, microseconds=795329)",
    );
    expect(str(moment.__sub__(dt.datetime(2027n, 1n, 1n)))).toBe("-36 days, 12:10:09.795329");
    expect(str(dt.date(2024n, 2n, 29n).__add__(td({ days: 365n })))).toBe("2025-02-28");
    expect(repr(dt.date(2024n, 3n, 1n).__sub__(dt.date(2024n, 2n, 1n)))).toBe("datetime.timedelta(days=29)");
    expect(dt.date(2020n, 1n, 1n).weekday()).toBe(2n);
    expect(dt.date(2020n, 1n, 1n).toordinal()).toBe(737425n);
  });

  it("validates fields with CPython's messages", () => {
    expect(() => dt.datetime(2026n, 13n, 1n)).toThrow("month must be in 1..12");
    expect(() => dt.date(2023n, 2n, 29n)).toThrow("day is out of range for month");
    expect(() => dt.datetime(2026n, 1n, 1n, 24n)).toThrow("hour must be in 0..23");
  });

  it("now() is the current local time with microseconds", () => {
    const before = Date.now();
    const now = dt.datetime.now();
    const after = Date.now();
    const ms = now.timestamp() * 1000;
    expect(ms).toBeGreaterThanOrEqual(before - 1);
    expect(ms).toBeLessThanOrEqual(after + 1);
    expect(str(now)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$/);
    expect(str(dt.date.today())).toBe(str(now.date()));
  });
});

describe("module classes as type objects", () => {
  it("answer isinstance through __instancecheck__, also for subclasses", () => {
    const check = (cls: unknown, x: unknown) =>
      (cls as { __instancecheck__(x: unknown): boolean }).__instancecheck__(x);
    const moment = dt.datetime(2026n, 1n, 1n);
    expect(check(dt.datetime, moment)).toBe(true);
    expect(check(dt.date, moment)).toBe(true);
    expect(check(dt.timedelta, moment)).toBe(false);
    class Sub extends dt.date {}
    expect(check(Sub, moment)).toBe(false);
    expect(check(Sub, new Sub(2026n, 1n, 1n))).toBe(true);
  });
});
