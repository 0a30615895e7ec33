// Python's ascii(): repr with every non-ASCII character escaped.

import { repr } from "./repr.js";

export function asciiRepr(x: unknown): string {
  let out = "";
  for (const ch of repr(x)) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out += ch;
    else if (code <= 0xff) out += "\\x" + code.toString(16).padStart(2, "0");
    else if (code <= 0xffff) out += "\\u" + code.toString(16).padStart(4, "0");
    else out += "\\U" + code.toString(16).padStart(8, "0");
  }
  return out;
}
