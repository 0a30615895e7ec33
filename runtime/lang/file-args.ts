// The arguments `open()` and the file classes take: paths (str, bytes or os.PathLike), the
// mode string, and a file's name as its repr shows it.

import { decode } from "../values/bytes-codec.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { repr, strRepr } from "../values/repr.js";
import { typeName } from "../values/typename.js";

/** A path argument: str, bytes (decoded as os.fsdecode does), or an object with `__fspath__` (pathlib.Path). */
export function pathArg(file: unknown): string {
  const path = fspathOf(file);
  return typeof path === "string" ? path : decode(path, "utf-8", "surrogateescape");
}

/** A path argument as `os.fspath` gives it: a str or bytes path stays what it was (a file's `name`). */
export function fspathOf(file: unknown): string | Uint8Array {
  if (typeof file === "string" || file instanceof Uint8Array) return file;
  const method = (file as { __fspath__?: () => unknown } | null)?.__fspath__;
  if (typeof method === "function") {
    const out = method.call(file);
    if (typeof out === "string" || out instanceof Uint8Array) return out;
  }
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${typeName(file)}`);
}

export interface Mode {
  readonly reading: boolean;
  readonly writing: boolean;
  readonly appending: boolean;
  readonly creating: boolean;
  readonly updating: boolean;
  readonly binary: boolean;
  readonly text: boolean;
}

export function parseMode(mode: string): Mode {
  const seen = new Set<string>();
  for (const c of mode) {
    if (!"rwaxb+t".includes(c) || seen.has(c)) throw new ValueError(`invalid mode: ${strRepr(mode)}`);
    seen.add(c);
  }
  const has = (c: string): boolean => seen.has(c);
  const kinds = ["r", "w", "a", "x"].filter(has).length;
  if (has("b") && has("t")) throw new ValueError("can't have text and binary mode at once");
  if (kinds !== 1) throw new ValueError("must have exactly one of create/read/write/append mode");
  return { reading: has("r"), writing: has("w"), appending: has("a"), creating: has("x"), updating: has("+"), binary: has("b"), text: !has("b") };
}

/** FileIO's normalized mode: `rb`, `wb`, `ab`, `xb`, with `+` after. */
export function rawMode(m: Mode): string {
  if (m.creating) return m.updating ? "xb+" : "xb";
  if (m.appending) return m.updating ? "ab+" : "ab";
  if (m.reading || m.updating) return m.updating ? "rb+" : "rb";
  return "wb";
}

/** A file's name in its repr: a str or bytes path as repr() shows it, a descriptor as its number. */
export function fileNameRepr(name: unknown): string {
  return typeof name === "bigint" ? String(name) : repr(name);
}
