// The StreamReader and StreamWriter classes of the runtime's codecs (encodings.utf_8.StreamReader,
// ...): their encode/decode are the codec's stateless functions, a reader keeping an incomplete
// tail for the next read; utf-16 and utf-32 write the byte-order mark once and read it once.

import { Tuple } from "../values/tuple.js";
import { PyTypeError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { decodeWide, encodeWide } from "../values/wide-codec.js";
import { statelessDecode, statelessEncode, type CodecSpec } from "./codecs-incremental.js";
import { StreamReader, StreamWriter } from "./codecs-streams.js";

function argsOf(args: unknown[], names: readonly string[], defaults: readonly unknown[]): unknown[] {
  const [pos, kws] = splitKw(args);
  return names.map((name, i) => (i < pos.length ? pos[i] : name in kws ? kws[name] : defaults[i]));
}

export function streamClasses(spec: CodecSpec): [typeof StreamReader, typeof StreamWriter] {
  const wide = spec.wide;
  const encodeOnce = statelessEncode(spec);
  const decodeSome = statelessDecode(spec, false);
  class Writer extends StreamWriter {
    static readonly pythonName = "StreamWriter";
    /** Whether the next write starts with the byte-order mark (utf-16, utf-32). */
    declare private mark: boolean;
    override __init__(...args: unknown[]): null {
      super.__init__(...args);
      this.mark = wide !== null && wide.little === null;
      return null;
    }
    override encode(...args: unknown[]): Tuple<unknown> {
      if (wide === null || wide.little !== null) return encodeOnce(...args);
      const [input, errors] = argsOf(args, ["input", "errors"], [undefined, "strict"]);
      if (typeof input !== "string") throw new PyTypeError(`${spec.module}_encode() argument 1 must be str, not ${typeName(input)}`);
      const out = encodeWide(input, wide, String(errors ?? "strict"), this.mark);
      this.mark = false;
      return new Tuple<unknown>([out, BigInt([...input].length)]);
    }
    override reset(): null {
      this.mark = wide !== null && wide.little === null;
      return null;
    }
  }
  class Reader extends StreamReader {
    static readonly pythonName = "StreamReader";
    /** The byte order read from the mark (null: not yet). */
    declare private little: boolean | null;
    override __init__(...args: unknown[]): null {
      super.__init__(...args);
      this.little = wide?.little ?? null;
      return null;
    }
    override decode(...args: unknown[]): Tuple<unknown> {
      if (wide === null || wide.little !== null) return decodeSome(...args);
      const [input, errors, final] = argsOf(args, ["input", "errors", "final"], [undefined, "strict", false]);
      if (!(input instanceof Uint8Array)) throw new PyTypeError(`a bytes-like object is required, not '${typeName(input)}'`);
      const out = decodeWide(input, wide, String(errors ?? "strict"), truthy(final), this.little);
      this.little = out.little;
      return new Tuple<unknown>([out.text, BigInt(out.consumed)]);
    }
    override reset(): null {
      super.reset();
      this.little = wide?.little ?? null;
      return null;
    }
  }
  for (const cls of [Reader, Writer]) Object.defineProperty(cls, "__module__", { value: `encodings.${spec.module}` });
  return [Reader, Writer];
}
