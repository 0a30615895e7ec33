// `os.path` (CPython's posixpath): the string functions ported line by line, the queries on
// Node's fs (loaded when first used).

import { nodeModule, nodeProcess } from "../core/host.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { typeName } from "../values/typename.js";
import { Tuple } from "../values/tuple.js";
import { Bytes } from "../values/bytes.js";
import { decode } from "../values/bytes-codec.js";
import { encode } from "../values/str-codec.js";
import { Kwargs } from "../values/kwargs.js";
import { moduleObject } from "./module-object.js";

/** `os.fspath(p)`: a str or bytes as it is, or a path-like object's `__fspath__()`. */
export function pathValue(p: unknown): string | Uint8Array {
  if (typeof p === "string" || p instanceof Uint8Array) return p;
  const method = (p as { __fspath__?: () => unknown } | null)?.__fspath__;
  if (typeof method === "function") {
    const out = method.call(p);
    if (typeof out === "string" || out instanceof Uint8Array) return out;
    throw new PyTypeError(`expected ${typeName(p)}.__fspath__() to return str or bytes, not ${typeName(out)}`);
  }
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(p)}`);
}

/** A path argument as text for Node's fs: a bytes path decoded as os.fsdecode does. */
export function fspath(p: unknown): string {
  const value = pathValue(p);
  return typeof value === "string" ? value : decode(value, "utf-8", "surrogateescape");
}

/** Is `p` a bytes path (bytes, or a path-like object whose `__fspath__()` gives bytes)? */
function isBytesPath(p: unknown): boolean {
  return p instanceof Uint8Array || (typeof p === "object" && p !== null && !(p instanceof Tuple) && typeof (p as { __fspath__?: unknown }).__fspath__ === "function" && pathValue(p) instanceof Uint8Array);
}

/** A str result as the bytes a bytes path gets (os.fsencode), through tuples and lists. */
export function asBytesPath(result: unknown): unknown {
  if (typeof result === "string") return encode(result, "utf-8", "surrogateescape");
  if (result instanceof Tuple) return Tuple.from(result.items.map(asBytesPath));
  if (Array.isArray(result)) return result.map(asBytesPath);
  return result;
}

/**
 * `fn` taking bytes paths as CPython's posixpath does: computed on their text, the results
 * given back as bytes; str and bytes together are a TypeError. `listArgument`: the paths are
 * the items of the first argument (commonpath).
 */
export function bytesAware<F extends (...args: any[]) => unknown>(fn: F, listArgument = false): F {
  return function (this: unknown, ...args: unknown[]): unknown {
    const paths = listArgument ? [...((args[0] ?? []) as Iterable<unknown>)] : args.filter((a) => a !== null && a !== undefined && typeof a !== "bigint" && typeof a !== "boolean" && !(a instanceof Kwargs));
    const kinds = paths.map(isBytesPath);
    if (!kinds.includes(true)) return fn.apply(this, args);
    if (kinds.includes(false)) throw new PyTypeError("Can't mix strings and bytes in path components");
    return asBytesPath(fn.apply(this, listArgument ? [paths] : args));
  } as F;
}

export function cwd(): string {
  return nodeProcess()?.cwd() ?? "/";
}

export function isabs(p: unknown): boolean {
  return fspath(p).startsWith("/");
}

export function join(a: unknown, ...rest: unknown[]): string {
  let path = fspath(a);
  for (const part of rest) {
    const b = fspath(part);
    if (b.startsWith("/")) path = b;
    else if (path === "" || path.endsWith("/")) path += b;
    else path += "/" + b;
  }
  return path;
}

function splitParts(p: string): [string, string] {
  const i = p.lastIndexOf("/") + 1;
  let head = p.slice(0, i);
  const tail = p.slice(i);
  if (head !== "" && head !== "/".repeat(head.length)) head = head.replace(/\/+$/, "");
  return [head, tail];
}

function split(p: unknown): Tuple {
  return Tuple.of(...splitParts(fspath(p)));
}

function splitextParts(p: string): [string, string] {
  const sepIndex = p.lastIndexOf("/");
  const dotIndex = p.lastIndexOf(".");
  if (dotIndex > sepIndex) {
    // A leading run of dots is part of the name (".bashrc", "..x").
    for (let i = sepIndex + 1; i < dotIndex; i++) if (p[i] !== ".") return [p.slice(0, dotIndex), p.slice(dotIndex)];
  }
  return [p, ""];
}

function splitext(p: unknown): Tuple {
  return Tuple.of(...splitextParts(fspath(p)));
}

function basename(p: unknown): string {
  const s = fspath(p);
  return s.slice(s.lastIndexOf("/") + 1);
}

export function dirname(p: unknown): string {
  return splitParts(fspath(p))[0];
}

export function normpath(p: unknown): string {
  const path = fspath(p);
  if (path === "") return ".";
  let initial = path.startsWith("/") ? 1 : 0;
  if (initial && path.startsWith("//") && !path.startsWith("///")) initial = 2;
  const comps: string[] = [];
  for (const comp of path.split("/")) {
    if (comp === "" || comp === ".") continue;
    if (comp !== ".." || (!initial && comps.length === 0) || (comps.length > 0 && comps[comps.length - 1] === "..")) comps.push(comp);
    else if (comps.length > 0) comps.pop();
  }
  const out = "/".repeat(initial) + comps.join("/");
  return out === "" ? "." : out;
}

export function abspath(p: unknown): string {
  const path = fspath(p);
  return normpath(isabs(path) ? path : join(cwd(), path));
}

/** realpath: symbolic links resolved as far as the path exists, the rest kept as written. */
function realpath(p: unknown): string {
  const fs = nodeModule("node:fs");
  let path = abspath(p);
  let rest = "";
  for (;;) {
    try {
      const real = fs.realpathSync(path);
      return rest === "" ? real : join(real, rest);
    } catch {
      if (path === "/") return abspath(p);
      const [head, tail] = splitParts(path);
      rest = rest === "" ? tail : join(tail, rest);
      path = head;
    }
  }
}

function relpath(p: unknown, start: unknown = null): string {
  const path = fspath(p);
  if (path === "") throw new ValueError("no path specified");
  const from = start === null || start === undefined ? "." : fspath(start);
  const startList = abspath(from).split("/").filter((x) => x !== "");
  const pathList = abspath(path).split("/").filter((x) => x !== "");
  let i = 0;
  while (i < startList.length && i < pathList.length && startList[i] === pathList[i]) i++;
  const relList = [...Array<string>(startList.length - i).fill(".."), ...pathList.slice(i)];
  return relList.length === 0 ? "." : join(relList[0], ...relList.slice(1));
}

function commonprefix(list: unknown): string {
  const items = [...(list as Iterable<unknown>)].map(fspath);
  if (items.length === 0) return "";
  const sorted = [...items].sort();
  const s1 = sorted[0]!;
  const s2 = sorted[sorted.length - 1]!;
  let i = 0;
  while (i < s1.length && s1[i] === s2[i]) i++;
  return s1.slice(0, i);
}

function commonpath(paths: unknown): string {
  const items = [...(paths as Iterable<unknown>)].map(fspath);
  if (items.length === 0) throw new ValueError("commonpath() arg is an empty sequence");
  const absolute = new Set(items.map((p) => p.startsWith("/")));
  if (absolute.size > 1) throw new ValueError("Can't mix absolute and relative paths");
  const parts = items.map((p) => p.split("/").filter((c) => c !== "" && c !== "."));
  const compare = (a: string[], b: string[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return a.length - b.length;
  };
  const s1 = parts.reduce((m, p) => (compare(p, m) < 0 ? p : m));
  const s2 = parts.reduce((m, p) => (compare(p, m) > 0 ? p : m));
  let common = s1;
  for (let i = 0; i < s1.length; i++) {
    if (s1[i] !== s2[i]) {
      common = s1.slice(0, i);
      break;
    }
  }
  return (absolute.has(true) ? "/" : "") + common.join("/");
}

function expanduser(p: unknown): string {
  const path = fspath(p);
  if (!path.startsWith("~")) return path;
  const end = path.indexOf("/") < 0 ? path.length : path.indexOf("/");
  if (end !== 1) return path; // ~user: left alone (no password database here)
  const home = nodeProcess()?.env["HOME"] ?? nodeModule("node:os").homedir();
  const out = home.replace(/\/+$/, "") + path.slice(1);
  return out === "" ? "/" : out;
}

function expandvars(p: unknown): string {
  const path = fspath(p);
  if (!path.includes("$")) return path;
  const env = nodeProcess()?.env ?? {};
  return path.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith("{") ? name.slice(1, -1) : name;
    return env[key] ?? whole;
  });
}

/** `fs.statSync` that answers undefined for a path that is not there (or not reachable). */
function statOrNone(p: unknown, follow = true): import("node:fs").Stats | undefined {
  let path: string;
  try {
    path = fspath(p);
  } catch {
    return undefined;
  }
  const fs = nodeModule("node:fs");
  try {
    return follow ? fs.statSync(path) : fs.lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOf(p: unknown): import("node:fs").Stats {
  const path = fspath(p);
  return fsStat(path);
}

/** Set by os.ts: stat with CPython's errors (os-errors.ts). */
let fsStat: (path: string) => import("node:fs").Stats = (path) => nodeModule("node:fs").statSync(path);
/** Set by os.ts: fstat of a descriptor argument, with CPython's errors. */
let fsFstat: (fd: unknown) => import("node:fs").Stats = (fd) => nodeModule("node:fs").fstatSync(Number(fd));
export function setStat(stat: (path: string) => import("node:fs").Stats, fstat: (fd: unknown) => import("node:fs").Stats): void {
  fsStat = stat;
  fsFstat = fstat;
}

export const pathModule = moduleObject("posixpath", {
  sep: "/",
  altsep: null,
  extsep: ".",
  pathsep: ":",
  curdir: ".",
  pardir: "..",
  defpath: "/bin:/usr/bin",
  devnull: "/dev/null",
  isabs,
  join: bytesAware(join),
  split: bytesAware(split),
  splitext: bytesAware(splitext),
  basename: bytesAware(basename),
  dirname: bytesAware(dirname),
  normpath: bytesAware(normpath),
  abspath: bytesAware(abspath),
  realpath: bytesAware(realpath),
  relpath: bytesAware(relpath),
  commonprefix: bytesAware(commonprefix, true),
  commonpath: bytesAware(commonpath, true),
  expanduser: bytesAware(expanduser),
  expandvars: bytesAware(expandvars),
  normcase: bytesAware((p: unknown) => fspath(p)),
  exists: (p: unknown) => statOrNone(p) !== undefined,
  lexists: (p: unknown) => statOrNone(p, false) !== undefined,
  isfile: (p: unknown) => statOrNone(p)?.isFile() === true,
  isdir: (p: unknown) => statOrNone(p)?.isDirectory() === true,
  islink: (p: unknown) => statOrNone(p, false)?.isSymbolicLink() === true,
  ismount: (p: unknown) => abspath(p) === "/",
  getsize: (p: unknown) => BigInt(statOf(p).size),
  getmtime: (p: unknown) => statOf(p).mtimeMs / 1000,
  getatime: (p: unknown) => statOf(p).atimeMs / 1000,
  getctime: (p: unknown) => statOf(p).ctimeMs / 1000,
  supports_unicode_filenames: false,
  /** posix paths have no drive */
  splitdrive: (p: unknown) => {
    const path = p instanceof Uint8Array ? p : fspath(p);
    return Tuple.of(path instanceof Uint8Array ? Bytes.fromArray(new Uint8Array(0)) : "", path);
  },
  samestat: (a: unknown, b: unknown) => {
    const [sa, sb] = [a as { st_ino: unknown; st_dev: unknown }, b as { st_ino: unknown; st_dev: unknown }];
    return sa.st_ino === sb.st_ino && sa.st_dev === sb.st_dev;
  },
  /** Whether two descriptors name one file (fstat's device and inode). */
  sameopenfile: (a: unknown, b: unknown) => {
    const [sa, sb] = [fsFstat(a), fsFstat(b)];
    return sa.ino === sb.ino && sa.dev === sb.dev;
  },
  samefile: (a: unknown, b: unknown) => {
    const sa = statOf(a);
    const sb = statOf(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  },
});
