// urllib.parse's old split helpers (`_splittype`, `_splithost`, ...), which urllib.request
// still uses to take URLs apart, and their public names, deprecated since 3.8: each warns
// with CPython's DeprecationWarning before it answers.

import { DeprecationWarning, UnicodeError } from "../values/exceptions.js";
import { repr, str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { callValue } from "./pycall.js";
import { standardModule } from "./module-object.js";

/** `unwrap('<URL:scheme://host/path>')` -> 'scheme://host/path'. */
export function unwrapUrl(url: unknown): string {
  let text = str(url).trim();
  if (text.startsWith("<") && text.endsWith(">")) text = text.slice(1, -1).trim();
  if (text.startsWith("URL:")) text = text.slice(4).trim();
  return text;
}

/** Python's `str.rpartition` and `str.partition`. */
function rpartition(s: string, sep: string): [string, string, string] {
  const at = s.lastIndexOf(sep);
  return at < 0 ? ["", "", s] : [s.slice(0, at), sep, s.slice(at + sep.length)];
}
function partition(s: string, sep: string): [string, string, string] {
  const at = s.indexOf(sep);
  return at < 0 ? [s, "", ""] : [s.slice(0, at), sep, s.slice(at + sep.length)];
}

export function splitType(url: string): [string | null, string] {
  const match = /^([^/:]+):([\s\S]*)$/.exec(url);
  return match ? [match[1]!.toLowerCase(), match[2]!] : [null, url];
}

export function splitHost(url: string): [string | null, string] {
  const match = /^\/\/([^/#?]*)([\s\S]*)$/.exec(url);
  if (!match) return [null, url];
  let path = match[2]!;
  if (path !== "" && !path.startsWith("/")) path = "/" + path;
  return [match[1]!, path];
}

export function splitUser(host: string): [string | null, string] {
  const [user, delim, rest] = rpartition(host, "@");
  return [delim ? user : null, rest];
}

export function splitPasswd(user: string): [string, string | null] {
  const [name, delim, passwd] = partition(user, ":");
  return [name, delim ? passwd : null];
}

export function splitPort(host: string): [string, string | null] {
  const match = /^([\s\S]*):([0-9]*)$/.exec(host);
  if (match && match[2] !== "") return [match[1]!, match[2]!];
  return [host, null];
}

export function splitNport(host: string, defport: unknown = -1n): [string, unknown] {
  const [name, delim, port] = rpartition(host, ":");
  if (!delim) return [port, defport];
  if (port !== "") return [name, /^[0-9]+$/.test(port) ? BigInt(port) : null];
  return [name, defport];
}

export function splitQuery(url: string): [string, string | null] {
  const [path, delim, query] = rpartition(url, "?");
  return delim ? [path, query] : [url, null];
}

export function splitTag(url: string): [string, string | null] {
  const [path, delim, tag] = rpartition(url, "#");
  return delim ? [path, tag] : [url, null];
}

export function splitValue(attr: string): [string, string | null] {
  const [name, delim, value] = partition(attr, "=");
  return [name, delim ? value : null];
}

/** `%XX` escapes decoded as UTF-8 (urllib.parse.unquote with its defaults). */
export function unquoteText(s: string): string {
  if (!s.includes("%")) return s;
  const bytes: number[] = [];
  const out: string[] = [];
  const flush = (): void => {
    if (bytes.length > 0) out.push(new TextDecoder("utf-8").decode(Uint8Array.from(bytes)));
    bytes.length = 0;
  };
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      flush();
      out.push(s[i]!);
    }
  }
  flush();
  return out.join("");
}

function deprecated(name: string, instead: string): void {
  const warnings = standardModule("warnings") as unknown as { warn: unknown };
  const message = `urllib.parse.${name}() is deprecated as of 3.8${instead ? `, use urllib.parse.${instead}() instead` : ""}`;
  callValue(warnings.warn, message, DeprecationWarning, 1n);
}

const pair = (values: readonly unknown[]): Tuple => Tuple.of(...values);

/** The deprecated public helpers of urllib.parse. */
export const deprecatedSplitters = {
  to_bytes(url: unknown): unknown {
    deprecated("to_bytes", "");
    if (typeof url === "string" && /[^\x00-\x7f]/.test(url)) throw new UnicodeError(`URL ${repr(url)} contains non-ASCII characters`);
    return url;
  },
  splittype: (url: unknown): Tuple => (deprecated("splittype", "urlparse"), pair(splitType(str(url)))),
  splithost: (url: unknown): Tuple => (deprecated("splithost", "urlparse"), pair(splitHost(str(url)))),
  splituser: (host: unknown): Tuple => (deprecated("splituser", "urlparse"), pair(splitUser(str(host)))),
  splitpasswd: (user: unknown): Tuple => (deprecated("splitpasswd", "urlparse"), pair(splitPasswd(str(user)))),
  splitport: (host: unknown): Tuple => (deprecated("splitport", "urlparse"), pair(splitPort(str(host)))),
  splitnport: (host: unknown, defport: unknown = -1n): Tuple => (deprecated("splitnport", "urlparse"), pair(splitNport(str(host), defport))),
  splitquery: (url: unknown): Tuple => (deprecated("splitquery", "urlparse"), pair(splitQuery(str(url)))),
  splittag: (url: unknown): Tuple => (deprecated("splittag", "urlparse"), pair(splitTag(str(url)))),
  splitattr(url: unknown): Tuple {
    deprecated("splitattr", "urlparse");
    const words = str(url).split(";");
    return Tuple.of(words[0]!, words.slice(1));
  },
  splitvalue: (attr: unknown): Tuple => (deprecated("splitvalue", "parse_qsl"), pair(splitValue(str(attr)))),
};
