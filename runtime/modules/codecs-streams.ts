// codecs.Codec and the stream classes as Lib/codecs.py defines them: StreamWriter (encodes what
// is written to the stream it wraps), StreamReader (decodes what it reads, keeping an
// undecoded tail and the decoded text not yet returned), StreamReaderWriter, StreamRecoder;
// attributes they lack are read from the wrapped stream, and `with` closes it.

import { Bytes } from "../values/bytes.js";
import { getattr } from "../values/builtin-functions.js";
import { NotImplementedError, PyTypeError, StopIteration, UnicodeDecodeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { truthy } from "../values/truth.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { callMethod } from "../values/methods.js";
import { attributeHooks, needsAttributeHooks } from "../lang/attribute-hooks.js";
import { callValue } from "./pycall.js";
import { shareClassAttributes } from "../lang/objects.js";
import { str } from "../values/repr.js";
import { showMro } from "../lang/mro.js";
import { typeOf } from "../values/builtin-types.js";

function argsOf(args: unknown[], names: readonly string[], defaults: readonly unknown[]): unknown[] {
  const [pos, kws] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kws ? kws[name] : defaults[i]));
}

const intArg = (x: unknown, fallback: number): number => (x === null || x === undefined ? fallback : isIntLike(x) ? Number(toBigInt(x)) : fallback);

/** (output, consumed) as a codec's encode or decode returns it. */
function pair(result: unknown, what: string): [unknown, number] {
  if (!(result instanceof Tuple) || result.items.length !== 2) throw new PyTypeError(`${what} must return a tuple (object, integer)`);
  return [result.items[0], Number(toBigInt(result.items[1]))];
}

export class Codec {
  static readonly __module__: string = "codecs";
  // `class W(MyCodec, codecs.StreamWriter)` reaches StreamWriter's __init__ through its MRO
  constructor(...args: unknown[]) {
    // the stream wrappers read what they lack from their stream (__getattr__): behind a Proxy
    const self = needsAttributeHooks(Object.getPrototypeOf(this) as object) ? attributeHooks(this) : this;
    const init = (self as { __init__?: unknown }).__init__;
    if (typeof init === "function") init.apply(self, args);
    return self;
  }
  encode(..._args: unknown[]): unknown {
    throw new NotImplementedError();
  }
  decode(..._args: unknown[]): unknown {
    throw new NotImplementedError();
  }
}

/** What the stream wrappers share: the stream, errors, attribute passthrough, `with`. */
abstract class StreamWrapper extends Codec {
  declare stream: unknown;
  declare errors: string;
  _setStream(stream: unknown, errors: unknown): void {
    this.stream = stream;
    if (typeof errors !== "string") throw new PyTypeError(`errors must be str, not ${typeName(errors)}`);
    this.errors = errors;
  }
  __getattr__(name: string): unknown {
    return getattr(this.stream, name);
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._args: unknown[]): null {
    callMethod(this.stream, "close");
    return null;
  }
  reset(): null {
    return null;
  }
}

export class StreamWriter extends StreamWrapper {
  __init__(...args: unknown[]): null {
    const [stream, errors] = argsOf(args, ["stream", "errors"], [undefined, "strict"]);
    this._setStream(stream, errors);
    return null;
  }
  write(object: unknown): null {
    const [data] = pair(callMethod(this, "encode", object, this.errors), "encoder");
    callMethod(this.stream, "write", data);
    return null;
  }
  writelines(list: unknown): null {
    const parts: string[] = [];
    for (const item of list as Iterable<unknown>) parts.push(item as string);
    return callMethod(this, "write", parts.join(""));
  }
  seek(...args: unknown[]): null {
    const [offset, whence] = argsOf(args, ["offset", "whence"], [undefined, 0n]);
    callMethod(this.stream, "seek", offset, whence);
    if (intArg(whence, 0) === 0 && intArg(offset, 0) === 0) callMethod(this, "reset");
    return null;
  }
}

const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;

export class StreamReader extends StreamWrapper {
  static charbuffertype: unknown = str;
  static {
    shareClassAttributes(this, ["charbuffertype"]);
  }
  declare charbuffertype: unknown;
  declare bytebuffer: Uint8Array;
  declare charbuffer: string;
  __init__(...args: unknown[]): null {
    const [stream, errors] = argsOf(args, ["stream", "errors"], [undefined, "strict"]);
    this._setStream(stream, errors);
    this.bytebuffer = Bytes.fromArray([]);
    this.charbuffer = "";
    return null;
  }

  /** Decodes more of the stream into charbuffer; false at its end. */
  #fill(size: number, firstline: boolean): boolean {
    const newdata = (size < 0 ? callMethod(this.stream, "read") : callMethod(this.stream, "read", BigInt(size))) as Uint8Array;
    const data = Buffer.concat([this.bytebuffer, newdata]);
    if (data.length === 0) return false;
    let text: unknown;
    let consumed: number;
    try {
      [text, consumed] = pair(callMethod(this, "decode", Bytes.fromArray(data), this.errors), "decoder");
    } catch (e) {
      // readline() takes the lines before a decoding error, and raises it when it gets there
      const start = e instanceof UnicodeDecodeError ? Number((e as unknown as { start: bigint }).start) : -1;
      if (!firstline || start < 0) throw e;
      [text, consumed] = pair(callMethod(this, "decode", Bytes.fromArray(data.subarray(0, start)), this.errors), "decoder");
      if (!LINE_BREAK.test(String(text).slice(0, -1))) throw e;
    }
    this.bytebuffer = data.subarray(consumed);
    this.charbuffer += String(text);
    return newdata.length > 0;
  }

  read(...args: unknown[]): string {
    const [sizeArg, charsArg, firstline] = argsOf(args, ["size", "chars", "firstline"], [-1n, -1n, false]);
    const size = intArg(sizeArg, -1);
    let chars = intArg(charsArg, -1);
    if (chars < 0) chars = size;
    while (!(chars >= 0 && this.charbuffer.length >= chars)) {
      if (!this.#fill(size, truthy(firstline))) break;
    }
    const take = chars < 0 ? this.charbuffer.length : chars;
    const result = this.charbuffer.slice(0, take);
    this.charbuffer = this.charbuffer.slice(take);
    return result;
  }

  readline(...args: unknown[]): string {
    const [sizeArg, keepends] = argsOf(args, ["size", "keepends"], [null, true]);
    const size = sizeArg === null ? null : intArg(sizeArg, 72);
    let readsize = size || 72;
    const take = (m: RegExpExecArray): string => {
      const end = m.index + m[0].length;
      const line = this.charbuffer.slice(0, truthy(keepends) ? end : m.index);
      this.charbuffer = this.charbuffer.slice(end);
      return line;
    };
    for (;;) {
      const m = LINE_BREAK.exec(this.charbuffer);
      // a '\r' at the end of what was read may be the start of '\r\n'
      if (m !== null && !(m[0] === "\r" && m.index === this.charbuffer.length - 1)) return take(m);
      if (!this.#fill(readsize, true) || size !== null) {
        const last = LINE_BREAK.exec(this.charbuffer);
        if (last !== null) return take(last);
        const rest = this.charbuffer;
        this.charbuffer = "";
        return rest;
      }
      if (readsize < 8000) readsize *= 2;
    }
  }

  readlines(...args: unknown[]): string[] {
    const [, keepends] = argsOf(args, ["sizehint", "keepends"], [null, true]);
    return callMethod(this.read(), "splitlines", truthy(keepends));
  }

  override reset(): null {
    this.bytebuffer = Bytes.fromArray([]);
    this.charbuffer = "";
    return null;
  }

  seek(...args: unknown[]): null {
    const [offset, whence] = argsOf(args, ["offset", "whence"], [undefined, 0n]);
    callMethod(this.stream, "seek", offset, whence);
    callMethod(this, "reset");
    return null;
  }

  __iter__(): this {
    return this;
  }
  __next__(): string {
    const line = callMethod(this, "readline") as string;
    if (line) return line;
    throw new StopIteration();
  }
  [Symbol.iterator](): Iterator<string> {
    return { next: () => {
      const line = callMethod(this, "readline") as string;
      return line ? { value: line, done: false } : { value: undefined, done: true };
    } };
  }
}

/**
 * What StreamReaderWriter and StreamRecoder share: a reader and a writer over one stream. (Two
 * unrelated classes in CPython: each shows `(cls, object)` as its MRO, and only
 * StreamReaderWriter has the class attribute `encoding`.)
 */
abstract class ReaderWriterPair {
  static readonly __module__: string = "codecs";
  declare stream: unknown;
  declare reader: unknown;
  declare writer: unknown;
  declare errors: unknown;
  constructor(...args: unknown[]) {
    const self = attributeHooks(this);
    const [stream, reader, writer, errors] = argsOf(args, ["stream", "Reader", "Writer", "errors"], [undefined, undefined, undefined, "strict"]);
    self.stream = stream;
    self.reader = callValue(reader, stream, errors);
    self.writer = callValue(writer, stream, errors);
    self.errors = errors;
    return self;
  }
  read(...args: unknown[]): unknown {
    return callMethod(this.reader, "read", ...args);
  }
  readline(...args: unknown[]): unknown {
    return callMethod(this.reader, "readline", ...args);
  }
  readlines(...args: unknown[]): unknown {
    return callMethod(this.reader, "readlines", ...args);
  }
  write(data: unknown): unknown {
    return callMethod(this.writer, "write", data);
  }
  writelines(list: unknown): unknown {
    return callMethod(this.writer, "writelines", list);
  }
  reset(): null {
    callMethod(this.reader, "reset");
    callMethod(this.writer, "reset");
    return null;
  }
  seek(...args: unknown[]): null {
    const [offset, whence] = argsOf(args, ["offset", "whence"], [undefined, 0n]);
    callMethod(this.stream, "seek", offset, whence);
    callMethod(this.reader, "reset");
    if (intArg(whence, 0) === 0 && intArg(offset, 0) === 0) callMethod(this.writer, "reset");
    return null;
  }
  __iter__(): this {
    return this;
  }
  __next__(): unknown {
    return callMethod(this.reader, "__next__");
  }
  [Symbol.iterator](): Iterator<unknown> {
    return (this.reader as Iterable<unknown>)[Symbol.iterator]();
  }
  __getattr__(name: string): unknown {
    return getattr(this.stream, name);
  }
  __enter__(): this {
    return this;
  }
  __exit__(..._args: unknown[]): null {
    callMethod(this.stream, "close");
    return null;
  }
}

/** A reader and a writer over one stream (codecs.open's result). */
export class StreamReaderWriter extends ReaderWriterPair {
  // (what codecs.open replaces on its instance)
  static encoding: unknown = "unknown";
  static {
    shareClassAttributes(this, ["encoding"]);
    showMro(this, [this], [typeOf({})]);
  }
  declare encoding: unknown;
}

/** Reads and writes in one encoding while the stream holds another (codecs.EncodedFile). */
export class StreamRecoder extends ReaderWriterPair {
  declare private encodeFn: unknown;
  declare private decodeFn: unknown;
  // (what codecs.EncodedFile replaces on its instance)
  static data_encoding: unknown = "unknown";
  static file_encoding: unknown = "unknown";
  static {
    shareClassAttributes(this, ["data_encoding", "file_encoding"]);
    showMro(this, [this], [typeOf({})]);
  }
  declare data_encoding: unknown;
  declare file_encoding: unknown;
  constructor(...args: unknown[]) {
    const [stream, encode, decode, reader, writer, errors] = argsOf(args, ["stream", "encode", "decode", "Reader", "Writer", "errors"], [
      undefined, undefined, undefined, undefined, undefined, "strict",
    ]);
    super(stream, reader, writer, errors);
    this.encodeFn = encode;
    this.decodeFn = decode;
  }
  override read(...args: unknown[]): unknown {
    return pair(callValue(this.encodeFn, callMethod(this.reader, "read", ...args), this.errors), "encoder")[0];
  }
  override readline(...args: unknown[]): unknown {
    return pair(callValue(this.encodeFn, callMethod(this.reader, "readline", ...args), this.errors), "encoder")[0];
  }
  override readlines(...args: unknown[]): unknown {
    const text = callMethod(this.reader, "read");
    const [data] = pair(callValue(this.encodeFn, text, this.errors), "encoder");
    return callMethod(data, "splitlines", true);
  }
  override __next__(): unknown {
    return pair(callValue(this.encodeFn, callMethod(this.reader, "__next__"), this.errors), "encoder")[0];
  }
  override write(data: unknown): unknown {
    return callMethod(this.writer, "write", pair(callValue(this.decodeFn, data, this.errors), "decoder")[0]);
  }
  override writelines(list: unknown): unknown {
    const parts: Uint8Array[] = [];
    for (const item of list as Iterable<Uint8Array>) parts.push(item);
    return this.write(Bytes.fromArray(Buffer.concat(parts)));
  }
}

for (const cls of [Codec, StreamWriter, StreamReader, ReaderWriterPair, StreamReaderWriter, StreamRecoder]) {
  Object.defineProperty(cls, "__module__", { value: "codecs", writable: true });
}
