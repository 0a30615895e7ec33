// Encoding text to bytes with CPython's error handlers, for the codecs whose every code point
// is one step (ascii, latin-1, utf-8): a run of code points the codec cannot encode goes to the
// handler named by `errors` (strict, ignore, replace, backslashreplace, xmlcharrefreplace,
// namereplace, surrogateescape, surrogatepass, or one registered with codecs.register_error).

import { charName } from "../modules/unicode-names.js";
import { Bytes } from "./bytes.js";
import { encodeError, escapedCodePoint, registeredEncodeAnswer } from "./codec-errors.js";
import { IndexError } from "./exceptions.js";

/** One codec: its name in messages, whether it encodes a code point, how, and why not. */
export interface StepCodec {
  readonly name: string;
  readonly fits: (cp: number) => boolean;
  readonly put: (cp: number, out: number[]) => void;
  readonly reason: string;
}

function putUtf8(cp: number, out: number[]): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

const isSurrogate = (cp: number): boolean => cp >= 0xd800 && cp <= 0xdfff;

export const ASCII: StepCodec = { name: "ascii", fits: (cp) => cp < 0x80, put: (cp, out) => out.push(cp), reason: "ordinal not in range(128)" };
export const LATIN_1: StepCodec = { name: "latin-1", fits: (cp) => cp < 0x100, put: (cp, out) => out.push(cp), reason: "ordinal not in range(256)" };
export const UTF_8: StepCodec = { name: "utf-8", fits: (cp) => !isSurrogate(cp), put: putUtf8, reason: "surrogates not allowed" };

/** `text` in UTF-8 (lone surrogates go to the error handler). */
export function encodeUtf8(text: string, errors: string): Bytes {
  return !/\p{Cs}/u.test(text) ? Bytes.fromUtf8(text) : encodeSteps(text, UTF_8, errors);
}

/** `text` encoded by `codec`, the code points it cannot encode given to the `errors` handler. */
export function encodeSteps(text: string, codec: StepCodec, errors: string): Bytes {
  const chars = [...text];
  const out: number[] = [];
  let i = 0;
  while (i < chars.length) {
    const cp = chars[i]!.codePointAt(0)!;
    if (codec.fits(cp)) {
      codec.put(cp, out);
      i++;
      continue;
    }
    let end = i + 1;
    while (end < chars.length && !codec.fits(chars[end]!.codePointAt(0)!)) end++;
    i = replaceRun(text, chars, i, end, codec, errors, out);
  }
  return Bytes.fromArray(out);
}

/** Puts the handler's replacement for chars[start:end] into `out`; where encoding resumes. */
function replaceRun(text: string, chars: readonly string[], start: number, end: number, codec: StepCodec, errors: string, out: number[]): number {
  const run = chars.slice(start, end).map((c) => c.codePointAt(0)!);
  const fail = (): never => {
    throw encodeError(codec.name, text, chars, start, end, codec.reason);
  };
  const putText = (s: string): void => {
    for (const c of s) codec.put(c.codePointAt(0)!, out);
  };
  switch (errors) {
    case "strict":
      return fail();
    case "ignore":
      return end;
    case "replace":
      putText("?".repeat(run.length));
      return end;
    case "backslashreplace":
      putText(run.map(escapedCodePoint).join(""));
      return end;
    case "xmlcharrefreplace":
      putText(run.map((cp) => `&#${cp};`).join(""));
      return end;
    case "namereplace":
      putText(run.map((cp) => (charName(cp) === null ? escapedCodePoint(cp) : `\\N{${charName(cp)}}`)).join(""));
      return end;
    case "surrogateescape":
      // the escaped bytes up to the first code point that is none: the error starts there
      for (let k = 0; k < run.length; k++) {
        if (run[k]! < 0xdc80 || run[k]! > 0xdcff) throw encodeError(codec.name, text, chars, start + k, end, codec.reason);
        out.push(run[k]! - 0xdc00);
      }
      return end;
    case "surrogatepass":
      if (codec !== UTF_8 || !run.every(isSurrogate)) return fail();
      for (const cp of run) putUtf8(cp, out);
      return end;
  }
  const answer = registeredEncodeAnswer(errors, encodeError(codec.name, text, chars, start, end, codec.reason), chars.length);
  if (typeof answer.replacement === "string") {
    for (const c of answer.replacement) {
      const rcp = c.codePointAt(0)!;
      if (!codec.fits(rcp)) throw encodeError(codec.name, text, chars, start, end, codec.reason);
      codec.put(rcp, out);
    }
  } else {
    for (let k = 0; k < answer.replacement.length; k++) out.push(answer.replacement[k]!);
  }
  const next = answer.next < 0 ? answer.next + chars.length : answer.next;
  if (next < 0 || next > chars.length) throw new IndexError(`position ${answer.next} from error handler out of bounds`);
  return next;
}
