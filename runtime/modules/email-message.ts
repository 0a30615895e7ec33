// email.message.Message as CPython's compat32 policy gives it (what http.client.HTTPMessage
// inherits): headers kept as (name, value) pairs in their order, looked up without regard to
// case; Content-Type and other parameterised headers read and rewritten; the payload (text,
// or a list of sub-messages), its charset and transfer encoding; as_string/as_bytes/walk.

import { Bytes } from "../values/bytes.js";
import { Exception, KeyError, PyTypeError, ValueError } from "../values/exceptions.js";
import { acceptNamesOn, splitKw } from "../values/kwargs.js";
import { PyIterator } from "../values/iteration.js";
import { str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { typeName } from "../values/typename.js";
import { truthy } from "../values/truth.js";
import { isNone } from "./callable-class.js";
import { bodyCharset, decodeBody, encodeBody } from "./email-body.js";
import { collapseValue, decodeParams, formatParam, parseParams, splitParam, unquoteValue, type ParamValue } from "./email-params.js";

/** `email.errors.HeaderParseError` (set_boundary without a Content-Type header). */
export class HeaderParseError extends Exception {
  static readonly __module__ = "email.errors";
}

/** A lookup's "not there" (CPython's `missing = object()`), never a Python value. */
const MISSING = Symbol("missing");

export class EmailMessage implements Iterable<string> {
  /** The (name, value) header pairs in order. */
  _headers: [string, string][];
  _payload: unknown = null;
  _unixfrom: unknown = null;
  /** The output charset name set_charset gave the body (CPython keeps a Charset of it). */
  _charset: string | null = null;
  _default_type = "text/plain";
  preamble: unknown = null;
  epilogue: unknown = null;
  /** What parsing found wrong (a built message has none). */
  defects: unknown[] = [];

  constructor(pairs: [string, string][] = []) {
    this._headers = pairs;
  }

  private find(name: unknown): string | undefined {
    if (typeof name !== "string") return undefined;
    const lower = name.toLowerCase();
    return this._headers.find(([n]) => n.toLowerCase() === lower)?.[1];
  }

  // --- headers, as a mapping with repeated names ---
  get(name: unknown, failobj: unknown = null): any {
    return this.find(name) ?? failobj;
  }
  get_all(name: unknown, failobj: unknown = null): any {
    const lower = str(name).toLowerCase();
    const all = this._headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    return all.length > 0 ? all : failobj;
  }
  __getitem__(name: unknown): any {
    return this.get(name);
  }
  /** Adds a header (another of the same name stays). */
  __setitem__(name: unknown, value: unknown): null {
    this._headers.push([str(name), str(value)]);
    return null;
  }
  /** Removes every header of that name (none is no error). */
  __delitem__(name: unknown): null {
    const lower = str(name).toLowerCase();
    this._headers = this._headers.filter(([n]) => n.toLowerCase() !== lower);
    return null;
  }
  __contains__(name: unknown): boolean {
    return this.find(name) !== undefined;
  }
  __len__(): bigint {
    return BigInt(this._headers.length);
  }
  keys(): string[] {
    return this._headers.map(([n]) => n);
  }
  values(): string[] {
    return this._headers.map(([, v]) => v);
  }
  items(): Tuple<string>[] {
    return this._headers.map(([n, v]) => Tuple.of(n, v));
  }
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }
  __iter__(): Iterator<string> {
    return this[Symbol.iterator]();
  }
  set_raw(name: unknown, value: unknown): null {
    this._headers.push([str(name), str(value)]);
    return null;
  }
  raw_items(): PyIterator<Tuple<string>> {
    return new PyIterator(this.items()[Symbol.iterator]());
  }
  /** `add_header(name, value, **params)`: `value; key="v"; flag` (underscores in keys as dashes). */
  add_header(...args: unknown[]): null {
    const [[name, value], params] = splitKw(args);
    const parts = Object.entries(params).map(([k, v]) => (isNone(v) ? k.replace(/_/g, "-") : formatParam(k.replace(/_/g, "-"), v as ParamValue)));
    if (!isNone(value)) parts.unshift(str(value));
    return this.__setitem__(name, parts.join("; "));
  }
  /** The first header of that name given a new value in its place; KeyError without one. */
  replace_header(name: unknown, value: unknown): null {
    const lower = str(name).toLowerCase();
    const at = this._headers.findIndex(([n]) => n.toLowerCase() === lower);
    if (at < 0) throw new KeyError(lower);
    this._headers[at] = [this._headers[at]![0], str(value)];
    return null;
  }

  // --- content type and parameters ---
  get_content_type(): string {
    const value = this.find("content-type");
    if (value === undefined) return this._default_type;
    const ctype = splitParam(value)[0].toLowerCase();
    return ctype.split("/").length === 2 ? ctype : "text/plain";
  }
  get_content_maintype(): string {
    return this.get_content_type().split("/")[0]!;
  }
  get_content_subtype(): string {
    return this.get_content_type().split("/")[1]!;
  }
  get_default_type(): string {
    return this._default_type;
  }
  set_default_type(ctype: unknown): null {
    this._default_type = ctype as string;
    return null;
  }
  _get_params_preserve(failobj: unknown, header: unknown): any {
    const value = this.find(header);
    if (value === undefined) return failobj;
    const pairs = parseParams(value).map((p): [string, string] => {
      const eq = p.indexOf("=");
      return eq < 0 ? [p.trim(), ""] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
    });
    return decodeParams(pairs).map(([k, v]) => Tuple.of(k, v));
  }
  private paramPairs(header: unknown, unquote: boolean): [string, ParamValue][] | undefined {
    const found = this._get_params_preserve(MISSING, header) as Tuple<unknown>[] | typeof MISSING;
    if (found === MISSING) return undefined;
    return found.map((t) => [t.items[0] as string, unquote ? unquoteValue(t.items[1] as ParamValue) : (t.items[1] as ParamValue)]);
  }
  get_params(failobj: unknown = null, header: unknown = "content-type", unquote: unknown = true): any {
    const pairs = this.paramPairs(header, truthy(unquote));
    return pairs === undefined ? failobj : pairs.map(([k, v]) => Tuple.of(k, v));
  }
  get_param(param: unknown, failobj: unknown = null, header: unknown = "content-type", unquote: unknown = true): any {
    if (!this.__contains__(header)) return failobj;
    const wanted = str(param).toLowerCase();
    const found = this.paramPairs(header, truthy(unquote))!.find(([k]) => k.toLowerCase() === wanted);
    return found === undefined ? failobj : found[1];
  }
  set_param(param: unknown, value: unknown, header: unknown = "Content-Type", requote: unknown = true, charset: unknown = null, language: unknown = "", replace: unknown = false): null {
    const name = str(param);
    const quote = truthy(requote);
    let newValue = value as ParamValue;
    if (!(value instanceof Tuple) && truthy(charset)) newValue = Tuple.of(charset, language, value);
    let ctype: string | null = !this.__contains__(header) && str(header).toLowerCase() === "content-type" ? "text/plain" : (this.get(header) as string | null);
    if (!truthy(this.get_param(name, null, header))) {
      const formatted = formatParam(name, newValue, quote);
      ctype = ctype ? `${ctype}; ${formatted}` : formatted;
    } else {
      const parts = this.paramPairs(header, quote)!.map(([k, v]) => formatParam(k.toLowerCase() === name.toLowerCase() ? name : k, k.toLowerCase() === name.toLowerCase() ? newValue : v, quote));
      ctype = parts.join("; ");
    }
    if (ctype !== this.get(header)) {
      if (truthy(replace)) this.replace_header(header, ctype);
      else {
        this.__delitem__(header);
        this.__setitem__(header, ctype);
      }
    }
    return null;
  }
  del_param(param: unknown, header: unknown = "content-type", requote: unknown = true): null {
    if (!this.__contains__(header)) return null;
    const wanted = str(param).toLowerCase();
    const quote = truthy(requote);
    const kept = this.paramPairs(header, quote)!.filter(([k]) => k.toLowerCase() !== wanted);
    const value = kept.map(([k, v]) => formatParam(k, v, quote)).join("; ");
    if (value !== this.get(header)) {
      this.__delitem__(header);
      this.__setitem__(header, value);
    }
    return null;
  }
  /** `set_type("text/html")`: the header's type replaced, its parameters kept (and MIME-Version set). */
  set_type(type: unknown, header: unknown = "Content-Type", requote: unknown = true): null {
    const text = str(type);
    if (text.split("/").length !== 2) throw new ValueError();
    if (str(header).toLowerCase() === "content-type") {
      this.__delitem__("mime-version");
      this.__setitem__("MIME-Version", "1.0");
    }
    if (!this.__contains__(header)) return this.__setitem__(header, text);
    const params = this.paramPairs(header, truthy(requote))!;
    this.__delitem__(header);
    this.__setitem__(header, text);
    for (const [k, v] of params.slice(1)) this.set_param(k, v, header, requote);
    return null;
  }
  get_filename(failobj: unknown = null): any {
    let filename = this.get_param("filename", MISSING, "content-disposition");
    if (filename === MISSING) filename = this.get_param("name", MISSING, "content-type");
    return filename === MISSING ? failobj : collapseValue(filename as ParamValue).trim();
  }
  get_boundary(failobj: unknown = null): any {
    const boundary = this.get_param("boundary", MISSING);
    return boundary === MISSING ? failobj : collapseValue(boundary as ParamValue).trimEnd();
  }
  /** The boundary parameter set in place (the header keeps its position). */
  set_boundary(boundary: unknown): null {
    const params = this._get_params_preserve(MISSING, "content-type") as Tuple<unknown>[] | typeof MISSING;
    if (params === MISSING) throw new HeaderParseError("No Content-Type header found");
    const pairs: [string, unknown][] = params.map((t) => [t.items[0] as string, t.items[1]]);
    const quoted = `"${str(boundary)}"`;
    const at = pairs.findIndex(([k]) => k.toLowerCase() === "boundary");
    if (at >= 0) pairs[at] = ["boundary", quoted];
    else pairs.push(["boundary", quoted]);
    const value = pairs.map(([k, v]) => (v === "" ? k : `${k}=${str(v)}`)).join("; ");
    this._headers = this._headers.map(([h, v]) => (h.toLowerCase() === "content-type" ? [h, value] : [h, v]));
    return null;
  }
  get_content_charset(failobj: unknown = null): any {
    const found = this.get_param("charset", MISSING);
    if (found === MISSING) return failobj;
    const charset = found instanceof Tuple ? collapseValue(found) : str(found);
    return /^[\x00-\x7f]*$/.test(charset) ? charset.toLowerCase() : failobj;
  }
  get_charsets(failobj: unknown = null): unknown[] {
    return [...this.parts()].map((part) => (part instanceof EmailMessage ? part.get_content_charset(failobj) : failobj));
  }
  get_content_disposition(): string | null {
    const value = this.find("content-disposition");
    return value === undefined ? null : splitParam(value)[0].toLowerCase();
  }

  // --- the payload ---
  is_multipart(): boolean {
    return Array.isArray(this._payload);
  }
  set_unixfrom(unixfrom: unknown): null {
    this._unixfrom = unixfrom;
    return null;
  }
  get_unixfrom(): unknown {
    return this._unixfrom;
  }
  attach(payload: unknown): null {
    if (isNone(this._payload)) this._payload = [payload];
    else if (Array.isArray(this._payload)) this._payload.push(payload);
    else throw new PyTypeError("Attach is not valid on a message with a non-multipart payload");
    return null;
  }
  get_payload(i: unknown = null, decode: unknown = false): any {
    if (Array.isArray(this._payload)) {
      if (truthy(decode)) return null;
      if (isNone(i)) return this._payload;
      const index = Number(i);
      return this._payload[index < 0 ? this._payload.length + index : index];
    }
    if (!isNone(i)) throw new PyTypeError(`Expected list, got <class '${typeName(this._payload)}'>`);
    if (!truthy(decode)) return this._payload;
    if (typeof this._payload !== "string") return this._payload;
    const cte = str(this.get("content-transfer-encoding", "")).toLowerCase();
    return decodeBody(this._payload, cte);
  }
  set_payload(payload: unknown, charset: unknown = null): null {
    this._payload = payload instanceof Uint8Array ? Array.from({ length: payload.length }, (_, i) => String.fromCharCode(payload[i]!)).join("") : payload;
    if (!isNone(charset)) this.set_charset(charset);
    return null;
  }
  /** The charset named in Content-Type (added with MIME-Version) and the body encoded for it. */
  set_charset(charset: unknown): null {
    if (isNone(charset)) {
      this.del_param("charset");
      this._charset = null;
      return null;
    }
    const body = bodyCharset(str(charset));
    this._charset = body.output;
    if (!this.__contains__("MIME-Version")) this.add_header("MIME-Version", "1.0");
    if (!this.__contains__("Content-Type")) this.__setitem__("Content-Type", `text/plain; ${formatParam("charset", body.output)}`);
    else this.set_param("charset", body.output);
    if (!this.__contains__("Content-Transfer-Encoding")) {
      const [encoded, cte] = encodeBody(this._payload as string | null, body);
      this._payload = encoded;
      this.add_header("Content-Transfer-Encoding", cte);
    }
    return null;
  }
  get_charset(): string | null {
    return this._charset;
  }
  /** This message, then its sub-messages depth first. */
  private *parts(): Generator<unknown> {
    yield this;
    if (Array.isArray(this._payload)) for (const part of this._payload) yield* part instanceof EmailMessage ? part.parts() : [part];
  }
  walk(): PyIterator<unknown> {
    return new PyIterator(this.parts());
  }

  // --- as text ---
  as_string(unixfrom: unknown = false, _maxheaderlen: unknown = 0, _policy: unknown = null): string {
    // (the body first: a multipart one without a boundary gets one in its Content-Type)
    const body = typeof this._payload === "string" ? this._payload : Array.isArray(this._payload) ? this.multipartBody() : "";
    const from = truthy(unixfrom) && !isNone(this._unixfrom) ? `${str(this._unixfrom)}\n` : "";
    return from + this._headers.map(([n, v]) => `${n}: ${v}\n`).join("") + "\n" + body;
  }
  /** The parts between boundary lines, as email.generator writes a multipart body (a random boundary set where none is). */
  private multipartBody(): string {
    let boundary = this.get_boundary() as string | null;
    if (boundary === null) {
      boundary = "=".repeat(15) + String(Math.floor(Math.random() * 1e15)).padStart(19, "0") + "==";
      this.set_boundary(boundary);
    }
    let out = isNone(this.preamble) ? "" : `${str(this.preamble)}\n`;
    const texts = (this._payload as unknown[]).map((part) => (part instanceof EmailMessage ? part.as_string() : str(part)));
    out += `--${boundary}\n` + texts.join(`\n--${boundary}\n`) + `\n--${boundary}--\n`;
    return out + (isNone(this.epilogue) ? "" : str(this.epilogue));
  }
  as_bytes(unixfrom: unknown = false, _policy: unknown = null): Bytes {
    return Bytes.fromArray(new TextEncoder().encode(this.as_string(unixfrom)));
  }
  __bytes__(): Bytes {
    return this.as_bytes();
  }
  __str__(): string {
    return this.as_string();
  }
}

acceptNamesOn(EmailMessage.prototype, {
  get: ["name", "failobj"],
  get_all: ["name", "failobj"],
  get_params: ["failobj", "header", "unquote"],
  get_param: ["param", "failobj", "header", "unquote"],
  set_param: ["param", "value", "header", "requote", "charset", "language", "replace"],
  del_param: ["param", "header", "requote"],
  set_type: ["type", "header", "requote"],
  get_filename: ["failobj"],
  get_boundary: ["failobj"],
  get_content_charset: ["failobj"],
  get_charsets: ["failobj"],
  get_payload: ["i", "decode"],
  set_payload: ["payload", "charset"],
  as_string: ["unixfrom", "maxheaderlen", "policy"],
  as_bytes: ["unixfrom", "policy"],
});
