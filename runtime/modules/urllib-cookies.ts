// urllib.request's HTTPCookieProcessor and the cookie jar it keeps by default (the part of
// http.cookiejar.CookieJar's default policy that course code meets): Set-Cookie headers of
// responses are stored per domain and path, and sent back in a Cookie header to matching
// requests, longest paths first, as CPython's jar does.

import { Dict } from "../values/dict.js";
import { callMethod } from "../values/methods.js";
import { repr, str } from "../values/repr.js";
import { isNone } from "./callable-class.js";
import { compilePattern } from "./re.js";
import { declareLazyClassValues } from "../values/declared-attributes.js";
import { getattr, hasattr, setattr } from "../values/builtin-functions.js";
import { truthy } from "../values/truth.js";
import { BaseHandler } from "./urllib-opener.js";
import { requestHost } from "./urllib-request-object.js";
import { splitHost, splitType } from "./urllib-split.js";

/** One stored cookie (http.cookiejar.Cookie's main attributes). */
/** Set-Cookie attributes a Cookie keeps in fields of its own (the others are nonstandard). */
const STANDARD_ATTRIBUTES = new Set(["domain", "path", "secure", "max-age", "expires", "version", "port", "comment", "commenturl", "discard"]);

/** `http.cookiejar.Cookie(version, name, value, port, port_specified, domain, ...)`: CPython's attributes, in its order. */
export class Cookie {
  static pythonName = "Cookie";
  static __module__ = "http.cookiejar";
  readonly expires: bigint | null;
  /** The cookie's other attributes (`HttpOnly`, `SameSite=Lax`): name to value, None without one. */
  readonly _rest: Dict;
  constructor(
    readonly version: unknown,
    readonly name: string,
    readonly value: string | null,
    readonly port: unknown,
    readonly port_specified: unknown,
    readonly domain: string,
    readonly domain_specified: unknown,
    readonly domain_initial_dot: unknown,
    readonly path: string,
    readonly path_specified: unknown,
    readonly secure: boolean,
    expires: unknown,
    readonly discard: unknown,
    readonly comment: unknown,
    readonly comment_url: unknown,
    rest: unknown,
    readonly rfc2109: unknown = false,
  ) {
    this.expires = isNone(expires) ? null : BigInt(Math.trunc(Number(expires)));
    this._rest = rest instanceof Dict ? new Dict(rest.entries()) : new Dict();
  }
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
    const fields: [string, unknown][] = [
      ["version", this.version], ["name", this.name], ["value", this.value], ["port", this.port], ["port_specified", this.port_specified],
      ["domain", this.domain], ["domain_specified", this.domain_specified], ["domain_initial_dot", this.domain_initial_dot],
      ["path", this.path], ["path_specified", this.path_specified], ["secure", this.secure], ["expires", this.expires],
      ["discard", this.discard], ["comment", this.comment], ["comment_url", this.comment_url],
    ];
    return `Cookie(${fields.map(([k, v]) => `${k}=${repr(v)}`).join(", ")}, rest=${repr(this._rest)}, rfc2109=${repr(this.rfc2109)})`;
  }
  __str__(): string {
    const port = isNone(this.port) ? "" : `:${str(this.port)}`;
    const namevalue = this.value === null ? this.name : `${this.name}=${this.value}`;
    return `<Cookie ${namevalue} for ${this.domain}${port}${this.path}>`;
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

/** Whether a request to `host` may set a cookie for `domain` (pyts's default policy: the domains must match). */
function domainMatches(host: string, domain: string): boolean {
  const lowerHost = host.toLowerCase();
  const lowerDomain = domain.toLowerCase();
  return lowerDomain.startsWith(".") ? `.${lowerHost}`.endsWith(lowerDomain) : lowerHost === lowerDomain;
}

export class CookieJar {
  static pythonName = "CookieJar";
  static __module__ = "http.cookiejar";
  // (CPython's class attributes, compiled on first read: declared after the class)
  declare static non_word_re: unknown;
  declare static quote_re: unknown;
  declare static strict_domain_re: unknown;
  declare static domain_re: unknown;
  declare static dots_re: unknown;
  declare static magic_re: unknown;
  /** The cookies by domain, path and name (a JS-private field: no Python attribute). */
  readonly #cookies = new Map<string, Cookie>();
  /** The policy set_policy gave (None: pyts's default rules, which match CPython's DefaultCookiePolicy for ordinary cookies). */
  _policy: unknown;

  constructor(policy: unknown = null) {
    this._policy = policy;
  }

  /** `set_policy(policy)`: the object whose `set_ok`/`return_ok` decide what is stored and sent. */
  set_policy(policy: unknown): null {
    this._policy = policy;
    return null;
  }

  /** Whether the policy lets `request` set `cookie` (the policy's `_now` set first, as CPython's jar does). */
  private setOk(cookie: Cookie, request: unknown): boolean {
    if (isNone(this._policy)) return domainMatches(effectiveHost(request), cookie.domain);
    setattr(this._policy, "_now", BigInt(Math.floor(Date.now() / 1000)));
    return truthy(callMethod(this._policy, "set_ok", cookie, request));
  }

  /** Whether the policy lets `cookie` go back with `request`. */
  private returnOk(cookie: Cookie, request: unknown): boolean {
    if (isNone(this._policy)) return true;
    const policy = this._policy;
    if (hasattr(policy, "domain_return_ok") && !truthy(callMethod(policy, "domain_return_ok", cookie.domain, request))) return false;
    if (hasattr(policy, "path_return_ok") && !truthy(callMethod(policy, "path_return_ok", cookie.path, request))) return false;
    return truthy(callMethod(policy, "return_ok", cookie, request));
  }

  /** Stores the cookies the response sets that the policy accepts (and drops those it expires). */
  extract_cookies(response: unknown, request: unknown): null {
    for (const cookie of this.make_cookies(response, request)) if (this.setOk(cookie, request)) this.set_cookie(cookie);
    return null;
  }

  /** `set_cookie_if_ok(cookie, request)`: stores the cookie when the policy's `set_ok` allows it. */
  set_cookie_if_ok(cookie: unknown, request: unknown): null {
    if (this.setOk(cookie as Cookie, request)) this.set_cookie(cookie as Cookie);
    return null;
  }

  /** `set_cookie(cookie)`: stores it (an expired one removes its namesake). */
  set_cookie(cookie: Cookie): null {
    const key = `${cookie.domain};${cookie.path};${cookie.name}`;
    if (cookie.is_expired()) this.#cookies.delete(key);
    else this.#cookies.set(key, cookie);
    return null;
  }

  /** `clear_expired_cookies()`: drops the cookies whose time has passed. */
  clear_expired_cookies(): null {
    for (const [key, cookie] of this.#cookies) if (cookie.is_expired()) this.#cookies.delete(key);
    return null;
  }

  /** `make_cookies(response, request)`: the Cookies the response's Set-Cookie headers make (none stored). */
  make_cookies(response: unknown, request: unknown): Cookie[] {
    const made: Cookie[] = [];
    // (a policy object whose `netscape` is false takes no Set-Cookie cookies)
    if (!isNone(this._policy) && hasattr(this._policy, "netscape") && !truthy(getattr(this._policy, "netscape"))) return made;
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
      let domain: string | null = null;
      let cookiePath: string | null = null;
      let secure = false;
      let expires: bigint | null = null;
      const rest = new Dict();
      for (const attribute of attributes) {
        const at = attribute.indexOf("=");
        const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
        const val = at < 0 ? "" : attribute.slice(at + 1).trim();
        if (key === "domain" && val) domain = val.toLowerCase();
        else if (key === "path" && val) cookiePath = val;
        else if (key === "secure") secure = true;
        else if (key === "max-age" && /^-?\d+$/.test(val)) expires = BigInt(Math.floor(Date.now() / 1000) + Number(val));
        else if (key === "expires" && expires === null && !Number.isNaN(Date.parse(val))) expires = BigInt(Math.floor(Date.parse(val) / 1000));
        else if (!STANDARD_ATTRIBUTES.has(key) && key !== "" && !rest.has(attribute.slice(0, at < 0 ? undefined : at).trim())) rest.set(attribute.slice(0, at < 0 ? undefined : at).trim(), at < 0 ? null : val);
      }
      // (a domain given without its leading dot gets one; the cookie remembers how it was given)
      const domainGiven = domain !== null;
      const fullDomain = domain === null ? host : domain.startsWith(".") ? domain : `.${domain}`;
      const cookie = new Cookie(0n, name, value, null, false, fullDomain, domainGiven, domainGiven && domain!.startsWith("."), cookiePath ?? defaultPath, cookiePath !== null, secure, expires, expires === null, null, null, rest);
      // (an expiry in the past asks to delete the cookie: it is made into none)
      if (cookie.is_expired()) this.#cookies.delete(`${fullDomain};${cookie.path};${name}`);
      else made.push(cookie);
    }
    return made;
  }

  /** Adds the Cookie header of the cookies that match the request. */
  add_cookie_header(request: unknown): null {
    const host = effectiveHost(request);
    const path = requestPath(request);
    const https = str(callMethod(request, "get_full_url")).toLowerCase().startsWith("https:");
    const matching = [...this.#cookies.values()]
      .filter((c) => !c.is_expired() && (!c.secure || https))
      .filter((c) => (c.domain.startsWith(".") ? `.${host}`.endsWith(c.domain) : host === c.domain))
      .filter((c) => path.startsWith(c.path))
      .filter((c) => this.returnOk(c, request))
      .sort((a, b) => b.path.length - a.path.length);
    const attrs = matching.map((c) => (c.value === null ? c.name : `${c.name}=${c.value}`));
    if (attrs.length > 0 && !callMethod(request, "has_header", "Cookie")) {
      callMethod(request, "add_unredirected_header", "Cookie", attrs.join("; "));
    }
    return null;
  }

  clear(domain: unknown = null, path: unknown = null, name: unknown = null): null {
    for (const [key, cookie] of this.#cookies) {
      if ((isNone(domain) || cookie.domain === domain) && (isNone(path) || cookie.path === path) && (isNone(name) || cookie.name === name)) this.#cookies.delete(key);
    }
    return null;
  }
  clear_session_cookies(): null {
    for (const [key, cookie] of this.#cookies) if (cookie.expires === null) this.#cookies.delete(key);
    return null;
  }

  [Symbol.iterator](): Iterator<Cookie> {
    return [...this.#cookies.values()].sort((a, b) => (a.domain + a.path + a.name < b.domain + b.path + b.name ? -1 : 1))[Symbol.iterator]();
  }
  __len__(): bigint {
    return BigInt(this.#cookies.size);
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

declareLazyClassValues(CookieJar, {
  non_word_re: () => compilePattern("\\W"),
  quote_re: () => compilePattern('(["\\\\])'),
  strict_domain_re: () => compilePattern("\\.?[^.]*"),
  domain_re: () => compilePattern("[^.]*"),
  dots_re: () => compilePattern("^\\.+"),
  magic_re: () => compilePattern("^\\#LWP-Cookies-(\\d+\\.\\d+)", 256n),
});
