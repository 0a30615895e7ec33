// Codecs a program registers with codecs.register (a search function answering CodecInfo),
// reached by str.encode and bytes.decode for the names the runtime's own codecs do not know.
// The codecs module installs the finder when loaded (runtime/modules/codecs.ts); before that,
// no search function can exist and every other name is CPython's LookupError.

import { LookupError, PyTypeError } from "./exceptions.js";
import { typeName } from "./typename.js";

/** A codec a search function found: its text-encoding mark and its stateless functions' first results. */
export interface RegisteredCodec {
  readonly textEncoding: boolean;
  encode(input: unknown, errors: string): unknown;
  decode(input: unknown, errors: string): unknown;
}

let finder: ((encoding: string) => RegisteredCodec | null) | null = null;

export function installCodecFinder(find: (encoding: string) => RegisteredCodec | null): void {
  finder = find;
}

function textCodec(encoding: string): RegisteredCodec {
  const codec = finder?.(encoding) ?? null;
  if (codec === null) throw new LookupError(`unknown encoding: ${encoding}`);
  if (!codec.textEncoding) throw new LookupError(`'${encoding}' is not a text encoding; use codecs.encode() to handle arbitrary codecs`);
  return codec;
}

/** `s.encode(encoding, errors)` by a registered codec (its result must be bytes). */
export function encodeByRegisteredCodec(s: string, encoding: string, errors: string): Uint8Array {
  const out = textCodec(encoding).encode(s, errors);
  if (!(out instanceof Uint8Array)) {
    throw new PyTypeError(`'${encoding}' encoder returned '${typeName(out)}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types`);
  }
  return out;
}

/** `b.decode(encoding, errors)` by a registered codec (its result must be str). */
export function decodeByRegisteredCodec(data: Uint8Array, encoding: string, errors: string): string {
  const codec = finder?.(encoding) ?? null;
  if (codec === null) throw new LookupError(`unknown encoding: ${encoding}`);
  if (!codec.textEncoding) throw new LookupError(`'${encoding}' is not a text encoding; use codecs.decode() to handle arbitrary codecs`);
  const out = codec.decode(data, errors);
  if (typeof out !== "string") {
    throw new PyTypeError(`'${encoding}' decoder returned '${typeName(out)}' instead of 'str'; use codecs.decode() to decode to arbitrary types`);
  }
  return out;
}
