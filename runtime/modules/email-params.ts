// Header parameters as email.message.Message reads and writes them (`text/html; charset="utf-8"`):
// splitting at unquoted semicolons, quoting, and RFC 2231's `name*=charset'lang'%XX` values
// and `name*0=...` continuations, with the results CPython's email.utils gives.

import { Tuple } from "../values/tuple.js";
import { urllibParseModule } from "./urllib-parse.js";

/** A parameter's value: a string, or an RFC 2231 (charset, language, value) tuple. */
export type ParamValue = string | Tuple<unknown>;

/** `main; rest`: the part before the first semicolon and the rest (null without one), trimmed. */
export function splitParam(value: string): [string, string | null] {
  const at = value.indexOf(";");
  return at < 0 ? [value.trim(), null] : [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

/** Backslashes and double quotes escaped, as inside a quoted-string. */
export function quoteText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}

/** A quoted-string (or `<...>`) without its delimiters and escapes; other text as it is. */
export function unquoteText(s: string): string {
  if (s.length > 1) {
    if (s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\\\/g, "\\").replace(/\\"/g, '"');
    if (s.startsWith("<") && s.endsWith(">")) return s.slice(1, -1);
  }
  return s;
}

/** A value unquoted; of a tuple, its third item. */
export function unquoteValue(value: ParamValue): ParamValue {
  if (value instanceof Tuple) return Tuple.of(value.items[0], value.items[1], unquoteText(String(value.items[2])));
  return unquoteText(value);
}

/** The parameters of a header value, each `name=value` (name lower-cased) or a bare word. */
export function parseParams(header: string): string[] {
  let s = ";" + header;
  const params: string[] = [];
  const quotesBefore = (end: number): number => (s.slice(0, end).match(/"/g)?.length ?? 0) - (s.slice(0, end).match(/\\"/g)?.length ?? 0);
  while (s.startsWith(";")) {
    s = s.slice(1);
    let end = s.indexOf(";");
    // (a semicolon inside a quoted value does not end it)
    while (end > 0 && quotesBefore(end) % 2 !== 0) end = s.indexOf(";", end + 1);
    if (end < 0) end = s.length;
    let part = s.slice(0, end);
    const eq = part.indexOf("=");
    if (eq >= 0) part = part.slice(0, eq).trim().toLowerCase() + "=" + part.slice(eq + 1).trim();
    params.push(part.trim());
    s = s.slice(end);
  }
  return params;
}

const CONTINUATION = /^(\w+)\*(?:([0-9]+)\*?)?$/;

/** `charset'language'text` split in three; without two quotes, (None, None, text). */
function splitRfc2231(s: string): Tuple<unknown> {
  const first = s.indexOf("'");
  const second = first < 0 ? -1 : s.indexOf("'", first + 1);
  if (second < 0) return Tuple.of(null, null, s);
  return Tuple.of(s.slice(0, first), s.slice(first + 1, second), s.slice(second + 1));
}

/** %XX escapes as the characters of those octets (latin-1). */
function percentDecodeLatin1(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The (name, value) pairs of a header's parameters after its first: plain values quoted again,
 * RFC 2231 ones joined in continuation order and appended last, as email.utils.decode_params.
 */
export function decodeParams(params: [string, string][]): [string, ParamValue][] {
  const decoded: [string, ParamValue][] = [params[0]!];
  const continued = new Map<string, [number | null, string, boolean][]>();
  for (const [name, raw] of params.slice(1)) {
    const encoded = name.endsWith("*");
    const value = unquoteText(raw);
    const m = CONTINUATION.exec(name);
    if (m === null) decoded.push([name, `"${quoteText(value)}"`]);
    else {
      const parts = continued.get(m[1]!) ?? [];
      parts.push([m[2] === undefined ? null : Number(m[2]), value, encoded]);
      continued.set(m[1]!, parts);
    }
  }
  for (const [name, parts] of continued) {
    parts.sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1));
    const extended = parts.some(([, , encoded]) => encoded);
    const joined = quoteText(parts.map(([, s, encoded]) => (encoded ? percentDecodeLatin1(s) : s)).join(""));
    if (!extended) decoded.push([name, `"${joined}"`]);
    else {
      const [charset, language, text] = splitRfc2231(joined).items;
      decoded.push([name, Tuple.of(charset, language, `"${String(text)}"`)]);
    }
  }
  return decoded;
}

/** A parameter value as text: an RFC 2231 tuple decoded from its charset (us-ascii without one). */
export function collapseValue(value: ParamValue): string {
  if (!(value instanceof Tuple) || value.items.length !== 3) return unquoteText(String(value));
  const [charset, , text] = value.items as [string | null, unknown, string];
  const octets = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  try {
    const label = charset === null || /^us-?ascii$/i.test(charset) ? "ascii" : charset;
    // (us-ascii decodes with replacement characters past 127, as CPython's errors="replace")
    if (label === "ascii") return Array.from(octets, (b) => (b < 128 ? String.fromCharCode(b) : "\ufffd")).join("");
    return new TextDecoder(label).decode(octets);
  } catch {
    return unquoteText(text);
  }
}

/** Characters that make a parameter value need quotes. */
const SPECIALS = /[ ()<>@,;:\\"/[\]?=]/;

/** `name="value"` (quoted when asked or needed), `name*=charset'lang'%XX` for tuples and non-ASCII, or the bare name. */
export function formatParam(param: string, value: ParamValue | null, quote = true): string {
  if (value === null) return param;
  if (value instanceof Tuple) {
    const [charset, language, text] = value.items;
    return `${param}*=${encodeRfc2231(String(text), charset === null ? null : String(charset), language === null ? null : String(language))}`;
  }
  if (value.length === 0) return param;
  if (/[^\x00-\x7f]/.test(value)) return `${param}*=${encodeRfc2231(value, "utf-8", "")}`;
  return quote || SPECIALS.test(value) ? `${param}="${quoteText(value)}"` : `${param}=${value}`;
}

/** `charset'language'%XX...`, or the %-quoted text alone without charset and language. */
function encodeRfc2231(s: string, charset: string | null, language: string | null): string {
  const quoted = String(urllibParseModule.quote(s, "", charset ?? "ascii"));
  if (charset === null && language === null) return quoted;
  return `${charset}'${language ?? ""}'${quoted}`;
}
