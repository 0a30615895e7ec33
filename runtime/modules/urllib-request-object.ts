// `urllib.request.Request` as CPython 3.11 has it: the URL parsed into type, host and
// selector (reparsed when `full_url` is assigned), two header dicts (`headers`, which
// redirects carry over, and `unredirected_hdrs`), `data` and the proxy bookkeeping that
// ProxyHandler and the HTTP handlers read. Fields are plain attributes a subclass may override.

import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { PyTypeError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { isNone } from "./callable-class.js";
import { callMethod } from "../values/methods.js";
import { URLError } from "./urllib-errors.js";
import { unquoteText, unwrapUrl, splitHost, splitTag, splitType } from "./urllib-split.js";

/** `str.capitalize()`: urllib keys its header dicts this way ("content-type" -> "Content-type"). */
export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

/** The (key, value) pairs of a mapping argument (a dict, or an object with `items()`). */
export function mappingItems(mapping: unknown): [unknown, unknown][] {
  if (isNone(mapping)) return [];
  if (mapping instanceof Dict) return Array.from(mapping as Dict<unknown, unknown>, (k) => [k, mapping.get(k)]);
  const items = callMethod(mapping, "items") as Iterable<unknown>;
  return Array.from(items, (pair) => {
    const [k, v] = pair as Iterable<unknown>;
    return [k, v];
  });
}

export class Request {
  static pythonName = "Request";
  static __module__ = "urllib.request";
  // (declared, not defined: a subclass's class attribute of the same name must show through)
  declare _full_url: string;
  declare fragment: string | null;
  declare type: string;
  declare host: string | null;
  declare selector: string;
  declare headers: Dict<string, unknown>;
  declare unredirected_hdrs: Dict<string, unknown>;
  declare _data: unknown;
  declare _tunnel_host: string | null;
  declare origin_req_host: unknown;
  declare unverifiable: unknown;
  declare timeout: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const url = pos[0] ?? kws["url"];
    const data = pos.length > 1 ? pos[1] : kws["data"];
    const headers = pos.length > 2 ? pos[2] : kws["headers"];
    const originReqHost = pos.length > 3 ? pos[3] : kws["origin_req_host"];
    const unverifiable = pos.length > 4 ? pos[4] : kws["unverifiable"] ?? false;
    const method = pos.length > 5 ? pos[5] : kws["method"];
    this.full_url = url;
    this.headers = new Dict();
    this.unredirected_hdrs = new Dict();
    this._data = null;
    this.data = isNone(data) ? null : data;
    this._tunnel_host = null;
    for (const [k, v] of mappingItems(headers)) this.add_header(k, v);
    this.origin_req_host = isNone(originReqHost) ? requestHost(this) : originReqHost;
    this.unverifiable = unverifiable;
    if (!isNone(method) && method !== "") this["method"] = method;
  }

  get full_url(): string {
    return this.fragment ? `${this._full_url}#${this.fragment}` : this._full_url;
  }
  set full_url(url: unknown) {
    if (typeof url !== "string") throw new PyTypeError(`expected string or bytes-like object, got '${typeName(url)}'`);
    const [base, fragment] = splitTag(unwrapUrl(url));
    this._full_url = base;
    this.fragment = fragment;
    this._parse();
  }

  get data(): unknown {
    return this._data;
  }
  set data(data: unknown) {
    if (data !== this._data) {
      this._data = data;
      if (this.has_header("Content-length")) this.remove_header("Content-length");
    }
  }

  _parse(): void {
    const [type, rest] = splitType(this._full_url);
    if (type === null) throw new ValueError(`unknown url type: ${repr(this.full_url)}`);
    this.type = type;
    const [host, selector] = splitHost(rest);
    this.host = host ? unquoteText(host) : host;
    this.selector = selector;
  }

  get_method(): string {
    const method = this["method"];
    if (method !== undefined) return method as string;
    return isNone(this.data) ? "GET" : "POST";
  }
  get_full_url(): string {
    return this.full_url;
  }
  set_proxy(host: unknown, type: unknown): null {
    if (this.type === "https" && !this._tunnel_host) this._tunnel_host = this.host;
    else {
      this.type = str(type);
      this.selector = this.full_url;
      this.host = str(host);
    }
    return null;
  }
  has_proxy(): boolean {
    return this.selector === this.full_url;
  }
  add_header(key: unknown, value: unknown): null {
    this.headers.set(capitalize(str(key)), value);
    return null;
  }
  add_unredirected_header(key: unknown, value: unknown): null {
    this.unredirected_hdrs.set(capitalize(str(key)), value);
    return null;
  }
  has_header(name: unknown): boolean {
    return this.headers.has(name as string) || this.unredirected_hdrs.has(name as string);
  }
  get_header(name: unknown, fallback: unknown = null): unknown {
    if (this.headers.has(name as string)) return this.headers.get(name as string);
    return this.unredirected_hdrs.has(name as string) ? this.unredirected_hdrs.get(name as string) : fallback;
  }
  remove_header(name: unknown): null {
    this.headers.delete(name as string);
    this.unredirected_hdrs.delete(name as string);
    return null;
  }
  header_items(): Tuple[] {
    const merged = new Dict<string, unknown>();
    for (const k of this.unredirected_hdrs) merged.set(k, this.unredirected_hdrs.get(k));
    for (const k of this.headers) merged.set(k, this.headers.get(k));
    return Array.from(merged, (k) => Tuple.of(k, merged.get(k)));
  }
}

/** `request_host(request)`: the request's host, lower-cased, without its port. */
export function requestHost(request: unknown): string {
  const url = str(callMethod(request, "get_full_url"));
  let host = splitHost(splitType(url)[1])[0] ?? "";
  if (host === "") host = str(callMethod(request, "get_header", "Host", ""));
  return host.replace(/:\d+$/, "").toLowerCase();
}

/** The body as bytes for the wire; str is refused as CPython refuses it. */
export function bodyBytes(data: unknown): Bytes {
  if (data instanceof Uint8Array) return Bytes.fromArray(data);
  if (typeof data === "string") {
    throw new PyTypeError("POST data should be bytes, an iterable of bytes, or a file object. It cannot be of type str.");
  }
  const parts: number[] = [];
  for (const chunk of data as Iterable<unknown>) {
    if (!(chunk instanceof Uint8Array)) throw new PyTypeError(`can't concat ${typeName(chunk)} to bytes`);
    parts.push(...chunk);
  }
  return Bytes.fromArray(Uint8Array.from(parts));
}

/** Python's `str.title()` for header names ("content-type" -> "Content-Type"). */
export function titleCase(name: string): string {
  return name.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

const METHODS_EXPECTING_BODY = new Set(["PATCH", "POST", "PUT"]);

/** http.client's Content-Length for the request's body (None: sent chunked). */
export function contentLength(request: Request): bigint | null {
  const data = request.data;
  if (isNone(data)) return METHODS_EXPECTING_BODY.has(str(callMethod(request, "get_method")).toUpperCase()) ? 0n : null;
  if (data instanceof Uint8Array) return BigInt(data.length);
  return null;
}

/** AbstractHTTPHandler.do_request_: body headers, Host and the opener's `addheaders`, unredirected. */
export function prepareRequest<R extends Request>(request: R, addheaders: unknown): R {
  const host = request.host;
  if (!host) throw new URLError("no host given");
  if (!isNone(request.data)) {
    if (typeof request.data === "string") bodyBytes(request.data);
    if (!request.has_header("Content-type")) request.add_unredirected_header("Content-type", "application/x-www-form-urlencoded");
    if (!request.has_header("Content-length") && !request.has_header("Transfer-encoding")) {
      const length = contentLength(request);
      if (!isNone(length)) request.add_unredirected_header("Content-length", str(length));
      else request.add_unredirected_header("Transfer-encoding", "chunked");
    }
  }
  let selHost = host;
  if (request.has_proxy()) selHost = splitHost(splitType(request.selector)[1])[0] ?? "";
  if (!request.has_header("Host")) request.add_unredirected_header("Host", selHost);
  for (const pair of addheaders as Iterable<unknown>) {
    const [name, value] = pair as Iterable<unknown>;
    const key = capitalize(str(name));
    if (!request.has_header(key)) request.add_unredirected_header(key, value);
  }
  return request;
}

/** AbstractHTTPHandler.do_open's headers: unredirected first, then the others, `Connection: close`, title-cased. */
export function sentHeaders(req: Request): Dict<string, unknown> {
  const merged = new Dict<string, unknown>();
  for (const k of req.unredirected_hdrs) merged.set(k, req.unredirected_hdrs.get(k));
  for (const k of req.headers) if (!merged.has(k)) merged.set(k, req.headers.get(k));
  merged.set("Connection", "close");
  const headers = new Dict<string, unknown>();
  for (const k of merged) headers.set(titleCase(k), merged.get(k));
  return headers;
}
