// `fnmatch` and `glob`: CPython's Lib/fnmatch.py and Lib/glob.py ported line by line (str
// and bytes patterns); patterns become CPython's regular expressions, run by pyts's `re` engine.

import { nodeModule } from "../core/host.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { PyIterator } from "../values/iteration.js";
import { compilePattern, escapePattern } from "./re.js";
import { moduleObject } from "./module-object.js";
import { fspath, pathModule } from "./os-path.js";
import { latin1Of } from "./re-pattern.js";
import { Bytes } from "../values/bytes.js";
import { PyTypeError } from "../values/exceptions.js";

// ---- fnmatch ----

const STAR = Symbol("STAR");

export function translate(pat: string): string {
  const res: (string | typeof STAR)[] = [];
  let i = 0;
  const n = pat.length;
  while (i < n) {
    const c = pat[i]!;
    i++;
    if (c === "*") {
      if (res.length === 0 || res[res.length - 1] !== STAR) res.push(STAR);
    } else if (c === "?") {
      res.push(".");
    } else if (c === "[") {
      let j = i;
      if (j < n && pat[j] === "!") j++;
      if (j < n && pat[j] === "]") j++;
      while (j < n && pat[j] !== "]") j++;
      if (j >= n) {
        res.push("\\[");
      } else {
        let stuff = pat.slice(i, j);
        if (!stuff.includes("-")) {
          stuff = stuff.replaceAll("\\", "\\\\");
        } else {
          const chunks: string[] = [];
          let k = pat[i] === "!" ? i + 2 : i + 1;
          for (;;) {
            k = pat.indexOf("-", k);
            if (k < 0 || k >= j) break;
            chunks.push(pat.slice(i, k));
            i = k + 1;
            k = k + 3;
          }
          const chunk = pat.slice(i, j);
          if (chunk !== "") chunks.push(chunk);
          else chunks[chunks.length - 1] += "-";
          // Remove empty ranges: invalid in a regular expression.
          for (let m = chunks.length - 1; m > 0; m--) {
            const prev = chunks[m - 1]!;
            if (prev[prev.length - 1]! > chunks[m]![0]!) {
              chunks[m - 1] = prev.slice(0, -1) + chunks[m]!.slice(1);
              chunks.splice(m, 1);
            }
          }
          stuff = chunks.map((s) => s.replaceAll("\\", "\\\\").replaceAll("-", "\\-")).join("-");
        }
        stuff = stuff.replace(/([&~|])/g, "\\$1");
        i = j + 1;
        if (stuff === "") res.push("(?!)");
        else if (stuff === "!") res.push(".");
        else {
          if (stuff[0] === "!") stuff = "^" + stuff.slice(1);
          else if (stuff[0] === "^" || stuff[0] === "[") stuff = "\\" + stuff;
          res.push(`[${stuff}]`);
        }
      }
    } else {
      res.push(escapePattern(c));
    }
  }
  // STAR fixed STAR fixed ...: an interior pair matches minimally, without backtracking.
  const out: string[] = [];
  let k = 0;
  while (k < res.length && res[k] !== STAR) out.push(res[k++] as string);
  while (k < res.length) {
    k++;
    if (k === res.length) {
      out.push(".*");
      break;
    }
    let fixed = "";
    while (k < res.length && res[k] !== STAR) fixed += res[k++] as string;
    if (k === res.length) out.push(".*", fixed);
    else out.push(`(?>.*?${fixed})`);
  }
  return `(?s:${out.join("")})\\Z`;
}

const compiled = new Map<string, { match(s: string): unknown }>();
function matcher(pat: string): { match(s: string): unknown } {
  let m = compiled.get(pat);
  if (m === undefined) {
    if (compiled.size >= 32768) compiled.clear();
    m = compilePattern(translate(pat)) as { match(s: string): unknown };
    compiled.set(pat, m);
  }
  return m;
}

/**
 * A bytes name or pattern as latin-1 chars, as fnmatch.py matches bytes (its translated
 * pattern encoded back to latin-1 is the same expression over the same bytes).
 */
function textOf(x: unknown, bytes: boolean): string {
  if (x instanceof Uint8Array) {
    if (!bytes) throw new PyTypeError("cannot use a string pattern on a bytes-like object");
    return latin1Of(x);
  }
  if (bytes) throw new PyTypeError("cannot use a bytes pattern on a string-like object");
  return fspath(x);
}

export function fnmatchcase(name: unknown, pat: unknown): boolean {
  const bytes = pat instanceof Uint8Array;
  const m = matcher(textOf(pat, bytes));
  return m.match(textOf(name, bytes)) !== null;
}

function filter(names: unknown, pat: unknown): any[] {
  const bytes = pat instanceof Uint8Array;
  const m = matcher(textOf(pat, bytes));
  const out: unknown[] = [];
  for (const name of names as Iterable<unknown>) {
    if (m.match(textOf(name, bytes)) !== null) out.push(bytes ? name : fspath(name));
  }
  return out;
}

export const fnmatchModule = moduleObject("fnmatch", {
  fnmatch: fnmatchcase, // posix: normcase is the identity
  fnmatchcase,
  filter,
  translate: (pat: unknown) => translate(fspath(pat)),
});

// ---- glob ----

const hasMagic = (s: string): boolean => /[*?[]/.test(s);
const isHidden = (p: string): boolean => p[0] === ".";
const isRecursive = (p: string): boolean => p === "**";

function joinNames(dirname: string, basename: string): string {
  if (dirname === "" || basename === "") return dirname || basename;
  return pathModule.join(dirname, basename) as string;
}

function listNames(dirname: string, dironly: boolean): string[] {
  const fs = nodeModule("node:fs");
  try {
    const entries = fs.readdirSync(dirname === "" ? "." : dirname, { withFileTypes: true });
    const out: string[] = [];
    for (const entry of entries) {
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = fs.statSync(joinNames(dirname || ".", entry.name)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      if (!dironly || isDir) out.push(entry.name);
    }
    return out;
  } catch {
    return [];
  }
}

function* rlistdir(dirname: string, dironly: boolean, hidden: boolean): Generator<string> {
  for (const x of listNames(dirname, dironly)) {
    if (hidden || !isHidden(x)) {
      yield x;
      const path = dirname !== "" ? joinNames(dirname, x) : x;
      for (const y of rlistdir(path, dironly, hidden)) yield joinNames(x, y);
    }
  }
}

function glob1(dirname: string, pattern: string, dironly: boolean, hidden: boolean): string[] {
  let names = listNames(dirname, dironly);
  if (hidden || !isHidden(pattern)) names = names.filter((x) => hidden || !isHidden(x));
  return filter(names, pattern);
}

function glob0(dirname: string, basename: string): string[] {
  if (basename !== "") return (pathModule.lexists(joinNames(dirname, basename)) as boolean) ? [basename] : [];
  return (pathModule.isdir(dirname) as boolean) ? [basename] : [];
}

function* glob2(dirname: string, pattern: string, dironly: boolean, hidden: boolean): Generator<string> {
  yield pattern.slice(0, 0);
  yield* rlistdir(dirname, dironly, hidden);
}

function* iglobInner(pathname: string, rootDir: string, recursive: boolean, dironly: boolean, hidden: boolean): Generator<string> {
  const [dirname, basename] = (pathModule.split(pathname) as { items: readonly string[] }).items as [string, string];
  if (!hasMagic(pathname)) {
    if (basename !== "") {
      if (pathModule.lexists(joinNames(rootDir, pathname)) as boolean) yield pathname;
    } else if (pathModule.isdir(joinNames(rootDir, dirname)) as boolean) yield pathname;
    return;
  }
  if (dirname === "") {
    if (recursive && isRecursive(basename)) yield* glob2(rootDir, basename, dironly, hidden);
    else yield* glob1(rootDir, basename, dironly, hidden);
    return;
  }
  const dirs: Iterable<string> = dirname !== pathname && hasMagic(dirname) ? iglobInner(dirname, rootDir, recursive, true, hidden) : [dirname];
  for (const dir of dirs) {
    const where = joinNames(rootDir, dir);
    const names = hasMagic(basename)
      ? recursive && isRecursive(basename) ? glob2(where, basename, dironly, hidden) : glob1(where, basename, dironly, hidden)
      : glob0(where, basename);
    for (const name of names) yield pathModule.join(dir, name) as string;
  }
}

function* iglobGen(pathname: string, kws: Record<string, unknown>): Generator<string> {
  const rootDir = kws["root_dir"] === undefined || kws["root_dir"] === null ? "" : fspath(kws["root_dir"]);
  const recursive = truthy(kws["recursive"] ?? false);
  const hidden = truthy(kws["include_hidden"] ?? false);
  const it = iglobInner(pathname, rootDir, recursive, false, hidden);
  if (pathname === "" || (recursive && isRecursive(pathname.slice(0, 2)))) {
    // Skip the empty string the recursive walk starts with.
    const first = it.next();
    if (first.done) return;
    if (first.value !== "") yield first.value;
  }
  yield* it;
}

function iglob(pathname: unknown, ...rest: unknown[]): PyIterator<string> {
  return new PyIterator(iglobGen(fspath(pathname), splitKw(rest)[1]));
}

function glob(pathname: unknown, ...rest: unknown[]): string[] {
  return [...iglobGen(fspath(pathname), splitKw(rest)[1])];
}

const magicCheck = compilePattern("([*?[])");
const magicCheckBytes = compilePattern(Bytes.fromLatin1("([*?[])"));

/** glob.escape: each of `*?[` in brackets (through magic_check, or magic_check_bytes for bytes). */
function escape(pathname: unknown): any {
  if (pathname instanceof Uint8Array) return magicCheckBytes.sub(Bytes.fromLatin1("[\\1]"), pathname);
  return fspath(pathname).replace(/([*?[])/g, "[$1]");
}

export const globModule = moduleObject("glob", {
  __all__: ["glob", "iglob", "escape"],
  glob,
  iglob,
  // glob.py's helpers for one directory, kept public for backward compatibility.
  glob0: (dirname: unknown, pattern: unknown): string[] => glob0(fspath(dirname), fspath(pattern)),
  glob1: (dirname: unknown, pattern: unknown): string[] => glob1(fspath(dirname), fspath(pattern), false, false),
  magic_check: magicCheck,
  magic_check_bytes: magicCheckBytes,
  escape,
  has_magic: (s: unknown) => (s instanceof Uint8Array ? magicCheckBytes.search(s) !== null : hasMagic(fspath(s))),
});
