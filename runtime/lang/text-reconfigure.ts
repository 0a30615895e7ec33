// `TextIOWrapper.reconfigure(*, encoding=None, errors=None, newline=..., line_buffering=None,
// write_through=None)`: the arguments checked as CPython checks them, shared by the text files
// of open() and the standard streams.

import { PyTypeError, ValueError } from "../values/exceptions.js";
import { refuseDuplicateKeyword, splitKw } from "../values/kwargs.js";
import { typeName } from "../values/typename.js";
import { encode } from "../values/str-codec.js";
import { isIntLike, toBigInt } from "../values/numeric.js";

/** line_buffering / write_through: an int's truth (CPython converts them as ints). */
function flagArg(x: unknown): boolean {
  if (isIntLike(x)) return toBigInt(x) !== 0n;
  throw new PyTypeError(`'${typeName(x)}' object cannot be interpreted as an integer`);
}

/** What a reconfigure call changes (undefined: left as it is). */
export interface TextSettings {
  encoding?: string;
  errors?: string;
  /** null: universal newlines. */
  newline?: string | null;
  lineBuffering?: boolean;
  writeThrough?: boolean;
}

const NAMES = ["encoding", "errors", "newline", "line_buffering", "write_through"];

function optionalStr(name: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "string") throw new PyTypeError(`reconfigure() argument '${name}' must be str or None, not ${typeName(value)}`);
  return value;
}

/** A newline argument of open() / TextIOWrapper / reconfigure: CPython's ValueError for others. */
export function checkNewline(newline: string | null): void {
  if (newline !== null && !["", "\n", "\r", "\r\n"].includes(newline)) throw new ValueError(`illegal newline value: ${newline}`);
}

/**
 * The settings reconfigure's arguments ask for. A new encoding without errors means "strict"
 * (CPython's rule); an unknown encoding is its LookupError.
 */
export function reconfigureArgs(args: unknown[]): TextSettings {
  refuseDuplicateKeyword(args, "reconfigure");
  const [pos, kws] = splitKw(args);
  if (pos.length > 0) throw new PyTypeError("reconfigure() takes no positional arguments");
  for (const name of Object.keys(kws)) if (!NAMES.includes(name)) throw new PyTypeError(`'${name}' is an invalid keyword argument for reconfigure()`);
  const settings: TextSettings = {};
  const encoding = optionalStr("encoding", kws["encoding"]);
  const errors = optionalStr("errors", kws["errors"]);
  if ("newline" in kws) {
    const newline = kws["newline"] === null ? null : optionalStr("newline", kws["newline"])!;
    checkNewline(newline);
    settings.newline = newline;
  }
  if (encoding !== undefined) {
    if (encoding.toLowerCase().replace(/_/g, "-") !== "utf-8-sig") encode("", encoding);
    settings.encoding = encoding;
    settings.errors = errors ?? "strict";
  } else if (errors !== undefined) settings.errors = errors;
  const lineBuffering = kws["line_buffering"];
  if (lineBuffering !== null && lineBuffering !== undefined) settings.lineBuffering = flagArg(lineBuffering);
  const writeThrough = kws["write_through"];
  if (writeThrough !== null && writeThrough !== undefined) settings.writeThrough = flagArg(writeThrough);
  return settings;
}

/** Does the call change how text is decoded (what cannot change after a read)? */
export function changesDecoding(settings: TextSettings): boolean {
  return settings.encoding !== undefined || settings.errors !== undefined || settings.newline !== undefined;
}
