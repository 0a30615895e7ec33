// Python's `getopt`: getopt, gnu_getopt and GetoptError (CPython's Lib/getopt.py ported).

import { shareClassAttributes } from "../lang/objects.js";
import { Exception } from "../values/exceptions.js";
import { toStr } from "../values/repr.js";
import { iterable } from "../values/iteration.js";
import { Tuple } from "../values/tuple.js";
import { nodeProcess } from "../core/host.js";
import { moduleObject } from "./module-object.js";

export class GetoptError extends Exception {
  static readonly __module__ = "getopt";
  // (class attributes too, as CPython's `msg = ''` and `opt = ''`)
  static msg: unknown = "";
  static opt: unknown = "";
  static {
    shareClassAttributes(this, ["msg", "opt"]);
  }
  declare msg: unknown;
  declare opt: unknown;
  constructor(msg: unknown, opt: unknown = "") {
    super(msg, opt);
    this.msg = msg;
    this.opt = opt;
  }
  __str__(): string {
    return toStr(this.msg);
  }
}

type Opts = Tuple[];

function longList(longopts: unknown): string[] {
  return typeof longopts === "string" ? [longopts] : Array.from(iterable(longopts), toStr);
}

function longHasArgs(opt: string, longopts: string[]): [boolean, string] {
  const possibilities = longopts.filter((o) => o.startsWith(opt));
  if (possibilities.length === 0) throw new GetoptError(`option --${opt} not recognized`, opt);
  if (possibilities.includes(opt)) return [false, opt];
  if (possibilities.includes(opt + "=")) return [true, opt];
  if (possibilities.length > 1) throw new GetoptError(`option --${opt} not a unique prefix`, opt);
  let match = possibilities[0]!;
  const hasArg = match.endsWith("=");
  if (hasArg) match = match.slice(0, -1);
  return [hasArg, match];
}

function doLongs(opts: Opts, optIn: string, longopts: string[], argsIn: string[]): string[] {
  let opt = optIn;
  let args = argsIn;
  let optarg: string | null = null;
  const i = opt.indexOf("=");
  if (i >= 0) [opt, optarg] = [opt.slice(0, i), opt.slice(i + 1)];
  const [hasArg, name] = longHasArgs(opt, longopts);
  if (hasArg) {
    if (optarg === null) {
      if (args.length === 0) throw new GetoptError(`option --${name} requires argument`, name);
      [optarg, args] = [args[0]!, args.slice(1)];
    }
  } else if (optarg !== null) {
    throw new GetoptError(`option --${name} must not have an argument`, name);
  }
  opts.push(Tuple.of("--" + name, optarg || ""));
  return args;
}

function shortHasArg(opt: string, shortopts: string): boolean {
  for (let i = 0; i < shortopts.length; i++) {
    if (opt === shortopts[i] && opt !== ":") return shortopts.startsWith(":", i + 1);
  }
  throw new GetoptError(`option -${opt} not recognized`, opt);
}

function doShorts(opts: Opts, optstringIn: string, shortopts: string, argsIn: string[]): string[] {
  let optstring = optstringIn;
  let args = argsIn;
  while (optstring !== "") {
    const opt = optstring[0]!;
    optstring = optstring.slice(1);
    let optarg: string;
    if (shortHasArg(opt, shortopts)) {
      if (optstring === "") {
        if (args.length === 0) throw new GetoptError(`option -${opt} requires argument`, opt);
        [optstring, args] = [args[0]!, args.slice(1)];
      }
      [optarg, optstring] = [optstring, ""];
    } else {
      optarg = "";
    }
    opts.push(Tuple.of("-" + opt, optarg));
  }
  return args;
}

function getopt(argsIn: unknown, shortoptsIn: unknown, longoptsIn: unknown = []): Tuple {
  const opts: Opts = [];
  const longopts = longList(longoptsIn);
  const shortopts = toStr(shortoptsIn);
  let args = Array.from(iterable(argsIn), toStr);
  const start = args;
  while (args.length > 0 && args[0]!.startsWith("-") && args[0] !== "-") {
    if (args[0] === "--") {
      args = args.slice(1);
      break;
    }
    if (args[0]!.startsWith("--")) args = doLongs(opts, args[0]!.slice(2), longopts, args.slice(1));
    else args = doShorts(opts, args[0]!.slice(1), shortopts, args.slice(1));
  }
  // Unchanged, the argument list itself comes back (as CPython's slices leave it).
  return Tuple.of(opts, args === start ? argsIn : args);
}

function gnu_getopt(argsIn: unknown, shortoptsIn: unknown, longoptsIn: unknown = []): Tuple {
  const opts: Opts = [];
  const progArgs: string[] = [];
  const longopts = longList(longoptsIn);
  let shortopts = toStr(shortoptsIn);
  let allOptionsFirst = false;
  if (shortopts.startsWith("+")) {
    shortopts = shortopts.slice(1);
    allOptionsFirst = true;
  } else if (nodeProcess()?.env["POSIXLY_CORRECT"]) {
    allOptionsFirst = true;
  }
  let args = Array.from(iterable(argsIn), toStr);
  while (args.length > 0) {
    const first = args[0]!;
    if (first === "--") {
      progArgs.push(...args.slice(1));
      break;
    }
    if (first.startsWith("--")) args = doLongs(opts, first.slice(2), longopts, args.slice(1));
    else if (first.startsWith("-") && first !== "-") args = doShorts(opts, first.slice(1), shortopts, args.slice(1));
    else if (allOptionsFirst) {
      progArgs.push(...args);
      break;
    } else {
      progArgs.push(first);
      args = args.slice(1);
    }
  }
  return Tuple.of(opts, progArgs);
}

export const getoptModule = moduleObject("getopt", {
  __all__: ["GetoptError", "error", "getopt", "gnu_getopt"],
  GetoptError,
  error: GetoptError,
  getopt,
  gnu_getopt,
  // getopt.py's helpers, public in CPython: `opts` is the caller's list, appended to.
  do_longs: (opts: Opts, opt: unknown, longopts: unknown, args: unknown): Tuple =>
    Tuple.of(opts, doLongs(opts, toStr(opt), longList(longopts), Array.from(iterable(args), toStr))),
  do_shorts: (opts: Opts, optstring: unknown, shortopts: unknown, args: unknown): Tuple =>
    Tuple.of(opts, doShorts(opts, toStr(optstring), toStr(shortopts), Array.from(iterable(args), toStr))),
  long_has_args: (opt: unknown, longopts: unknown): Tuple => Tuple.of(...longHasArgs(toStr(opt), longList(longopts))),
  short_has_arg: (opt: unknown, shortopts: unknown): boolean => shortHasArg(toStr(opt), toStr(shortopts)),
});
