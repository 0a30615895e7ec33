// urllib.request's password managers and Basic authentication handlers, following CPython
// 3.11: a 401 (or 407 from a proxy) whose WWW-Authenticate challenge names Basic and a realm
// is retried once with the credentials the manager finds for (realm, URL);
// HTTPPasswordMgrWithPriorAuth sends them before any challenge.

import { Dict } from "../values/dict.js";
import { ValueError } from "../values/exceptions.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { hasattr } from "../values/builtin-functions.js";
import { eq } from "../values/compare.js";
import { repr, str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { truthy } from "../values/truth.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { standardModule } from "./module-object.js";
import { urllibParseModule } from "./urllib-parse.js";
import { BaseHandler, classAttribute } from "./urllib-opener.js";
import { base64Text } from "./urllib-handlers.js";
import { splitPort } from "./urllib-split.js";
import type { Request } from "./urllib-request-object.js";

type Req = Request & Record<string, unknown>;
/** A reduced URI: (authority, path). */
type Reduced = readonly [string, string];
const reducedKey = (uri: Reduced): string => `${uri[0]}\u0000${uri[1]}`;

export class HTTPPasswordMgr {
  static pythonName = "HTTPPasswordMgr";
  static __module__ = "urllib.request";
  /** realm -> (reduced URIs, (user, password)) entries, in insertion order */
  private readonly table = new Map<unknown, Map<string, { uris: Reduced[]; info: Tuple }>>();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [attr: string]: any;

  add_password(realm: unknown, uri: unknown, user: unknown, passwd: unknown): null {
    const uris = typeof uri === "string" ? [uri] : Array.from(uri as Iterable<unknown>);
    let domains = this.table.get(realm);
    if (domains === undefined) this.table.set(realm, (domains = new Map()));
    for (const defaultPort of [true, false]) {
      const reduced = uris.map((u) => this.reduce(u, defaultPort));
      domains.set(reduced.map(reducedKey).join("\u0001"), { uris: reduced, info: Tuple.of(user, passwd) });
    }
    return null;
  }

  find_user_password(realm: unknown, authuri: unknown): Tuple {
    const domains = this.table.get(realm);
    if (domains !== undefined) {
      for (const defaultPort of [true, false]) {
        const reduced = this.reduce(authuri, defaultPort);
        for (const { uris, info } of domains.values()) {
          for (const uri of uris) if (this.isSuburi(uri, reduced)) return info;
        }
      }
    }
    return Tuple.of(null, null);
  }

  private reduce(uri: unknown, defaultPort: boolean): Reduced {
    const reduced = callMethod(this, "reduce_uri", uri, defaultPort) as Tuple;
    return [str(reduced.at(0)), str(reduced.at(1))];
  }
  private isSuburi(base: Reduced, test: Reduced): boolean {
    return truthy(callMethod(this, "is_suburi", Tuple.of(...base), Tuple.of(...test)));
  }

  /** (authority, path) of a URI, with the scheme's default port added when `default_port`. */
  reduce_uri(uri: unknown, defaultPort: unknown = true): Tuple {
    const text = str(uri);
    const parts = urllibParseModule.urlsplit(text) as unknown as { at(i: number): string };
    let scheme: string | null;
    let authority: string;
    let path: string;
    if (parts.at(1)) {
      scheme = parts.at(0);
      authority = parts.at(1);
      path = parts.at(2) || "/";
    } else {
      scheme = null;
      authority = text;
      path = "/";
    }
    const [host, port] = splitPort(authority);
    if (truthy(defaultPort) && port === null && scheme !== null) {
      const dport = scheme === "http" ? 80 : scheme === "https" ? 443 : null;
      if (dport !== null) authority = `${host}:${dport}`;
    }
    return Tuple.of(authority, path);
  }

  is_suburi(base: unknown, test: unknown): boolean {
    if (eq(base, test)) return true;
    const b = base as Tuple;
    const t = test as Tuple;
    if (!eq(b.at(0), t.at(0))) return false;
    let prefix = str(b.at(1));
    if (!prefix.endsWith("/")) prefix += "/";
    return str(t.at(1)).startsWith(prefix);
  }
}

export class HTTPPasswordMgrWithDefaultRealm extends HTTPPasswordMgr {
  static override pythonName = "HTTPPasswordMgrWithDefaultRealm";
  override find_user_password(realm: unknown, authuri: unknown): Tuple {
    const found = super.find_user_password(realm, authuri);
    if (!isNone(found.at(0))) return found;
    return super.find_user_password(null, authuri);
  }
}

export class HTTPPasswordMgrWithPriorAuth extends HTTPPasswordMgrWithDefaultRealm {
  static override pythonName = "HTTPPasswordMgrWithPriorAuth";
  declare authenticated: Dict<unknown, unknown>;
  constructor() {
    super();
    this.authenticated = new Dict();
  }
  override add_password(realm: unknown, uri: unknown, user: unknown, passwd: unknown, ...rest: unknown[]): null {
    const [pos, kws] = splitKw(rest);
    this.update_authenticated(uri, pos[0] ?? kws["is_authenticated"] ?? false);
    if (!isNone(realm)) super.add_password(null, uri, user, passwd);
    return super.add_password(realm, uri, user, passwd);
  }
  update_authenticated(uri: unknown, isAuthenticated: unknown = false): null {
    const uris = typeof uri === "string" ? [uri] : Array.from(uri as Iterable<unknown>);
    for (const defaultPort of [true, false]) {
      for (const u of uris) this.authenticated.set(callMethod(this, "reduce_uri", u, defaultPort), isAuthenticated);
    }
    return null;
  }
  is_authenticated(authuri: unknown): unknown {
    for (const defaultPort of [true, false]) {
      const reduced = callMethod(this, "reduce_uri", authuri, defaultPort);
      for (const uri of this.authenticated) if (truthy(callMethod(this, "is_suburi", uri, reduced))) return this.authenticated.get(uri);
    }
    return null;
  }
}

/** CPython's challenge pattern: `scheme realm="..."`, quoted or not. */
const CHALLENGE = /(?:^|,)[ \t]*([^ \t,]+)[ \t]+realm=(["']?)([^"']*)\2/gi;

/** The Basic-auth logic the HTTP and proxy handlers share (a mixin in CPython). */
export class AbstractBasicAuthHandler extends BaseHandler {
  static override pythonName = "AbstractBasicAuthHandler";
  declare passwd: unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  declare add_password: (...args: any[]) => any;
  static {
    classAttribute(this, "rx", null);
  }

  constructor(passwordMgr: unknown = null) {
    super();
    this.passwd = isNone(passwordMgr) ? new HTTPPasswordMgr() : passwordMgr;
    this.add_password = (...args: unknown[]) => callMethod(this.passwd, "add_password", ...args);
  }

  /** (scheme, realm) of each challenge in a header; (scheme, None) when there is none. */
  _parse_realm(header: unknown): Tuple[] {
    const text = str(header);
    const found: Tuple[] = [];
    for (const match of text.matchAll(CHALLENGE)) {
      if (match[2] !== '"' && match[2] !== "'") {
        const warnings = standardModule("warnings") as unknown as { warn: unknown };
        callValue(warnings.warn, "Basic Auth Realm was unquoted", standardModule("builtins")["UserWarning" as never], 3n);
      }
      found.push(Tuple.of(match[1]!, match[3]!));
    }
    if (found.length === 0) found.push(Tuple.of(text ? text.split(/\s+/).filter(Boolean)[0] ?? "" : "", null));
    return found;
  }

  http_error_auth_reqed(authreq: unknown, host: unknown, req: Req, headers: unknown): unknown {
    const all = callMethod(headers, "get_all", authreq) as unknown[] | null;
    if (isNone(all) || all.length === 0) return null;
    let unsupported: unknown = null;
    let scheme: unknown = null;
    for (const header of all) {
      for (const challenge of callMethod(this, "_parse_realm", header) as Iterable<Tuple>) {
        scheme = challenge.at(0);
        const realm = challenge.at(1);
        if (str(scheme).toLowerCase() !== "basic") {
          unsupported = scheme;
          continue;
        }
        if (!isNone(realm)) return callMethod(this, "retry_http_basic_auth", host, req, realm);
      }
    }
    if (!isNone(unsupported)) throw new ValueError(`AbstractBasicAuthHandler does not support the following scheme: ${repr(scheme)}`);
    return null;
  }

  retry_http_basic_auth(host: unknown, req: Req, realm: unknown): unknown {
    const found = callMethod(this.passwd, "find_user_password", realm, host) as Tuple;
    const [user, pw] = [found.at(0), found.at(1)];
    if (isNone(pw)) return null;
    const auth = "Basic " + base64Text(`${str(user)}:${str(pw)}`);
    const header = str(this["auth_header"]);
    if (eq(callMethod(req, "get_header", header, null), auth)) return null;
    callMethod(req, "add_unredirected_header", header, auth);
    return this.parent.open(req, new Kwargs({ timeout: req.timeout }));
  }

  http_request(req: Req): Req {
    if (!hasattr(this.passwd, "is_authenticated") || !truthy(callMethod(this.passwd, "is_authenticated", req.full_url))) return req;
    if (!truthy(callMethod(req, "has_header", "Authorization"))) {
      const found = callMethod(this.passwd, "find_user_password", null, req.full_url) as Tuple;
      callMethod(req, "add_unredirected_header", "Authorization", "Basic " + base64Text(`${str(found.at(0))}:${str(found.at(1))}`).trim());
    }
    return req;
  }
  https_request(req: Req): Req {
    return callMethod(this, "http_request", req) as Req;
  }

  http_response(req: Req, response: unknown): unknown {
    if (hasattr(this.passwd, "is_authenticated")) {
      const code = Number((response as { code: unknown }).code);
      callMethod(this.passwd, "update_authenticated", req.full_url, code >= 200 && code < 300);
    }
    return response;
  }
  https_response(req: Req, response: unknown): unknown {
    return callMethod(this, "http_response", req, response);
  }
}

export class HTTPBasicAuthHandler extends AbstractBasicAuthHandler {
  static override pythonName = "HTTPBasicAuthHandler";
  declare static auth_header: string;
  static {
    classAttribute(this, "auth_header", "Authorization");
  }
  http_error_401(req: Req, _fp: unknown, _code: unknown, _msg: unknown, headers: unknown): unknown {
    return this.http_error_auth_reqed("www-authenticate", req.full_url, req, headers);
  }
}

export class ProxyBasicAuthHandler extends AbstractBasicAuthHandler {
  static override pythonName = "ProxyBasicAuthHandler";
  declare static auth_header: string;
  static {
    classAttribute(this, "auth_header", "Proxy-authorization");
  }
  http_error_407(req: Req, _fp: unknown, _code: unknown, _msg: unknown, headers: unknown): unknown {
    return this.http_error_auth_reqed("proxy-authenticate", req.host, req, headers);
  }
}
