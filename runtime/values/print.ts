// Python's print() and the sys.stdout / sys.stderr file objects. Writes are synchronous
// (fs.writeSync under Node, core/host.ts) so output interleaves with stderr and blocking sleeps exactly as it is
// produced, and nothing is lost when the process exits.

import { builtinOverrides } from "./builtin-overrides.js";
import { withManyArgs } from "../lang/spread-call.js";
import { nodeProcess, writeFd } from "../core/host.js";
import { osErrorFrom } from "../lang/os-errors.js";
import { PyTypeError, UnicodeEncodeError } from "./exceptions.js";
import { refuseDuplicateKeyword, splitKw } from "./kwargs.js";
import { toStr } from "./repr.js";
import { truthy } from "./truth.js";
import { typeName } from "./typename.js";
import { encode } from "./str-codec.js";
import { reconfigureArgs } from "../lang/text-reconfigure.js";

const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** The standard streams encode as UTF-8 (strict), which has no lone surrogates: CPython's error. */
function refuseLoneSurrogates(text: string): void {
  if (!LONE_SURROGATE.test(text)) return;
  const chars = [...text];
  const lone = (c: string | undefined) => c !== undefined && c.length === 1 && LONE_SURROGATE.test(c);
  const i = chars.findIndex(lone);
  let end = i + 1;
  while (lone(chars[end])) end++;
  throw new UnicodeEncodeError("utf-8", text, BigInt(i), BigInt(end), "surrogates not allowed");
}

/** Anything print() can write to: Python's file protocol, reduced to what print uses. */
export interface TextFile {
  write(text: string): unknown;
  flush?(): unknown;
}

/** A text stream on a process file descriptor. */
export class StdStream implements TextFile {
  static readonly tpName = "_io.TextIOWrapper";
  static readonly pythonName = "TextIOWrapper";
  readonly name: string;
  encoding = "utf-8";
  errors = "strict";
  line_buffering = false;
  write_through = false;
  /** UTF-8, strict: text goes to the descriptor as it is (no codec call). */
  private plainUtf8 = true;
  constructor(private readonly fd: number, name: string) {
    this.name = name;
  }

  /** `reconfigure(*, encoding, errors, newline, line_buffering, write_through)`: later writes use them. */
  reconfigure(...args: unknown[]): null {
    const settings = reconfigureArgs(args);
    if (settings.encoding !== undefined) this.encoding = settings.encoding;
    if (settings.errors !== undefined) this.errors = settings.errors;
    if (settings.lineBuffering !== undefined) this.line_buffering = settings.lineBuffering;
    if (settings.writeThrough !== undefined) this.write_through = settings.writeThrough;
    this.plainUtf8 = /^utf[-_]?8$/i.test(this.encoding) && this.errors === "strict";
    return null;
  }

  write(text: string): bigint {
    if (typeof text !== "string") {
      throw new PyTypeError(`write() argument must be str, not ${typeName(text)}`);
    }
    if (this.plainUtf8) refuseLoneSurrogates(text);
    try {
      writeFd(this.fd, this.plainUtf8 ? text : encode(text, this.encoding, this.errors));
    } catch (e) {
      // The reader went away (`prog | head -1`: BrokenPipeError), a full disk (`> /dev/full`):
      // CPython's OSError at the write, catchable.
      if (typeof (e as NodeJS.ErrnoException | null)?.code === "string") throw osErrorFrom(e);
      throw e;
    }
    return BigInt([...text].length);
  }

  flush(): null {
    return null;
  }

  fileno(): bigint {
    return BigInt(this.fd);
  }

  isatty(): boolean {
    return nodeProcess()?.stdout.isTTY === true && this.fd === 1;
  }

  __repr__(): string {
    return `<_io.TextIOWrapper name='${this.name}' mode='w' encoding='${this.encoding}'>`;
  }
}

export const stdout = new StdStream(1, "<stdout>");
export const stderr = new StdStream(2, "<stderr>");

/** Where print() writes by default; `sys.stdout = x` in Python code updates this holder. */
// (None when the program sets sys.stdout = None or redirects to None: print() then writes nothing)
export const standardStreams: { stdout: TextFile | null; stderr: TextFile | null } = { stdout, stderr };

function optionalText(name: string, value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") {
    throw new PyTypeError(`${name} must be None or a string, not ${typeName(value)}`);
  }
  return value;
}

/** Python's `print(*objects, sep=' ', end='\n', file=None, flush=False)`. */
export function print(...args: unknown[]): void {
  printAll(args);
}
// `print(*xs)` of any length (see spreadCall).
withManyArgs(print, printAll);

function printAll(args: unknown[]): void {
  const patched = builtinOverrides.print;
  if (patched !== undefined) return void patched(...args);
  const call = printCall(args);
  if (call === null) return;
  const { objects, sep, end, file, flush } = call;
  // One write per piece, as CPython does, so a user file object sees the same calls.
  objects.forEach((obj, i) => {
    if (i > 0) file.write(sep);
    file.write(toStr(obj));
  });
  file.write(end);
  if (truthy(flush) && typeof file.flush === "function") file.flush();
}

/**
 * print()'s arguments, checked (printAll's, and threads/replay.ts's waitingPrint's); null when
 * the file is None because sys.stdout is None: CPython's print() then returns at once.
 */
export function printCall(args: unknown[]): { objects: unknown[]; sep: string; end: string; file: TextFile; flush: unknown } | null {
  refuseDuplicateKeyword(args, "print");
  const [objects, kws] = splitKw(args);
  for (const name of Object.keys(kws)) {
    if (!["sep", "end", "file", "flush"].includes(name)) {
      throw new PyTypeError(`'${name}' is an invalid keyword argument for print()`);
    }
  }
  const file = (kws["file"] ?? standardStreams.stdout) as TextFile | null;
  if (file === null || file === undefined) return null;
  const sep = optionalText("sep", kws["sep"], " ");
  const end = optionalText("end", kws["end"], "\n");
  if (typeof file.write !== "function") {
    throw new PyTypeError(`'${typeName(file)}' object has no attribute 'write'`);
  }
  return { objects, sep, end, file, flush: kws["flush"] };
}
