// Python's repr of str and bytes values (a leaf module: the compiler uses it too).

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Python's repr of a str: quote choice and escapes as CPython does them. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
    else if (code < 0x7f) out += ch;
    else if (ch !== " " && NON_PRINTABLE.test(ch)) {
      if (code <= 0xff) out += "\\x" + hex(code, 2);
      else if (code <= 0xffff) out += "\\u" + hex(code, 4);
      else out += "\\U" + hex(code, 8);
    } else out += ch;
  }
  return out + quote;
}

/**
 * Python's repr of bytes: `b'...'`. `bytearray`'s repr (`escapeSingle`) escapes every `'`,
 * even inside double quotes, as CPython's does: `bytearray(b"o\'neil")`.
 */
export function bytesRepr(b: Uint8Array, escapeSingle = false): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const byte of b.values()) {
    if (byte === 0x27) hasSingle = true;
    else if (byte === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (const byte of b.values()) {
    const ch = String.fromCharCode(byte);
    if (ch === quote || ch === "\\" || (escapeSingle && byte === 0x27)) out += "\\" + ch;
    else if (byte === 0x0a) out += "\\n";
    else if (byte === 0x0d) out += "\\r";
    else if (byte === 0x09) out += "\\t";
    else if (byte < 0x20 || byte >= 0x7f) out += "\\x" + hex(byte, 2);
    else out += ch;
  }
  return out + quote;
}
