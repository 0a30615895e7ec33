// timeit's command line, `timeit.main(args=None)` (what `python -m timeit` runs): getopt's
// options -n/-r/-s/-p/-v/-u/-h, the statement from the remaining arguments, the loop count
// found by autorange when -n is absent, and CPython's report "N loops, best of R: T per loop"
// (with the unreliable-results warning when the worst run is over four times the best).
// Returns the exit code (2 for bad options or units, 1 when timing raised, else None).

import { BaseException, UserWarning } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { print } from "../values/print.js";
import { percentFormat } from "../values/percent-format.js";
import { Tuple } from "../values/tuple.js";
import { int } from "../values/builtin-types.js";
import { getoptModule, GetoptError } from "./getopt.js";
import { sysModule } from "./sys.js";
import { process_time } from "./time.js";
import { callValue } from "./pycall.js";
import { tracebackModule } from "./traceback.js";
import { warningsModule } from "./warnings.js";

interface TimerLike {
  autorange(callback?: unknown): Tuple;
  repeat(repeat: bigint, number: bigint): number[];
}

const UNITS: [string, number][] = [["nsec", 1e-9], ["usec", 1e-6], ["msec", 1e-3], ["sec", 1.0]];

export function makeMain(doc: string, makeTimer: (stmt: string, setup: string, timer: unknown) => TimerLike, defaultTimer: unknown, defaultRepeat: bigint) {
  return function main(...args: unknown[]): bigint | null {
    const [positional, keywords] = splitKw(args);
    const given = positional[0] ?? keywords.args;
    const argv = given === undefined || given === null ? (sysModule.argv as string[]).slice(1) : [...(given as Iterable<string>)];
    let parsed: Tuple;
    try {
      parsed = getoptModule.getopt(argv, "n:u:s:r:tcpvh", ["number=", "setup=", "repeat=", "time", "clock", "process", "verbose", "unit=", "help"]);
    } catch (error) {
      if (!(error instanceof GetoptError)) throw error;
      print(error);
      print("use -h/--help for command line help");
      return 2n;
    }
    const [opts, rest] = parsed.items as [Tuple[], string[]];
    let timer = defaultTimer;
    const stmt = rest.join("\n") || "pass";
    let number = 0n;
    const setups: string[] = [];
    let repeat = defaultRepeat;
    let verbose = 0;
    let timeUnit: string | null = null;
    let precision = 3n;
    for (const pair of opts) {
      const [o, a] = pair.items as [string, string];
      if (o === "-n" || o === "--number") number = int(a) as bigint;
      if (o === "-s" || o === "--setup") setups.push(a);
      if (o === "-u" || o === "--unit") {
        if (UNITS.some(([name]) => name === a)) timeUnit = a;
        else {
          print("Unrecognized unit. Please select nsec, usec, msec, or sec.", kw({ file: sysModule.stderr }));
          return 2n;
        }
      }
      if (o === "-r" || o === "--repeat") {
        repeat = int(a) as bigint;
        if (repeat <= 0n) repeat = 1n;
      }
      if (o === "-p" || o === "--process") timer = process_time;
      if (o === "-v" || o === "--verbose") {
        if (verbose) precision += 1n;
        verbose += 1;
      }
      if (o === "-h" || o === "--help") {
        print(doc, kw({ end: " " }));
        return 0n;
      }
    }
    const t = makeTimer(stmt, setups.join("\n") || "pass", timer);
    const failed = (error: unknown): bigint => {
      if (!(error instanceof BaseException)) throw error;
      callValue(tracebackModule.print_exception, error);
      return 1n;
    };
    if (number === 0n) {
      const callback = verbose
        ? (n: bigint, taken: number): void => print(`${n} loop${n !== 1n ? "s" : ""} -> ${percentFormat("%.*g", Tuple.of(precision, taken))} secs`)
        : null;
      try {
        number = t.autorange(callback).items[0] as bigint;
      } catch (error) {
        return failed(error);
      }
      if (verbose) print();
    }
    let raw: number[];
    try {
      raw = t.repeat(repeat, number);
    } catch (error) {
      return failed(error);
    }
    const formatTime = (dt: number): string => {
      // the unit asked for, else the largest that dt reaches (nsec below that)
      const [unit, scale] = timeUnit !== null ? UNITS.find(([name]) => name === timeUnit)! : ([...UNITS].reverse().find(([, s]) => dt >= s) ?? UNITS[0]!);
      return percentFormat("%.*g %s", Tuple.of(precision, dt / scale, unit));
    };
    if (verbose) {
      print(`raw times: ${raw.map(formatTime).join(", ")}`);
      print();
    }
    const timings = raw.map((dt) => dt / Number(number));
    const best = Math.min(...timings);
    const worst = Math.max(...timings);
    print(`${number} loop${number !== 1n ? "s" : ""}, best of ${repeat}: ${formatTime(best)} per loop`);
    if (worst >= best * 4) {
      const message = `The test results are likely unreliable. The worst time (${formatTime(worst)}) was more than four times slower than the best time (${formatTime(best)}).`;
      callValue(warningsModule.warn_explicit, message, UserWarning, "", 0n);
    }
    return null;
  };
}
