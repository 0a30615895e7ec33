import { describe, expect, it } from "vitest";
import { sysModule as sys, programArgv } from "../../../runtime/modules/sys.js";
import { timeModule as time } from "../../../runtime/modules/time.js";
import { SystemExit, ValueError } from "../../../runtime/values/exceptions.js";
import { repr } from "../../../runtime/values/repr.js";
import { standardStreams } from "../../../runtime/values/print.js";

describe("time", () => {
  it("sleep() blocks the thread: timers and immediates wait for it", async () => {
    const events: string[] = [];
    setTimeout(() => events.push("timer"), 0);
    setImmediate(() => events.push("immediate"));
    const start = time.time();
    time.sleep(0.1);
    const slept = time.time() - start;
    events.push("after sleep");
    await new Promise((r) => setTimeout(r, 5));
    expect(events[0]).toBe("after sleep");
    expect(slept).toBeGreaterThanOrEqual(0.09);
  });

  it("sleep() takes ints and refuses negative or non-numbers", () => {
    expect(time.sleep(0n)).toBe(null);
    expect(() => time.sleep(-1n)).toThrow(ValueError);
    expect(() => time.sleep(-1n)).toThrow("sleep length must be non-negative");
    expect(() => time.sleep("1")).toThrow("'str' object cannot be interpreted as an integer");
  });

  it("time() is float seconds since the epoch with sub-millisecond digits", () => {
    const t = time.time();
    expect(typeof t).toBe("number");
    expect(Math.abs(t * 1000 - Date.now())).toBeLessThan(50);
    const samples = Array.from({ length: 20 }, () => time.time());
    expect(samples.some((s) => Math.round(s * 1e6) % 1000 !== 0)).toBe(true);
    expect(time.monotonic()).toBeLessThanOrEqual(time.perf_counter());
  });

  it("gmtime / strftime / struct_time match CPython", () => {
    const st = time.gmtime(86400n * 400n);
    // repr() of a Tuple subclass does not consult __repr__ yet (runtime/values/repr.ts).
    expect(st.__repr__()).toBe(
      "time.struct_time(tm_year=1971, tm_mon=2, tm_mday=5, tm_hour=0, tm_min=0, tm_sec=0, tm_wday=4, tm_yday=36, tm_isdst=0)",
    );
    expect(time.strftime("%Y %j", st)).toBe("1971 036");
    expect(st.tm_year).toBe(1971n);
    expect(time.localtime().tm_year).toBe(BigInt(new Date().getFullYear()));
  });
});

describe("sys", () => {
  it("argv is the script then the arguments, PYTS_ARGV0 naming the script", () => {
    const saved = [process.argv, process.env["PYTS_ARGV0"]] as const;
    try {
      process.argv = ["node", "/tmp/out.js", "http://127.0.0.1:1", "x"];
      delete process.env["PYTS_ARGV0"];
      expect(programArgv()).toEqual(["/tmp/out.js", "http://127.0.0.1:1", "x"]);
      process.env["PYTS_ARGV0"] = "05a_co_down.py";
      expect(programArgv()).toEqual(["05a_co_down.py", "http://127.0.0.1:1", "x"]);
    } finally {
      process.argv = saved[0];
      if (saved[1] === undefined) delete process.env["PYTS_ARGV0"];
      else process.env["PYTS_ARGV0"] = saved[1];
    }
  });

  it("exit() raises SystemExit carrying the code", () => {
    let error: unknown;
    try {
      sys.exit(3n);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SystemExit);
    expect((error as SystemExit).code).toBe(3n);
    try {
      sys.exit();
    } catch (e) {
      expect((e as SystemExit).code).toBe(null);
    }
  });

  it("stdout is print()'s stream and can be replaced", () => {
    const original = sys.stdout;
    expect(original).toBe(standardStreams.stdout);
    const written: string[] = [];
    sys.stdout = { write: (s: string) => written.push(s) };
    expect(standardStreams.stdout).toBe(sys.stdout);
    sys.stdout = original;
    expect(standardStreams.stdout).toBe(original);
  });

  it("version_info compares as a tuple and has named fields", () => {
    expect(sys.version_info.major).toBe(3n);
    expect(sys.version_info.minor).toBe(11n);
    expect([...sys.version_info].slice(0, 2)).toEqual([3n, 11n]);
    expect(sys.platform).toBe(process.platform);
  });
});
