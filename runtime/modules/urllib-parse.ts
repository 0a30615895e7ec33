// `urllib.parse` for str URLs, following Lib/urllib/parse.py (3.11): urlsplit/urlparse and
// their result tuples (with username, password, hostname, port, geturl), urlunsplit,
// urlunparse, urljoin, urldefrag, quote/quote_plus/quote_from_bytes, unquote/unquote_plus/
// unquote_to_bytes, urlencode, parse_qs and parse_qsl.

import { AttributeError } from "../values/exceptions.js";
import { callMethod } from "../values/methods.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, UnicodeDecodeError, ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { repr, str } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { typeName } from "../values/typename.js";
import { callValue } from "./pycall.js";
import { isNone } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { namedtuple } from "./namedtuple.js";
import { deprecatedSplitters, unwrapUrl } from "./urllib-split.js";

const uses_relative = ["", "ftp", "http", "gopher", "nntp", "imap", "wais", "file", "https", "shttp", "mms", "prospero", "rtsp", "rtsps", "rtspu", "sftp", "svn", "svn+ssh", "ws", "wss"];
const uses_netloc = ["", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews", "prospero", "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh", "ws", "wss"];
const uses_params = ["", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip", "sips", "mms", "sftp", "tel"];
const SCHEME_CHARS = /^[A-Za-z0-9+\-.]+$/;

function text(x: unknown, _what: string): string {
  if (typeof x === "string") return x;
  if (x instanceof Uint8Array) return asciiText(x);
  throw new PyTypeError(`Cannot mix str and non-str arguments`);
}

/** Bytes arguments are ASCII text (CPython decodes them with 'ascii', strict). */
function asciiText(b: Uint8Array): string {
  const bad = b.findIndex((x) => x > 127);
  if (bad >= 0) throw new UnicodeDecodeError("ascii", Bytes.fromArray(b), BigInt(bad), BigInt(bad + 1), "ordinal not in range(128)");
  return new TextDecoder("latin1").decode(b);
}

/** A str result as bytes (CPython encodes with 'ascii', strict). */
function asciiBytes(s: string): Bytes {
  return Bytes.fromArray(Uint8Array.from(s, (c) => c.charCodeAt(0)));
}

/**
 * CPython's `_coerce_args`: str arguments as they are, or bytes ones (the first argument decides)
 * decoded; an argument of the other kind that is not empty is a TypeError. True: bytes in.
 */
function bytesArgs(...args: unknown[]): boolean {
  const strInput = typeof args[0] === "string";
  for (const a of args.slice(1)) {
    if (a === undefined || isNone(a) || (typeof a === "string" && a === "") || (a instanceof Uint8Array && a.length === 0)) continue;
    if ((typeof a === "string") !== strInput) throw new PyTypeError("Cannot mix str and non-str arguments");
  }
  return !strInput && args[0] instanceof Uint8Array;
}

function partition(s: string, sep: string, fromEnd = false): [string, string, string] {
  const i = fromEnd ? s.lastIndexOf(sep) : s.indexOf(sep);
  return i < 0 ? (fromEnd ? ["", "", s] : [s, "", ""]) : [s.slice(0, i), sep, s.slice(i + sep.length)];
}

/** The netloc's parts, as the result tuples' properties give them. */
const netlocMethods = {
  get username(): string | null {
    const [userinfo, have] = partition(String((this as unknown as Tuple).at(1)), "@", true);
    return have ? partition(userinfo, ":")[0] : null;
  },
  get password(): string | null {
    const [userinfo, have] = partition(String((this as unknown as Tuple).at(1)), "@", true);
    if (!have) return null;
    const [, hasPassword, password] = partition(userinfo, ":");
    return hasPassword ? password : null;
  },
  get hostname(): string | null {
    const [host] = hostinfo(String((this as unknown as Tuple).at(1)));
    if (!host) return null;
    const [name, percent, zone] = partition(host, "%");
    return name.toLowerCase() + percent + zone;
  },
  get port(): bigint | null {
    const [, port] = hostinfo(String((this as unknown as Tuple).at(1)));
    if (port === null) return null;
    if (!/^[0-9]+$/.test(port)) throw new ValueError(`Port could not be cast to integer value as ${repr(port)}`);
    const n = BigInt(port);
    if (n > 65535n) throw new ValueError("Port out of range 0-65535");
    return n;
  },
};

function hostinfo(netloc: string): [string, string | null] {
  const info = partition(netloc, "@", true)[2];
  let host: string;
  let port: string;
  if (info.includes("[")) {
    const rest = partition(info, "[")[2];
    [host, , port] = partition(rest, "]");
    port = partition(port, ":")[2];
  } else [host, , port] = partition(info, ":");
  return [host, port === "" ? null : port];
}

function resultClass(name: string, fields: string, geturl: (t: Tuple) => unknown): any {
  const base = namedtuple(name, fields, new Kwargs({ module: "urllib.parse" }));
  const proto = (base as unknown as { prototype: object }).prototype;
  if (fields.includes("netloc")) Object.defineProperties(proto, Object.getOwnPropertyDescriptors(netlocMethods));
  Object.defineProperty(proto, "geturl", {
    value: function (this: Tuple): unknown {
      return geturl(this);
    },
    writable: true,
    configurable: true,
  });
  return base;
}

/** The bytes twin of a result class: its fields bytes, netloc's parts as bytes, `decode()` to the str class (whose `encode()` gives it back). */
function bytesResultClass(name: string, fields: string, strClass: any): any {
  const decoded = (t: Tuple): any => new strClass(...[...t].map((x) => asciiText(x as Uint8Array)));
  const cls = namedtuple(name, fields, new Kwargs({ module: "urllib.parse" }));
  const proto = (cls as unknown as { prototype: object }).prototype;
  const methods: PropertyDescriptorMap = {
    geturl: { value: function (this: Tuple) { return asciiBytes(decoded(this).geturl()); }, writable: true, configurable: true },
    decode: { value: function (this: Tuple) { return decoded(this); }, writable: true, configurable: true },
  };
  if (fields.includes("netloc")) {
    for (const key of ["username", "password", "hostname"]) {
      methods[key] = { get(this: Tuple) { const v = decoded(this)[key]; return v === null ? null : asciiBytes(v); }, configurable: true };
    }
    methods["port"] = { get(this: Tuple) { return decoded(this).port; }, configurable: true };
  }
  Object.defineProperties(proto, methods);
  Object.defineProperty((strClass as { prototype: object }).prototype, "encode", {
    value: function (this: Tuple) { return new (cls as any)(...[...this].map((x) => asciiBytes(String(x)))); },
    writable: true,
    configurable: true,
  });
  return cls;
}

const SplitResult = resultClass("SplitResult", "scheme netloc path query fragment", (t) => urlunsplit(t));
const ParseResult = resultClass("ParseResult", "scheme netloc path params query fragment", (t) => urlunparse(t));
const DefragResult = resultClass("DefragResult", "url fragment", (t) => (t.at(1) ? `${t.at(0)}#${t.at(1)}` : String(t.at(0))));
/**
 * `urllib.parse.ResultBase` (CPython's `_NetlocResultMixinStr`): the base of the str results
 * with a netloc, whose username/password/hostname/port it gives. isinstance and issubclass
 * find SplitResult and ParseResult (and their subclasses) through it.
 */
class ResultBase {
  static readonly __module__ = "urllib.parse";
  static __instancecheck__(x: unknown): boolean {
    return x instanceof SplitResult || x instanceof ParseResult;
  }
  static __subclasscheck__(cls: unknown): boolean {
    return cls === ResultBase || (typeof cls === "function" && (cls.prototype instanceof SplitResult || cls.prototype instanceof ParseResult || cls === SplitResult || cls === ParseResult || cls.prototype instanceof ResultBase));
  }
}
Object.defineProperties(ResultBase.prototype, Object.getOwnPropertyDescriptors(netlocMethods));
// (`ResultBase.encode(result)`: the result's own encode, the bytes twin of its class)
Object.defineProperty(ResultBase.prototype, "encode", {
  value: function encodeResult(this: unknown, ...args: unknown[]): unknown {
    // (a class deriving from ResultBase alone has no bytes twin)
    if ((this as { encode?: unknown }).encode === encodeResult) throw new AttributeError(`'${typeName(this)}' object has no attribute '_encoded_counterpart'`);
    return callMethod(this, "encode", ...args);
  },
  writable: true,
  configurable: true,
});
Object.defineProperty(ResultBase, "pythonName", { value: "_NetlocResultMixinStr" });

const SplitResultBytes = bytesResultClass("SplitResultBytes", "scheme netloc path query fragment", SplitResult);
const ParseResultBytes = bytesResultClass("ParseResultBytes", "scheme netloc path params query fragment", ParseResult);
const DefragResultBytes = bytesResultClass("DefragResultBytes", "url fragment", DefragResult);

/** A str result of a function given bytes, encoded back (a tuple's fields, a string). */
function encodedResult(bytes: boolean, result: any): any {
  if (!bytes) return result;
  return typeof result === "string" ? asciiBytes(result) : result.encode();
}

function splitnetloc(url: string, start: number): [string, string] {
  let delim = url.length;
  for (const c of "/?#") {
    const w = url.indexOf(c, start);
    if (w >= 0) delim = Math.min(delim, w);
  }
  return [url.slice(start, delim), url.slice(delim)];
}

function splitArgs(args: unknown[], names: string[]): unknown[] {
  const [pos, kws] = splitKw(args);
  return names.map((n, i) => (i < pos.length ? pos[i] : kws[n]));
}

function split(urlIn: string, schemeIn: string, allowFragments: boolean): [string, string, string, string, string] {
  let url = urlIn.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
  let scheme = schemeIn.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "").replace(/[\t\r\n]/g, "");
  let netloc = "";
  let query = "";
  let fragment = "";
  const i = url.indexOf(":");
  if (i > 0 && /^[A-Za-z]/.test(url) && SCHEME_CHARS.test(url.slice(0, i))) {
    scheme = url.slice(0, i).toLowerCase();
    url = url.slice(i + 1);
  }
  if (url.startsWith("//")) {
    [netloc, url] = splitnetloc(url, 2);
    if (netloc.includes("[") !== netloc.includes("]")) throw new ValueError("Invalid IPv6 URL");
  }
  if (allowFragments && url.includes("#")) [url, , fragment] = partition(url, "#");
  if (url.includes("?")) [url, , query] = partition(url, "?");
  return [scheme, netloc, url, query, fragment];
}

function urlsplit(...args: unknown[]): any {
  const [url, scheme, allow] = splitArgs(args, ["url", "scheme", "allow_fragments"]);
  if (bytesArgs(url, scheme)) return encodedResult(true, urlsplit(text(url, "url"), scheme === undefined ? "" : text(scheme, "scheme"), allow ?? true));
  return new SplitResult(...split(text(url, "url"), scheme === undefined ? "" : text(scheme, "scheme"), allow === undefined || truthy(allow)));
}

function urlparse(...args: unknown[]): any {
  const [url, scheme, allow] = splitArgs(args, ["url", "scheme", "allow_fragments"]);
  if (bytesArgs(url, scheme)) return encodedResult(true, urlparse(text(url, "url"), scheme === undefined ? "" : text(scheme, "scheme"), allow ?? true));
  const [s, netloc, path0, query, fragment] = split(text(url, "url"), scheme === undefined ? "" : text(scheme, "scheme"), allow === undefined || truthy(allow));
  let path = path0;
  let params = "";
  if (uses_params.includes(s) && path.includes(";")) {
    const i = path.includes("/") ? path.indexOf(";", path.lastIndexOf("/")) : path.indexOf(";");
    if (i >= 0) [path, params] = [path.slice(0, i), path.slice(i + 1)];
  }
  return new ParseResult(s, netloc, path, params, query, fragment);
}

function parts(components: unknown, n: number): string[] {
  const items = Array.from(components as Iterable<unknown>);
  if (items.length !== n) throw new ValueError(`not enough values to unpack (expected ${n}, got ${items.length})`);
  return items.map((x) => (isNone(x) ? "" : text(x, "component")));
}

function urlunsplit(components: unknown): any {
  const items = Array.from(components as Iterable<unknown>);
  if (items.length > 0 && bytesArgs(...items)) return asciiBytes(urlunsplit(items.map((x) => (isNone(x) ? "" : text(x, "component")))));
  const [scheme, netloc, path, query, fragment] = parts(components, 5) as [string, string, string, string, string];
  let url = path;
  if (netloc || (scheme && uses_netloc.includes(scheme) && !url.startsWith("//"))) {
    if (url && !url.startsWith("/")) url = "/" + url;
    url = "//" + netloc + url;
  }
  if (scheme) url = scheme + ":" + url;
  if (query) url += "?" + query;
  if (fragment) url += "#" + fragment;
  return url;
}

function urlunparse(components: unknown): any {
  const items = Array.from(components as Iterable<unknown>);
  if (items.length > 0 && bytesArgs(...items)) return asciiBytes(urlunparse(items.map((x) => (isNone(x) ? "" : text(x, "component")))));
  const [scheme, netloc, path, params, query, fragment] = parts(components, 6) as [string, string, string, string, string, string];
  return urlunsplit([scheme, netloc, params ? `${path};${params}` : path, query, fragment]);
}

function urljoin(...args: unknown[]): any {
  const [baseIn, urlIn, allowIn] = splitArgs(args, ["base", "url", "allow_fragments"]);
  if (bytesArgs(baseIn, urlIn)) return asciiBytes(urljoin(text(baseIn, "base"), text(urlIn, "url"), allowIn ?? true));
  const base = text(baseIn, "base");
  const url = text(urlIn, "url");
  const allow = allowIn === undefined || truthy(allowIn);
  if (!base) return url;
  if (!url) return base;
  const b = urlparse(base, "", allow);
  const [bscheme, bnetloc, bpath, bparams, bquery] = [0, 1, 2, 3, 4].map((i) => String(b.at(i)));
  const u = urlparse(url, bscheme, allow);
  let [scheme, netloc, path, params, query, fragment] = [0, 1, 2, 3, 4, 5].map((i) => String(u.at(i))) as [string, string, string, string, string, string];
  if (scheme !== bscheme || !uses_relative.includes(scheme)) return url;
  if (uses_netloc.includes(scheme)) {
    if (netloc) return urlunparse([scheme, netloc, path, params, query, fragment]);
    netloc = bnetloc!;
  }
  if (!path && !params) {
    path = bpath!;
    params = bparams!;
    if (!query) query = bquery!;
    return urlunparse([scheme, netloc, path, params, query, fragment]);
  }
  const baseParts = bpath!.split("/");
  if (baseParts[baseParts.length - 1] !== "") baseParts.pop();
  let segments: string[];
  if (path.startsWith("/")) segments = path.split("/");
  else {
    segments = [...baseParts, ...path.split("/")];
    segments = [segments[0]!, ...segments.slice(1, -1).filter((s) => s !== ""), ...(segments.length > 1 ? [segments[segments.length - 1]!] : [])];
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === "..") resolved.pop();
    else if (seg !== ".") resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === "." || last === "..") resolved.push("");
  return urlunparse([scheme, netloc, resolved.join("/") || "/", params, query, fragment]);
}

function urldefrag(url: unknown): any {
  if (bytesArgs(url)) return encodedResult(true, urldefrag(text(url, "url")));
  const u = text(url, "url");
  if (!u.includes("#")) return new DefragResult(u, "");
  const p = urlparse(u);
  const items = [0, 1, 2, 3, 4].map((i) => String(p.at(i)));
  return new DefragResult(urlunparse([...items, ""]), String(p.at(5)));
}

const ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";

function encodeText(s: unknown, encoding: unknown): Uint8Array {
  if (s instanceof Uint8Array) return s;
  if (typeof s !== "string") throw new PyTypeError(`quote() doesn't support '${typeName(s)}' objects`);
  if (!isNone(encoding) && encoding !== undefined && !/^utf-?8$/i.test(str(encoding))) {
    if (/^(latin-?1|iso-?8859-?1)$/i.test(str(encoding))) return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
  }
  return new TextEncoder().encode(s);
}

function quoteBytes(data: Uint8Array, safe: string): string {
  const ok = new Set(ALWAYS_SAFE + safe);
  let out = "";
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    const c = String.fromCharCode(b);
    out += b < 128 && ok.has(c) ? c : "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function safeText(safe: unknown): string {
  if (safe === undefined) return "/";
  if (safe instanceof Uint8Array) return new TextDecoder("latin1").decode(safe);
  return str(safe);
}

function quote(...args: unknown[]): string {
  const [s, safe, encoding] = splitArgs(args, ["string", "safe", "encoding", "errors"]);
  if (typeof s === "string" && s === "") return s;
  return quoteBytes(encodeText(s, encoding), safeText(safe));
}

function quote_plus(...args: unknown[]): string {
  const [s, safe, encoding] = splitArgs(args, ["string", "safe", "encoding", "errors"]);
  const safeStr = safe === undefined ? "" : safeText(safe);
  const hasSpace = typeof s === "string" ? s.includes(" ") : s instanceof Uint8Array && s.includes(32);
  if (!hasSpace) return quoteBytes(encodeText(s, encoding), safeStr);
  return quoteBytes(encodeText(s, encoding), safeStr + " ").replace(/ /g, "+");
}

function quote_from_bytes(...args: unknown[]): string {
  const [data, safe] = splitArgs(args, ["bs", "safe"]);
  if (!(data instanceof Uint8Array)) throw new PyTypeError("quote_from_bytes() expected bytes");
  return quoteBytes(data, safeText(safe));
}

function percentDecode(s: string): Uint8Array {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; ) {
    if (s[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
    }
  }
  return Uint8Array.from(bytes);
}

function unquote(...args: unknown[]): string {
  const [s] = splitArgs(args, ["string", "encoding", "errors"]);
  if (s instanceof Uint8Array) return new TextDecoder().decode(percentDecode(new TextDecoder("latin1").decode(s)));
  const t = text(s, "string");
  if (!t.includes("%")) return t;
  return new TextDecoder().decode(percentDecode(t));
}

function unquote_plus(...args: unknown[]): string {
  const [s, encoding, errors] = splitArgs(args, ["string", "encoding", "errors"]);
  return unquote(text(s, "string").replace(/\+/g, " "), encoding, errors);
}

function unquote_to_bytes(s: unknown): Bytes {
  const t = s instanceof Uint8Array ? new TextDecoder("latin1").decode(s) : text(s, "string");
  return Bytes.fromArray(percentDecode(t));
}

function urlencode(...args: unknown[]): string {
  const [query, doseq, safe, encoding, errors, quoteVia] = splitArgs(args, ["query", "doseq", "safe", "encoding", "errors", "quote_via"]);
  const via = quoteVia ?? quote_plus;
  const q = (x: unknown): string => {
    const v = x instanceof Uint8Array || typeof x === "string" ? x : str(x);
    return String(callValue(via, v, safe ?? "", ...(typeof v === "string" ? [encoding ?? null, errors ?? null] : [])));
  };
  let pairs: unknown[][];
  if (query instanceof Dict) pairs = Array.from(query.entries(), ([k, v]) => [k, v]);
  else if (query !== null && typeof query === "object" && "items" in query && typeof (query as { items: unknown }).items === "function") {
    pairs = Array.from((query as { items(): Iterable<unknown> }).items(), (t) => Array.from(t as Iterable<unknown>));
  } else {
    try {
      pairs = Array.from(query as Iterable<unknown>, (t) => Array.from(t as Iterable<unknown>));
    } catch {
      throw new PyTypeError("not a valid non-string sequence or mapping object");
    }
  }
  const out: string[] = [];
  for (const [k, v] of pairs) {
    if (!truthy(doseq ?? false) || typeof v === "string" || v instanceof Uint8Array) out.push(`${q(k)}=${q(v)}`);
    else {
      let items: unknown[] | null = null;
      try {
        items = Array.from(v as Iterable<unknown>);
      } catch {
        items = null;
      }
      if (items === null) out.push(`${q(k)}=${q(v)}`);
      else for (const item of items) out.push(`${q(k)}=${q(item)}`);
    }
  }
  return out.join("&");
}

function parseQsl(args: unknown[], name: string): [string, string][] {
  const [qsIn, keepIn, strictIn, , , maxIn, sepIn] = splitArgs(args, ["qs", "keep_blank_values", "strict_parsing", "encoding", "errors", "max_num_fields", "separator"]);
  if (isNone(qsIn) || qsIn === "") return [];
  const qs = text(qsIn, name);
  const keep = truthy(keepIn ?? false);
  const strict = truthy(strictIn ?? false);
  const separator = sepIn === undefined ? "&" : sepIn instanceof Uint8Array ? asciiText(sepIn) : str(sepIn);
  if (!separator || separator.length === 0) throw new ValueError("Separator must be of type string or bytes.");
  const fields = qs.split(separator);
  if (!isNone(maxIn) && maxIn !== undefined && BigInt(fields.length) > BigInt(maxIn as bigint)) throw new ValueError("Max number of fields exceeded");
  const r: [string, string][] = [];
  for (const field of fields) {
    if (!field && !strict) continue;
    const nv = field.split("=");
    const pair = nv.length > 1 ? [nv[0]!, nv.slice(1).join("=")] : [nv[0]!];
    if (pair.length !== 2) {
      if (strict) throw new ValueError(`bad query field: ${repr(field)}`);
      if (keep) pair.push("");
      else continue;
    }
    if (pair[1]!.length > 0 || keep) r.push([unquote(pair[0]!.replace(/\+/g, " ")), unquote(pair[1]!.replace(/\+/g, " "))]);
  }
  return r;
}

/** parse_qs/parse_qsl given bytes: the names and values as bytes. */
function qsBytes(args: unknown[]): boolean {
  // (the separator is coerced on its own, as in CPython)
  const [qs] = splitArgs(args, ["qs", "keep_blank_values", "strict_parsing", "encoding", "errors", "max_num_fields", "separator"]);
  return bytesArgs(qs);
}

function parse_qsl(...args: unknown[]): any[] {
  const bytes = qsBytes(args);
  return parseQsl(args, "qs").map(([k, v]) => Tuple.of(encodedResult(bytes, k), encodedResult(bytes, v)));
}

function parse_qs(...args: unknown[]): Dict<string, string[]> {
  if (qsBytes(args)) {
    const out = new Dict<unknown, unknown[]>();
    for (const pair of parse_qsl(...args)) {
      const [k, v] = [pair.at(0), pair.at(1)];
      const list = out.get(k);
      if (list === undefined) out.set(k, [v]);
      else list.push(v);
    }
    return out as never;
  }
  const out = new Dict<string, string[]>();
  for (const [k, v] of parseQsl(args, "qs")) {
    const list = out.get(k);
    if (list === undefined) out.table.set(k, [v]);
    else list.push(v);
  }
  return out;
}

export const urllibParseModule = moduleObject("urllib.parse", {
  urlparse,
  urlsplit,
  urlunparse,
  urlunsplit,
  urljoin,
  urldefrag,
  quote,
  quote_plus,
  quote_from_bytes,
  unquote,
  unquote_plus,
  unquote_to_bytes,
  urlencode,
  parse_qs,
  parse_qsl,
  SplitResult,
  ParseResult,
  DefragResult,
  ResultBase,
  SplitResultBytes,
  ParseResultBytes,
  DefragResultBytes,
  uses_relative,
  uses_netloc,
  uses_params,
  scheme_chars: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.",
  non_hierarchical: ["gopher", "hdl", "mailto", "news", "telnet", "wais", "imap", "snews", "sip", "sips"],
  uses_query: ["", "http", "wais", "imap", "https", "shttp", "mms", "gopher", "rtsp", "rtsps", "rtspu", "sip", "sips"],
  uses_fragment: ["", "ftp", "hdl", "http", "gopher", "news", "nntp", "wais", "https", "shttp", "snews", "file", "prospero"],
  unwrap: unwrapUrl,
  // (pyts keeps no cache of split results: nothing to clear)
  clear_cache: (): null => null,
  ...deprecatedSplitters,
});
