// codecs.register_error / lookup_error and the built-in handlers as functions
// (strict_errors, ignore_errors, replace_errors, backslashreplace_errors,
// xmlcharrefreplace_errors, namereplace_errors, surrogateescape, surrogatepass): each takes
// the UnicodeEncodeError or UnicodeDecodeError and answers (replacement, position to resume).
// The runtime's codecs call a registered handler through installErrorHandlers.

import { builtinFunction } from "../values/builtin-type.js";
import { Bytes } from "../values/bytes.js";
import { escapedCodePoint, installErrorHandlers, type HandlerAnswer } from "../values/codec-errors.js";
import { BaseException, LookupError, PyTypeError, UnicodeDecodeError, UnicodeEncodeError, UnicodeError } from "../values/exceptions.js";
import { isIntLike, toBigInt } from "../values/numeric.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { callValue } from "./pycall.js";
import { charName } from "./unicode-names.js";

type ErrorFields = { object: unknown; start: bigint; end: bigint };

/** The exception's object and range, or CPython's TypeError for what a handler cannot take. */
function fields(exc: unknown, kinds: readonly (typeof UnicodeError)[]): ErrorFields & { exc: UnicodeError } {
  if (!kinds.some((k) => exc instanceof k)) {
    throw new PyTypeError(`don't know how to handle ${typeName(exc)} in error callback`);
  }
  const f = exc as unknown as ErrorFields;
  return { exc: exc as UnicodeError, object: f.object, start: f.start ?? 0n, end: f.end ?? 0n };
}

const answer = (replacement: unknown, end: bigint): Tuple<unknown> => new Tuple([replacement, end]);

function encodedRun(f: ErrorFields): number[] {
  return [...String(f.object)].slice(Number(f.start), Number(f.end)).map((c) => c.codePointAt(0)!);
}

const ENCODE = [UnicodeEncodeError];
const ANY = [UnicodeEncodeError, UnicodeDecodeError];

function strictErrors(exc: unknown): never {
  if (exc instanceof BaseException) throw exc;
  throw new PyTypeError("codec must pass exception instance");
}

function ignoreErrors(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ANY);
  return answer("", f.end);
}

function replaceErrors(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ANY);
  if (f.exc instanceof UnicodeDecodeError) return answer("\ufffd", f.end);
  return answer("?".repeat(Number(f.end - f.start)), f.end);
}

function backslashreplaceErrors(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ANY);
  if (f.exc instanceof UnicodeDecodeError) {
    const data = f.object as Uint8Array;
    let out = "";
    for (let i = Number(f.start); i < Number(f.end); i++) out += `\\x${data[i]!.toString(16).padStart(2, "0")}`;
    return answer(out, f.end);
  }
  return answer(encodedRun(f).map(escapedCodePoint).join(""), f.end);
}

function xmlcharrefreplaceErrors(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ENCODE);
  return answer(encodedRun(f).map((cp) => `&#${cp};`).join(""), f.end);
}

function namereplaceErrors(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ENCODE);
  return answer(encodedRun(f).map((cp) => (charName(cp) === null ? escapedCodePoint(cp) : `\\N{${charName(cp)}}`)).join(""), f.end);
}

function surrogateescape(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ANY);
  if (f.exc instanceof UnicodeDecodeError) {
    const data = f.object as Uint8Array;
    let out = "";
    for (let i = Number(f.start); i < Number(f.end) && i < Number(f.start) + 4; i++) {
      if (data[i]! < 0x80) throw f.exc;
      out += String.fromCharCode(0xdc00 + data[i]!);
    }
    return answer(out, f.end);
  }
  const run = encodedRun(f);
  if (!run.every((cp) => cp >= 0xdc80 && cp <= 0xdcff)) throw f.exc;
  return answer(Bytes.fromArray(run.map((cp) => cp - 0xdc00)), f.end);
}

function surrogatepass(exc: unknown): Tuple<unknown> {
  const f = fields(exc, ANY);
  if (f.exc instanceof UnicodeDecodeError) {
    const data = f.object as Uint8Array;
    const s = Number(f.start);
    if (data[s] === 0xed && (data[s + 1] ?? 0) >= 0xa0 && (data[s + 1] ?? 0) <= 0xbf && ((data[s + 2] ?? 0) & 0xc0) === 0x80) {
      return answer(String.fromCharCode(0xd000 | ((data[s + 1]! & 0x3f) << 6) | (data[s + 2]! & 0x3f)), BigInt(s + 3));
    }
    throw f.exc;
  }
  const run = encodedRun(f);
  if (!run.every((cp) => cp >= 0xd800 && cp <= 0xdfff)) throw f.exc;
  const bytes: number[] = [];
  for (const cp of run) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return answer(Bytes.fromArray(bytes), f.end);
}

type Handler = (exc: unknown) => Tuple<unknown>;
const handlers = new Map<string, unknown>([
  ["strict", builtinFunction(strictErrors, "strict_errors")],
  ["ignore", builtinFunction(ignoreErrors, "ignore_errors")],
  ["replace", builtinFunction(replaceErrors, "replace_errors")],
  ["backslashreplace", builtinFunction(backslashreplaceErrors, "backslashreplace_errors")],
  ["xmlcharrefreplace", builtinFunction(xmlcharrefreplaceErrors, "xmlcharrefreplace_errors")],
  ["namereplace", builtinFunction(namereplaceErrors, "namereplace_errors")],
  ["surrogateescape", builtinFunction(surrogateescape, "surrogateescape")],
  ["surrogatepass", builtinFunction(surrogatepass, "surrogatepass")],
]);

function registerError(name: unknown, handler: unknown): null {
  if (typeof name !== "string") throw new PyTypeError(`register_error() argument 1 must be str, not ${typeName(name)}`);
  if (typeof handler !== "function" && typeof (handler as { __call__?: unknown } | null)?.__call__ !== "function") {
    throw new PyTypeError("handler must be callable");
  }
  handlers.set(name, handler);
  return null;
}

export function lookupError(name: unknown): unknown {
  if (typeof name !== "string") throw new PyTypeError(`lookup_error() argument must be str, not ${typeName(name)}`);
  const handler = handlers.get(name);
  if (handler === undefined) throw new LookupError(`unknown error handler name '${name}'`);
  return handler;
}

/** Calls the handler registered as `errors` (null: none), checking its answer as CPython does. */
function callRegistered(errors: string, exc: UnicodeEncodeError | UnicodeDecodeError): HandlerAnswer | null {
  const handler = handlers.get(errors);
  if (handler === undefined) return null;
  const result = callValue(handler, exc) as unknown;
  const encoding = exc instanceof UnicodeEncodeError;
  const items = result instanceof Tuple ? result.items : null;
  const okReplacement = items !== null && (typeof items[0] === "string" || (encoding && items[0] instanceof Uint8Array));
  if (items === null || items.length !== 2 || !okReplacement || !isIntLike(items[1])) {
    throw new PyTypeError(`${encoding ? "encoding" : "decoding"} error handler must return (${encoding ? "str/bytes" : "str"}, int) tuple`);
  }
  return { replacement: items[0] as string | Uint8Array, next: Number(toBigInt(items[1])) };
}

installErrorHandlers(callRegistered);

export const codecsErrorNames = {
  register_error: builtinFunction(registerError, "register_error"),
  lookup_error: builtinFunction(lookupError, "lookup_error"),
  strict_errors: handlers.get("strict") as Handler,
  ignore_errors: handlers.get("ignore") as Handler,
  replace_errors: handlers.get("replace") as Handler,
  backslashreplace_errors: handlers.get("backslashreplace") as Handler,
  xmlcharrefreplace_errors: handlers.get("xmlcharrefreplace") as Handler,
  namereplace_errors: handlers.get("namereplace") as Handler,
};
