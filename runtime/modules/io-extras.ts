// io.IncrementalNewlineDecoder (universal newlines over an incremental decoder, or over str
// when the decoder is None: a "\r" held back until the next chunk tells "\r\n" apart, the kinds
// seen in `newlines`, translated to "\n" when asked) and io.BufferedRWPair (a reader and a
// writer used as one stream).

import { Kwargs, splitKw } from "../values/kwargs.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { Bytes } from "../values/bytes.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { getattr } from "../values/builtin-functions.js";
import { BufferedIOBase, UnsupportedOperation } from "../lang/io-base.js";

const LF = 1;
const CR = 2;
const CRLF = 4;
const NEWLINES: unknown[] = [null, "\n", "\r", Tuple.of("\r", "\n"), "\r\n", Tuple.of("\n", "\r\n"), Tuple.of("\r", "\r\n"), Tuple.of("\r", "\n", "\r\n")];

const count = (text: string, part: string): number => text.split(part).length - 1;

export class IncrementalNewlineDecoder {
  static readonly tpName = "_io.IncrementalNewlineDecoder";
  static readonly __module__ = "_io";
  readonly #decoder: unknown;
  readonly #translate: boolean;
  #seen = 0;
  #pendingCr = false;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.#decoder = pos[0] ?? kws.decoder ?? null;
    const translate = pos.length > 1 ? pos[1] : kws.translate;
    if (translate === undefined) throw new PyTypeError("IncrementalNewlineDecoder() missing required argument 'translate' (pos 2)");
    this.#translate = truthy(translate);
  }

  decode(...args: unknown[]): string {
    const [pos, kws] = splitKw(args);
    const input = pos[0] ?? kws.input;
    const final = truthy(pos[1] ?? kws.final ?? false);
    const decoded = this.#decoder === null ? input : callMethod(this.#decoder, "decode", input, new Kwargs({ final }));
    if (typeof decoded !== "string") throw new PyTypeError(`decoder should return a string result, not '${typeName(decoded)}'`);
    let output = decoded;
    if (this.#pendingCr && (output !== "" || final)) {
      output = "\r" + output;
      this.#pendingCr = false;
    }
    if (output.endsWith("\r") && !final) {
      output = output.slice(0, -1);
      this.#pendingCr = true;
    }
    const crlf = count(output, "\r\n");
    const cr = count(output, "\r") - crlf;
    const lf = count(output, "\n") - crlf;
    this.#seen |= (lf ? LF : 0) | (cr ? CR : 0) | (crlf ? CRLF : 0);
    if (this.#translate) {
      if (crlf) output = output.replaceAll("\r\n", "\n");
      if (cr) output = output.replaceAll("\r", "\n");
    }
    return output;
  }

  getstate(): Tuple {
    let buffer: unknown = Bytes.fromLatin1("");
    let flag = 0n;
    if (this.#decoder !== null) {
      const state = callMethod(this.#decoder, "getstate") as Tuple;
      [buffer, flag] = state.items as [unknown, bigint];
    }
    flag <<= 1n;
    if (this.#pendingCr) flag |= 1n;
    return Tuple.of(buffer, flag);
  }

  setstate(state: unknown): null {
    if (!(state instanceof Tuple)) throw new PyTypeError("state argument must be a tuple");
    const [buffer, flag] = state.items as [unknown, bigint];
    this.#pendingCr = (flag & 1n) === 1n;
    if (this.#decoder !== null) callMethod(this.#decoder, "setstate", Tuple.of(buffer, flag >> 1n));
    return null;
  }

  reset(): null {
    this.#seen = 0;
    this.#pendingCr = false;
    if (this.#decoder !== null) callMethod(this.#decoder, "reset");
    return null;
  }

  get newlines(): unknown {
    return NEWLINES[this.#seen];
  }
}

/** `BufferedRWPair(reader, writer, buffer_size=DEFAULT_BUFFER_SIZE)`: reads from one stream, writes to the other. */
export class BufferedRWPair {
  static readonly tpName = "_io.BufferedRWPair";
  static readonly __module__ = "_io";
  static {
    // (a BufferedIOBase to isinstance, as CPython's is)
    Object.setPrototypeOf(this.prototype, BufferedIOBase.prototype);
  }
  readonly #reader: unknown;
  readonly #writer: unknown;
  #pending: number[] = [];
  readonly #bufferSize: number;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const reader = pos[0] ?? kws.reader;
    const writer = pos[1] ?? kws.writer;
    if (!truthy(callMethod(reader, "readable"))) throw new UnsupportedOperation("File or stream is not readable.");
    if (!truthy(callMethod(writer, "writable"))) throw new UnsupportedOperation("File or stream is not writable.");
    this.#reader = reader;
    this.#writer = writer;
    this.#bufferSize = Number(pos[2] ?? kws.buffer_size ?? 8192n);
    if (this.#bufferSize <= 0) throw new ValueError("buffer size must be strictly positive");
  }

  read(...args: unknown[]): unknown {
    return callMethod(this.#reader, "read", ...args);
  }
  readline(...args: unknown[]): unknown {
    return callMethod(this.#reader, "readline", ...args);
  }
  peek(...args: unknown[]): unknown {
    return callMethod(this.#reader, "peek", ...args);
  }
  read1(...args: unknown[]): unknown {
    return callMethod(this.#reader, "read1", ...args);
  }
  readinto(b: unknown): unknown {
    return callMethod(this.#reader, "readinto", b);
  }
  /** Written bytes wait here (a BufferedWriter's buffer) until flush, close, or buffer_size. */
  write(b: unknown): bigint {
    const bytes = b as Uint8Array;
    const data: number[] = [];
    for (let i = 0; i < bytes.length; i++) data.push(bytes[i]!);
    this.#pending.push(...data);
    if (this.#pending.length > this.#bufferSize) this.flush();
    return BigInt(data.length);
  }
  flush(): null {
    if (this.#pending.length > 0) {
      callMethod(this.#writer, "write", Bytes.fromArray(this.#pending));
      this.#pending = [];
    }
    callMethod(this.#writer, "flush");
    return null;
  }
  readable(): unknown {
    return callMethod(this.#reader, "readable");
  }
  writable(): unknown {
    return callMethod(this.#writer, "writable");
  }
  isatty(): unknown {
    return truthy(callMethod(this.#writer, "isatty")) || truthy(callMethod(this.#reader, "isatty"));
  }
  close(): null {
    try {
      this.flush();
      callMethod(this.#writer, "close");
    } finally {
      callMethod(this.#reader, "close");
    }
    return null;
  }
  get closed(): unknown {
    return getattr(this.#writer, "closed");
  }
}
