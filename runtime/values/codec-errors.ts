// Codec error handlers past the built-in names each codec knows itself: the ones a program
// registers with codecs.register_error, called with CPython's UnicodeEncodeError or
// UnicodeDecodeError (encoding, object, start, end, reason) and answering (replacement, new
// position). The codecs module installs the caller of Python handlers (runtime/modules
// codecs-errors.ts); without it, or for a name nobody registered, the name is a LookupError.

import { Bytes } from "./bytes.js";
import { LookupError, PyTypeError, UnicodeDecodeError, UnicodeEncodeError } from "./exceptions.js";

/** What a handler answered: the replacement (text, or bytes for an encoder) and where to resume. */
export interface HandlerAnswer {
  readonly replacement: string | Uint8Array;
  readonly next: number;
}

type Calling = (errors: string, exc: UnicodeEncodeError | UnicodeDecodeError, length: number) => HandlerAnswer | null;

let registered: Calling | null = null;

/** The codecs module's caller of registered handlers (null: the name is not registered). */
export function installErrorHandlers(calling: Calling): void {
  registered = calling;
}

function unknownHandler(errors: string): LookupError {
  return new LookupError(`unknown error handler name '${errors}'`);
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

/** A code point as encode errors show it: `\xe9`, `\u20ac`, `\U0001f600`. */
export function escapedCodePoint(cp: number): string {
  return cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
}

/** CPython's UnicodeEncodeError for chars[start:end] of `text`, with its attributes. */
export function encodeError(encoding: string, text: string, chars: readonly string[], start: number, end: number, reason: string): UnicodeEncodeError {
  return new UnicodeEncodeError(encoding, text, BigInt(start), BigInt(end), reason);
}

/** CPython's UnicodeDecodeError for data[start:end], with its attributes. */
export function decodeError(encoding: string, data: Uint8Array, start: number, end: number, reason: string): UnicodeDecodeError {
  const object = new Bytes(data.length);
  object.set(data);
  return new UnicodeDecodeError(encoding, object, BigInt(start), BigInt(end), reason);
}

/** A registered handler's answer for an encode error (its exception raised for an unknown name). */
export function registeredEncodeAnswer(errors: string, err: UnicodeEncodeError, length: number): HandlerAnswer {
  const answer = registered?.(errors, err, length) ?? null;
  if (answer === null) throw unknownHandler(errors);
  return answer;
}

/** A registered handler's answer for a decode error. */
export function registeredDecodeAnswer(errors: string, err: UnicodeDecodeError, length: number): HandlerAnswer {
  const answer = registered?.(errors, err, length) ?? null;
  if (answer === null) throw unknownHandler(errors);
  if (typeof answer.replacement !== "string") throw new PyTypeError("decoding error handler must return (str, int) tuple");
  return answer;
}
