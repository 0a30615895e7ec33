// urllib.request's HTTPCookieProcessor and the cookie jar it keeps by default (the part of
// http.cookiejar.CookieJar's default policy that course code meets): Set-Cookie headers of
// responses are stored per domain and path, and sent back in a Cookie header to matching
// requests, longest paths first, as CPython's jar does.

import { Dict } from "../values/dict.js";
import { callMethod } from "../values/methods.js";
import { str } from "../values/repr.js";
import { isNone } from "./callable-class.js";
import { BaseHandler } from "./urllib-opener.js";
import { requestHost } from "./urllib-request-object.js";
import { splitHost, splitType } from "./urllib-split.js";

/** One stored cookie (http.cookiejar.Cookie's main attributes). */
/** Set-Cookie attributes a Cookie keeps in fields of its own (the others are nonstandard). */
const STANDARD_ATTRIBUTES = new Set(["domain", "path", "secure", "max-age", "expires", "version", "port", "comment", "commenturl", "discard"]);

export class Cookie {
  static pythonName = "Cookie";
  static __module__ = "http.cookiejar";
  constructor(
    readonly name: string,
    readonly value: string | null,
    readonly domain: string,
    readonly path: string,
    readonly secure: boolean,
    readonly expires: bigint | null,
    /** The cookie's other attributes (`HttpOnly`, `SameSite=Lax`): name to value, None without one. */
    readonly _rest: Dict = new Dict(),
  ) {}
  has_nonstandard_attr(name: unknown): boolean {
    return this._rest.has(name);
  }
  get_nonstandard_attr(name: unknown, fallback: unknown = null): unknown {
    return this._rest.has(name) ? this._rest.get(name) : fallback;
  }
  set_nonstandard_attr(name: unknown, value: unknown): null {
    this._rest.set(name, value);
    return null;
  }
  is_expired(now: unknown = null): boolean {
    const at = isNone(now) ? Math.floor(Date.now() / 1000) : Number(now);
    return this.expires !== null && Number(this.expires) <= at;
  }
  __repr__(): string {
    return `Cookie(name='${this.name}', value='${this.value}', domain='${this.domain}', path='${this.path}')`;
  }
  __str__(): string {
    const namevalue = this.value === null ? this.name : `${this.name}=${this.value}`;
    return `<Cookie ${namevalue} for ${this.domain}${this.path}>`;
  }
}

/** The request's effective host name: a name without a dot gets ".local", as cookiejar's does. */
function effectiveHost(request: unknown): string {
  const host = requestHost(request);
  return host.includes(".") || /^\[/.test(host) ? host : `${host}.local`;
}

function requestPath(request: unknown): string {
  const url = str(callMethod(request, "get_full_url"));
  const path = splitHost(splitType(url)[1])[1].replace(/[?#].*$/, "");
  return path === "" ? "/" : path;
}

export class CookieJar {
  static pythonName = "CookieJar";
  static __module__ = "http.cookiejar";
  private readonly cookies = new Map<string, Cookie>();

  /** Stores the cookies the response sets (and drops those it expires). */
  extract_cookies(response: unknown, request: unknown): null {
    for (const cookie of this.make_cookies(response, request)) this.set_cookie(cookie);
    return null;
  }

  /** `set_cookie(cookie)`: stores it (an expired one removes its namesake). */
  set_cookie(cookie: Cookie): null {
    const key = `${cookie.domain};${cookie.path};${cookie.name}`;
    if (cookie.is_expired()) this.cookies.delete(key);
    else this.cookies.set(key, cookie);
    return null;
  }

  /** `clear_expired_cookies()`: drops the cookies whose time has passed. */
  clear_expired_cookies(): null {
    for (const [key, cookie] of this.cookies) if (cookie.is_expired()) this.cookies.delete(key);
    return null;
  }

  /** `make_cookies(response, request)`: the Cookies the response's Set-Cookie headers make (none stored). */
  make_cookies(response: unknown, request: unknown): Cookie[] {
    const made: Cookie[] = [];
    const headers = callMethod(response, "info");
    const lines = (callMethod(headers, "get_all", "Set-Cookie", []) ?? []) as string[];
    const host = effectiveHost(request);
    const path = requestPath(request);
    const defaultPath = path.lastIndexOf("/") > 0 ? path.slice(0, path.lastIndexOf("/")) : "/";
    for (const line of lines) {
      const [pair, ...attributes] = str(line).split(";").map((part) => part.trim());
      const eq = pair!.indexOf("=");
      const name = eq < 0 ? pair! : pair!.slice(0, eq).trim();
      const value = eq < 0 ? null : pair!.slice(eq + 1).trim();
      let domain = host;
      let cookiePath = defaultPath;
      let secure = false;
      let expires: bigint | null = null;
      const rest = new Dict();
      for (const attribute of attributes) {
        const at = attribute.indexOf("=");
        const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
        const val = at < 0 ? "" : attribute.slice(at + 1).trim();
        if (key === "domain" && val) domain = val.startsWith(".") ? val.toLowerCase() : `.${val.toLowerCase()}`;
        else if (key === "path" && val) cookiePath = val;
        else if (key === "secure") secure = true;
        else if (key === "max-age" && /^-?\d+$/.test(val)) expires = BigInt(Math.floor(Date.now() / 1000) + Number(val));
        else if (key === "expires" && expires === null && !Number.isNaN(Date.parse(val))) expires = BigInt(Math.floor(Date.parse(val) / 1000));
        else if (!STANDARD_ATTRIBUTES.has(key) && key !== "" && !rest.has(attribute.slice(0, at < 0 ? undefined : at).trim())) rest.set(attribute.slice(0, at < 0 ? undefined : at).trim(), at < 0 ? null : val);
      }
      const cookie = new Cookie(name, value, domain, cookiePath, secure, expires, rest);
      // (an expiry in the past asks to delete the cookie: it is made into none)
      if (cookie.is_expired()) this.cookies.delete(`${domain};${cookiePath};${name}`);
      else made.push(cookie);
    }
    return made;
  }

  /** Adds the Cookie header of the cookies that match the request. */
  add_cookie_header(request: unknown): null {
    const host = effectiveHost(request);
    const path = requestPath(request);
    const https = str(callMethod(request, "get_full_url")).toLowerCase().startsWith("https:");
    const matching = [...this.cookies.values()]
      .filter((c) => !c.is_expired() && (!c.secure || https))
      .filter((c) => (c.domain.startsWith(".") ? `.${host}`.endsWith(c.domain) : host === c.domain))
      .filter((c) => path.startsWith(c.path))
      .sort((a, b) => b.path.length - a.path.length);
    const attrs = matching.map((c) => (c.value === null ? c.name : `${c.name}=${c.value}`));
    if (attrs.length > 0 && !callMethod(request, "has_header", "Cookie")) {
      callMethod(request, "add_unredirected_header", "Cookie", attrs.join("; "));
    }
    return null;
  }

  clear(domain: unknown = null, path: unknown = null, name: unknown = null): null {
    for (const [key, cookie] of this.cookies) {
      if ((isNone(domain) || cookie.domain === domain) && (isNone(path) || cookie.path === path) && (isNone(name) || cookie.name === name)) this.cookies.delete(key);
    }
    return null;
  }
  clear_session_cookies(): null {
    for (const [key, cookie] of this.cookies) if (cookie.expires === null) this.cookies.delete(key);
    return null;
  }

  [Symbol.iterator](): Iterator<Cookie> {
    return [...this.cookies.values()].sort((a, b) => (a.domain + a.path + a.name < b.domain + b.path + b.name ? -1 : 1))[Symbol.iterator]();
  }
  __len__(): bigint {
    return BigInt(this.cookies.size);
  }
  __repr__(): string {
    return `<CookieJar[${[...this].map((c) => c.__str__()).join(", ")}]>`;
  }
}

export class HTTPCookieProcessor extends BaseHandler {
  static override pythonName = "HTTPCookieProcessor";
  declare cookiejar: unknown;
  constructor(cookiejar: unknown = null) {
    super();
    this.cookiejar = isNone(cookiejar) ? new CookieJar() : cookiejar;
  }
  http_request(request: unknown): unknown {
    callMethod(this.cookiejar, "add_cookie_header", request);
    return request;
  }
  http_response(request: unknown, response: unknown): unknown {
    callMethod(this.cookiejar, "extract_cookies", response, request);
    return response;
  }
  https_request(request: unknown): unknown {
    return this.http_request(request);
  }
  https_response(request: unknown, response: unknown): unknown {
    return this.http_response(request, response);
  }
}
