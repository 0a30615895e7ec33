// pathlib's file-system helpers: CPython's OSError for a failed call, stat without raising,
// and glob/rglob's selectors (`_make_selector(...).select_from` of Lib/pathlib.py).

import { osErrorFrom } from "../lang/os-errors.js";
import { ValueError } from "../values/exceptions.js";
import { fnmatchcase } from "./fnmatch.js";
import { pathModule } from "./os-path.js";
import { nodeModule } from "../core/host.js";
import type { Path } from "./pathlib.js";

type Fs = typeof import("node:fs");
const fs = (): Fs => nodeModule("node:fs");

/** Runs a file-system call, turning Node's failure into CPython's OSError for `path`. */
export function fsDo<T>(path: string, call: () => T, path2?: string): T {
  try {
    return call();
  } catch (e) {
    if ((e as NodeJS.ErrnoException | null)?.code === undefined) throw e;
    throw osErrorFrom(e, path, path2);
  }
}

export function statOrNull(path: string, follow = true): import("node:fs").Stats | null {
  try {
    return follow ? fs().statSync(path) : fs().lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EBADF" || code === "ELOOP") return null;
    throw osErrorFrom(e, path);
  }
}

function isWildcard(pat: string): boolean {
  return pat.includes("*") || pat.includes("?") || pat.includes("[");
}

function listEntries(dir: Path): import("node:fs").Dirent[] {
  try {
    return fs().readdirSync(dir.__str__(), { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EACCES") return [];
    throw osErrorFrom(e, dir.__str__());
  }
}

function entryIsDir(dir: Path, entry: import("node:fs").Dirent, follow: boolean): boolean {
  if (entry.isDirectory()) return true;
  if (follow && entry.isSymbolicLink()) return statOrNull(pathModule.join(dir.__str__(), entry.name) as string)?.isDirectory() ?? false;
  return false;
}

type Child = (p: Path, name: string) => Path;
const childOf: Child = (p, name) => (p as unknown as { child(n: string): Path }).child(name);

/** `_make_selector(parts).select_from(parent)` of Lib/pathlib.py. */
export function* selectFrom(parent: Path, parts: readonly string[]): Generator<Path> {
  if (parts.length === 0 || parts[0] === "") {
    yield parent;
    return;
  }
  const pat = parts[0]!;
  const rest = parts.slice(1);
  const dironly = rest.length > 0;
  if (pat === "**") {
    const yielded = new Set<string>();
    for (const start of iterateDirectories(parent)) {
      for (const p of selectFrom(start, rest)) {
        const key = p.__str__();
        if (!yielded.has(key)) {
          yielded.add(key);
          yield p;
        }
      }
    }
    return;
  }
  if (pat.includes("**")) throw new ValueError("Invalid pattern: '**' can only be an entire path component");
  if (!isWildcard(pat)) {
    const path = childOf(parent, pat);
    if (dironly ? path.is_dir() : path.exists()) yield* selectFrom(path, rest);
    return;
  }
  for (const entry of listEntries(parent)) {
    if (dironly && !entryIsDir(parent, entry, true)) continue;
    if (fnmatchcase(entry.name, pat)) yield* selectFrom(childOf(parent, entry.name), rest);
  }
}

export function* iterateDirectories(parent: Path): Generator<Path> {
  yield parent;
  for (const entry of listEntries(parent)) {
    if (entryIsDir(parent, entry, false)) yield* iterateDirectories(childOf(parent, entry.name));
  }
}
