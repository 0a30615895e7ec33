// Python's `open()`: a binary file (BufferedReader/Writer/Random over a file descriptor, read
// and written at its position with Node's synchronous fs calls) and, for text modes, a
// TextIOWrapper decoding it with encoding/errors/newline as CPython does. Errors are CPython's:
// OSError subclasses with errno and filename, io.UnsupportedOperation, ValueError for modes.

import { builtinOverrides } from "../values/builtin-overrides.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { fspathOf, parseMode } from "./file-args.js";
import { BufferedRandom, BufferedReader, BufferedWriter } from "./buffered-file.js";
import { TextIOWrapper } from "./text-file.js";

export { fspathOf, pathArg } from "./file-args.js";
export { BufferedFile, BufferedRandom, BufferedReader, BufferedWriter } from "./buffered-file.js";
export { TextIOWrapper } from "./text-file.js";

/** `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)`. */
export function open(...args: unknown[]): any {
  const patched = builtinOverrides.open;
  if (patched !== undefined) return patched(...args);
  const [pos, kws] = splitKw(args);
  const names = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
  const arg = (i: number, fallback: unknown): unknown => (i < pos.length ? pos[i] : names[i]! in kws ? kws[names[i]!] : fallback);
  for (const k of Object.keys(kws)) {
    if (!names.includes(k)) throw new PyTypeError(`'${k}' is an invalid keyword argument for open()`);
  }
  const file = arg(0, undefined);
  if (file === undefined) throw new PyTypeError("open() missing required argument 'file' (pos 1)");
  const mode = arg(1, "r");
  if (typeof mode !== "string") throw new PyTypeError(`open() argument 'mode' must be str, not ${typeName(mode)}`);
  const m = parseMode(mode);
  const encoding = arg(3, null);
  const errors = arg(4, null);
  const newline = arg(5, null);
  if (m.binary && encoding !== null) throw new ValueError("binary mode doesn't take an encoding argument");
  if (m.binary && errors !== null) throw new ValueError("binary mode doesn't take an errors argument");
  if (m.binary && newline !== null) throw new ValueError("binary mode doesn't take a newline argument");
  const closefd = truthy(arg(6, true));
  if (typeof file === "bigint" || typeof file === "boolean") {
    const fd = BigInt(file);
    const cls = (m.reading || m.updating) && (!m.reading || m.updating) ? BufferedRandom : m.reading ? BufferedReader : BufferedWriter;
    const binary = new cls(fd, m, closefd);
    if (m.binary) return binary;
    const text = new TextIOWrapper(binary, encoding, errors, newline);
    text.mode = mode;
    return text;
  }
  if (!closefd) throw new ValueError("Cannot use closefd=False with file name");
  const cls = (m.reading || m.updating) && (!m.reading || m.updating) ? BufferedRandom : m.reading ? BufferedReader : BufferedWriter;
  const binary = new cls(fspathOf(file), m);
  if (m.binary) return binary;
  const text = new TextIOWrapper(binary, encoding, errors, newline);
  text.mode = mode;
  return text;
}
