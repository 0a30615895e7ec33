// The codecs the runtime provides as CPython's `encodings` package presents them: for utf-8,
// ascii, latin-1 and the UTF-16/32 family, their stateless encode/decode functions (returning
// the (output, length consumed) pair) and IncrementalEncoder/IncrementalDecoder classes: the
// decoders keep an incomplete tail for the next call, utf-16/utf-32 write the byte-order mark
// once and read it once, with CPython's getstate/setstate values.

import { Bytes } from "../values/bytes.js";
import { decode } from "../values/bytes-codec.js";
import { NotImplementedError, PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { encode } from "../values/str-codec.js";
import { truthy } from "../values/truth.js";
import { callMethod } from "../values/methods.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { decodeWide, encodeWide, type WideCodec } from "../values/wide-codec.js";

function argsOf(args: unknown[], names: readonly string[], defaults: readonly unknown[]): unknown[] {
  const [pos, kws] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kws ? kws[name] : defaults[i]));
}

function errorsArg(errors: unknown): string {
  if (typeof errors !== "string") throw new PyTypeError(`argument 'errors' must be str, not ${typeName(errors)}`);
  return errors;
}

function bytesArg(data: unknown, fn: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  throw new PyTypeError(`${fn}() argument 1 must be a bytes-like object, not '${typeName(data)}'`);
}

/** Where an incomplete UTF-8 sequence starts at the end of `data` (data.length: none). */
function utf8Tail(data: Uint8Array): number {
  const n = data.length;
  for (let k = n - 1; k >= Math.max(0, n - 3); k--) {
    const b = data[k]!;
    if (b < 0x80) return n;
    if (b < 0xc0) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    if (b < 0xc2 || b > 0xf4 || k + need <= n) return n;
    const second = data[k + 1];
    if (second !== undefined) {
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (second < lo || second > hi) return n;
    }
    return k;
  }
  return n;
}

/** A codec: its CPython module name (utf_16, ...), name and what it encodes and decodes with. */
export interface CodecSpec {
  readonly module: string;
  readonly name: string;
  readonly wide: WideCodec | null;
}

/** The base classes codecs.IncrementalEncoder and codecs.IncrementalDecoder. */
export class IncrementalEncoder {
  static readonly __module__: string = "codecs";
  errors: string;
  constructor(...args: unknown[]) {
    this.errors = errorsArg(argsOf(args, ["errors"], ["strict"])[0]);
  }
  encode(..._args: unknown[]): Bytes {
    throw new NotImplementedError();
  }
  reset(): null {
    return null;
  }
  getstate(): bigint {
    return 0n;
  }
  setstate(_state: unknown): null {
    return null;
  }
}

export class IncrementalDecoder {
  static readonly __module__: string = "codecs";
  errors: string;
  constructor(...args: unknown[]) {
    this.errors = errorsArg(argsOf(args, ["errors"], ["strict"])[0]);
  }
  decode(..._args: unknown[]): string {
    throw new NotImplementedError();
  }
  reset(): null {
    return null;
  }
  getstate(): Tuple<unknown> {
    return new Tuple([Bytes.fromArray([]), 0n]);
  }
  setstate(_state: unknown): null {
    return null;
  }
}

/** The classes of one codec (encodings.<module>.IncrementalEncoder / IncrementalDecoder). */
export function incrementalClasses(spec: CodecSpec): [typeof IncrementalEncoder, typeof IncrementalDecoder] {
  const wide = spec.wide;
  class Encoder extends IncrementalEncoder {
    static override readonly __module__: string = `encodings.${spec.module}`;
    static readonly pythonName = "IncrementalEncoder";
    /** Whether the next output starts with the byte-order mark (utf-16, utf-32). */
    private mark = wide !== null && wide.little === null;
    override encode(...args: unknown[]): Bytes {
      const [input] = argsOf(args, ["input", "final"], [undefined, false]);
      if (typeof input !== "string") throw new PyTypeError(`${spec.module}_encode() argument 1 must be str, not ${typeName(input)}`);
      if (wide === null) return encode(input, spec.name, this.errors);
      const out = encodeWide(input, wide, this.errors, this.mark);
      this.mark = false;
      return out;
    }
    override reset(): null {
      this.mark = wide !== null && wide.little === null;
      return null;
    }
    override getstate(): bigint {
      return this.mark ? 2n : 0n;
    }
    override setstate(state: unknown): null {
      this.mark = wide !== null && wide.little === null && truthy(state);
      return null;
    }
  }
  class Decoder extends IncrementalDecoder {
    static override readonly __module__: string = `encodings.${spec.module}`;
    static readonly pythonName = "IncrementalDecoder";
    private buffer = new Uint8Array(0);
    /** The byte order read from the mark (null: not yet). */
    private little: boolean | null = wide?.little ?? null;
    override decode(...args: unknown[]): string {
      const [input, final] = argsOf(args, ["input", "final"], [undefined, false]);
      if (!(input instanceof Uint8Array)) throw new PyTypeError(`can't concat ${typeName(input)} to bytes`);
      const data = Buffer.concat([this.buffer, input]);
      const last = truthy(final);
      if (wide !== null) {
        const out = decodeWide(data, wide, this.errors, last, this.little);
        this.little = out.little;
        this.buffer = data.subarray(out.consumed);
        return out.text;
      }
      const end = last || spec.module !== "utf_8" ? data.length : utf8Tail(data);
      this.buffer = data.subarray(end);
      return decode(data.subarray(0, end), spec.name, this.errors);
    }
    override reset(): null {
      this.buffer = new Uint8Array(0);
      this.little = wide?.little ?? null;
      return null;
    }
    override getstate(): Tuple<unknown> {
      const pending = new Bytes(this.buffer.length);
      pending.set(this.buffer);
      const flag = wide === null || wide.little !== null ? 0n : this.little === null ? 2n : this.little ? 0n : 1n;
      return new Tuple([pending, flag]);
    }
    override setstate(state: unknown): null {
      const items = state instanceof Tuple ? state.items : [];
      this.buffer = new Uint8Array(bytesArg(items[0], "setstate"));
      if (wide !== null && wide.little === null) {
        const flag = Number(items[1] as bigint);
        this.little = flag === 2 ? null : flag === 0;
      }
      return null;
    }
  }
  return [Encoder, Decoder];
}

/** The codec's stateless encode(str, errors), CodecInfo.encode: (bytes, length). */
export function statelessEncode(spec: CodecSpec): (...args: unknown[]) => Tuple<unknown> {
  return (...args) => {
    const [input, errors] = argsOf(args, ["str", "errors"], [undefined, "strict"]);
    if (typeof input !== "string") throw new PyTypeError(`${spec.module}_encode() argument 1 must be str, not ${typeName(input)}`);
    const errs = errors === null ? "strict" : errorsArg(errors);
    const out = spec.wide ? encodeWide(input, spec.wide, errs, spec.wide.little === null) : encode(input, spec.name, errs);
    return new Tuple<unknown>([out, BigInt([...input].length)]);
  };
}

/**
 * The codec's stateless decode(data, errors, final): (str, bytes consumed). CodecInfo.decode
 * is final; codecs.utf_16_decode and its kind are not unless told.
 */
export function statelessDecode(spec: CodecSpec, finalByDefault = true): (...args: unknown[]) => Tuple<unknown> {
  return (...args) => {
    const [input, errors, final] = argsOf(args, ["data", "errors", "final"], [undefined, "strict", finalByDefault]);
    const data = bytesArg(input, `${spec.module}_decode`);
    const errs = errors === null ? "strict" : errorsArg(errors);
    if (spec.wide) {
      const out = decodeWide(data, spec.wide, errs, truthy(final));
      return new Tuple<unknown>([out.text, BigInt(out.consumed)]);
    }
    const end = truthy(final) || spec.module !== "utf_8" ? data.length : utf8Tail(data);
    return new Tuple<unknown>([decode(data.subarray(0, end), spec.name, errs), BigInt(end)]);
  };
}

/**
 * codecs.BufferedIncrementalEncoder / BufferedIncrementalDecoder: a subclass's
 * _buffer_encode/_buffer_decode(input, errors, final) answers (output, consumed), and what it
 * did not consume waits in `buffer` for the next call.
 */
export class BufferedIncrementalEncoder extends IncrementalEncoder {
  buffer = "";
  override encode(...args: unknown[]): Bytes {
    const [input, final] = argsOf(args, ["input", "final"], [undefined, false]);
    const data = this.buffer + String(input);
    const result = callMethod(this, "_buffer_encode", data, this.errors, final) as Tuple<unknown>;
    this.buffer = [...data].slice(Number(result.items[1] as bigint)).join("");
    return result.items[0] as Bytes;
  }
  override reset(): null {
    this.buffer = "";
    return null;
  }
  override getstate(): bigint {
    return this.buffer === "" ? 0n : 1n;
  }
  _buffer_encode(..._args: unknown[]): unknown {
    throw new NotImplementedError();
  }
}

export class BufferedIncrementalDecoder extends IncrementalDecoder {
  buffer: Uint8Array = Bytes.fromArray([]);
  override decode(...args: unknown[]): string {
    const [input, final] = argsOf(args, ["input", "final"], [undefined, false]);
    const data = Bytes.fromArray(Buffer.concat([this.buffer, bytesArg(input, "decode")]));
    const result = callMethod(this, "_buffer_decode", data, this.errors, final) as Tuple<unknown>;
    this.buffer = Bytes.fromArray(data.subarray(Number(result.items[1] as bigint)));
    return result.items[0] as string;
  }
  override reset(): null {
    this.buffer = Bytes.fromArray([]);
    return null;
  }
  override getstate(): Tuple<unknown> {
    return new Tuple([Bytes.fromArray(this.buffer), 0n]);
  }
  override setstate(state: unknown): null {
    this.buffer = Bytes.fromArray(bytesArg((state as Tuple<unknown>).items[0], "setstate"));
    return null;
  }
  _buffer_decode(..._args: unknown[]): unknown {
    throw new NotImplementedError();
  }
}
