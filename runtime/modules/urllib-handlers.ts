// urllib.request's handlers for HTTP: the request preparation and exchange (HTTPHandler over
// http.client's HTTPConnection, HTTPSHandler over HTTPSConnection), HTTPErrorProcessor
// (non-2xx responses go to the opener's error chain), HTTPDefaultErrorHandler (raises
// HTTPError), HTTPRedirectHandler (follows 301/302/303/307/308 as CPython 3.11 decides),
// ProxyHandler and UnknownHandler. Each follows Lib/urllib/request.py's steps and messages.

import { Dict } from "../values/dict.js";
import { AssertionError, ValueError } from "../values/exceptions.js";
import { Kwargs } from "../values/kwargs.js";
import { callMethod } from "../values/methods.js";
import { getattr, hasattr } from "../values/builtin-functions.js";
import { str } from "../values/repr.js";
import { truthy } from "../values/truth.js";
import { isNone } from "./callable-class.js";
import { callValue } from "./pycall.js";
import { HTTPConnectionClass } from "./http-client.js";
import { HTTPSConnectionClass } from "./http-client-https.js";
import { urllibParseModule } from "./urllib-parse.js";
import { BaseHandler, classAttribute, GLOBAL_DEFAULT_TIMEOUT, runFlow, settled, type Flow } from "./urllib-opener.js";
import { bodyBytes, mappingItems, contentLength, prepareRequest, Request, sentHeaders } from "./urllib-request-object.js";
import { splitPasswd, splitPort, splitType, splitUser, unquoteText } from "./urllib-split.js";
import { HTTPError, URLError } from "./urllib-errors.js";

/** base64 of the UTF-8 bytes of a text (credentials for Basic authentication). */
export function base64Text(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

type Req = Request & Record<string, unknown>;

export class AbstractHTTPHandler extends BaseHandler {
  static override pythonName = "AbstractHTTPHandler";
  constructor(debuglevel: unknown = null) {
    super();
    this["_debuglevel"] = isNone(debuglevel) ? 0n : debuglevel;
  }
  set_http_debuglevel(level: unknown): null {
    this["_debuglevel"] = level;
    return null;
  }
  _get_content_length(request: Req): unknown {
    return contentLength(request);
  }

  /** The request made ready to send: body headers, Host, and the opener's addheaders. */
  do_request_(request: Req): Req {
    return prepareRequest(request, this.parent?.addheaders ?? []);
  }

  /** Sends the request on a connection of `http_class` and answers its response, whatever the status. */
  do_open(httpClass: unknown, req: Req): unknown {
    return runFlow(this.openSteps(httpClass, req));
  }

  private *openSteps(httpClass: unknown, req: Req): Flow<unknown> {
    const host = req.host;
    if (!host) throw new URLError("no host given");
    const connection = req.timeout === GLOBAL_DEFAULT_TIMEOUT || req.timeout === undefined ? callValue(httpClass, host) : callValue(httpClass, host, new Kwargs({ timeout: req.timeout }));
    const headers = sentHeaders(req);
    let response: unknown;
    try {
      const data = isNone(req.data) || req.data instanceof Uint8Array ? req.data : bodyBytes(req.data);
      yield* settled(callMethod(connection, "request", callMethod(req, "get_method"), req.selector, data ?? null, headers));
      response = yield* settled(callMethod(connection, "getresponse"));
    } catch (error) {
      if (error instanceof URLError || !(error instanceof Error) || !isOSError(error)) throw error;
      throw new URLError(error);
    }
    (response as Record<string, unknown>)["url"] = callMethod(req, "get_full_url");
    (response as Record<string, unknown>)["msg"] = (response as { reason: unknown }).reason;
    return response;
  }
}

function isOSError(error: Error): boolean {
  for (let cls = error.constructor as { name?: string; pythonName?: string } | null; cls; cls = Object.getPrototypeOf(cls) as typeof cls) {
    if (cls.name === "OSError" || cls.pythonName === "OSError") return true;
  }
  return false;
}

export class HTTPHandler extends AbstractHTTPHandler {
  static override pythonName = "HTTPHandler";
  http_open(req: Req): unknown {
    return this.do_open(HTTPConnectionClass, req);
  }
  http_request(req: Req): Req {
    return this.do_request_(req);
  }
}

export class HTTPSHandler extends AbstractHTTPHandler {
  static override pythonName = "HTTPSHandler";
  constructor(debuglevel: unknown = null, context: unknown = null, checkHostname: unknown = null) {
    super(debuglevel);
    this["_context"] = context;
    this["_check_hostname"] = checkHostname;
  }
  https_open(req: Req): unknown {
    return this.do_open(HTTPSConnectionClass, req);
  }
  https_request(req: Req): Req {
    return this.do_request_(req);
  }
}

export class HTTPErrorProcessor extends BaseHandler {
  static override pythonName = "HTTPErrorProcessor";
  static {
    classAttribute(this, "handler_order", 1000n);
  }
  http_response(request: unknown, response: unknown): unknown {
    const code = (response as { code: unknown }).code;
    const msg = (response as { msg: unknown }).msg;
    const hdrs = callMethod(response, "info");
    const n = Number(code);
    if (!(n >= 200 && n < 300)) return this.parent.error("http", request, response, code, msg, hdrs);
    return response;
  }
  https_response(request: unknown, response: unknown): unknown {
    return this.http_response(request, response);
  }
}

export class HTTPDefaultErrorHandler extends BaseHandler {
  static override pythonName = "HTTPDefaultErrorHandler";
  http_error_default(req: Req, fp: unknown, code: unknown, msg: unknown, hdrs: unknown): never {
    throw new HTTPError(req.full_url, code, msg, hdrs, fp);
  }
}

const REDIRECT_LOOP = "The HTTP server returned a redirect error that would lead to an infinite loop.\nThe last 30x error message was:\n";
/** string.punctuation: what the redirect target keeps unquoted. */
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

export class HTTPRedirectHandler extends BaseHandler {
  static override pythonName = "HTTPRedirectHandler";
  declare static max_repeats: bigint;
  declare static max_redirections: bigint;
  declare static inf_msg: string;
  static {
    classAttribute(this, "max_repeats", 4n);
    classAttribute(this, "max_redirections", 10n);
    classAttribute(this, "inf_msg", REDIRECT_LOOP);
  }

  /** The request to follow the redirect with, or HTTPError where CPython refuses to redirect. */
  redirect_request(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown, newurl: unknown): unknown {
    const m = str(callMethod(req, "get_method"));
    const c = Number(code);
    if (!(([301, 302, 303, 307, 308].includes(c) && (m === "GET" || m === "HEAD")) || ([301, 302, 303].includes(c) && m === "POST"))) {
      throw new HTTPError(req.full_url, code, msg, headers, fp);
    }
    const target = str(newurl).replaceAll(" ", "%20");
    const kept = new Dict<string, unknown>();
    for (const k of req.headers) if (k.toLowerCase() !== "content-length" && k.toLowerCase() !== "content-type") kept.set(k, req.headers.get(k));
    return new Request(target, new Kwargs({ headers: kept, origin_req_host: req.origin_req_host, unverifiable: true }));
  }

  http_error_302(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown): unknown {
    return runFlow(this.redirectSteps(req, fp, code, msg, headers));
  }
  http_error_301(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown): unknown {
    return this.http_error_302(req, fp, code, msg, headers);
  }
  http_error_303(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown): unknown {
    return this.http_error_302(req, fp, code, msg, headers);
  }
  http_error_307(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown): unknown {
    return this.http_error_302(req, fp, code, msg, headers);
  }
  http_error_308(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown): unknown {
    return this.http_error_302(req, fp, code, msg, headers);
  }

  private *redirectSteps(req: Req, fp: unknown, code: unknown, msg: unknown, headers: unknown): Flow<unknown> {
    let newurl: string;
    if (truthy(callMethod(headers, "__contains__", "location"))) newurl = str(callMethod(headers, "__getitem__", "location"));
    else if (truthy(callMethod(headers, "__contains__", "uri"))) newurl = str(callMethod(headers, "__getitem__", "uri"));
    else return null;
    const parse = urllibParseModule;
    const parts = parse.urlparse(newurl) as unknown as { at(i: number): string };
    const scheme = parts.at(0);
    if (!["http", "https", "ftp", ""].includes(scheme)) {
      throw new HTTPError(newurl, code, `${str(msg)} - Redirection to url '${newurl}' is not allowed`, headers, fp);
    }
    const fields = [0, 1, 2, 3, 4, 5].map((i) => parts.at(i));
    if (!fields[2] && fields[1]) fields[2] = "/";
    newurl = parse.urlunparse(fields) as string;
    newurl = parse.quote(newurl, new Kwargs({ encoding: "iso-8859-1", safe: PUNCTUATION }));
    newurl = parse.urljoin(req.full_url, newurl) as string;
    const next = (yield* settled(callMethod(this, "redirect_request", req, fp, code, msg, headers, newurl))) as Req | null;
    if (isNone(next)) return null;
    let visited: Dict<string, bigint>;
    if (hasattr(req, "redirect_dict")) {
      visited = req["redirect_dict"] as Dict<string, bigint>;
      next["redirect_dict"] = visited;
      if (Number(visited.get(newurl) ?? 0n) >= Number(getattr(this, "max_repeats")) || visited.table.size >= Number(getattr(this, "max_redirections"))) {
        throw new HTTPError(req.full_url, code, str(getattr(this, "inf_msg")) + str(msg), headers, fp);
      }
    } else {
      visited = new Dict();
      next["redirect_dict"] = visited;
      req["redirect_dict"] = visited;
    }
    visited.set(newurl, (visited.get(newurl) ?? 0n) + 1n);
    yield* settled(callMethod(fp, "read"));
    callMethod(fp, "close");
    return yield* settled(this.parent.open(next, new Kwargs({ timeout: req.timeout })));
  }
}

/** `_parse_proxy(proxy)`: (scheme, user, password, host:port). */
export function parseProxy(proxy: string): [string | null, string | null, string | null, string] {
  let [scheme, rest] = splitType(proxy);
  let authority: string;
  if (!rest.startsWith("/")) {
    scheme = null;
    authority = proxy;
  } else {
    if (!rest.startsWith("//")) throw new ValueError(`proxy URL with no authority: '${proxy}'`);
    const end = rest.indexOf("/", 2);
    authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
  }
  const [userinfo, hostport] = splitUser(authority);
  const [user, password] = userinfo === null ? [null, null] : splitPasswd(userinfo);
  return [scheme, user, password, hostport];
}

export class ProxyHandler extends BaseHandler {
  static override pythonName = "ProxyHandler";
  static {
    classAttribute(this, "handler_order", 100n);
  }
  constructor(proxies: unknown = null) {
    super();
    const table = isNone(proxies) ? getproxies() : proxies;
    if (!hasattr(table, "keys")) throw new AssertionError("proxies must be a mapping");
    this["proxies"] = table;
    for (const [type, url] of mappingItems(table)) {
      const kind = str(type).toLowerCase();
      this[`${kind}_open`] = (r: unknown) => callMethod(this, "proxy_open", r, url, kind);
    }
  }

  proxy_open(req: Req, proxy: unknown, type: unknown): unknown {
    const origType = req.type;
    const [scheme, user, password, hostport] = parseProxy(str(proxy));
    const proxyType = scheme ?? origType;
    if (req.host && proxyBypass(req.host)) return null;
    if (user && password) {
      req.add_header("Proxy-authorization", "Basic " + base64Text(`${unquoteText(user)}:${unquoteText(password)}`));
    }
    callMethod(req, "set_proxy", unquoteText(hostport), proxyType);
    void type;
    if (origType === proxyType || origType === "https") return null;
    return this.parent.open(req, new Kwargs({ timeout: req.timeout }));
  }
}

export class UnknownHandler extends BaseHandler {
  static override pythonName = "UnknownHandler";
  unknown_open(req: Req): never {
    throw new URLError(`unknown url type: ${req.type}`);
  }
}

/** `getproxies()`: the `<scheme>_proxy` variables of the environment, as CPython reads them on Linux. */
export function getproxies(): Dict<string, string> {
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
  const proxies = new Dict<string, string>();
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    if (value && lower.endsWith("_proxy")) proxies.set(lower.slice(0, -6), value);
  }
  if ("REQUEST_METHOD" in env) proxies.delete("http");
  for (const [name, value] of Object.entries(env)) {
    if (name.endsWith("_proxy")) {
      const lower = name.toLowerCase();
      if (value) proxies.set(lower.slice(0, -6), value);
      else proxies.delete(lower.slice(0, -6));
    }
  }
  return proxies;
}

/** `proxy_bypass_environment(host, proxies=None)`: is the host in `no_proxy`? */
export function proxyBypass(hostIn: unknown, proxies: unknown = null): boolean {
  const table = (isNone(proxies) ? getproxies() : proxies) as Dict<string, string>;
  const noProxy = table instanceof Dict ? table.get("no") : (callMethod(table, "get", "no") as string | undefined);
  if (isNone(noProxy)) return false;
  if (noProxy === "*") return true;
  const host = str(hostIn).toLowerCase();
  const [hostonly] = splitPort(host);
  for (let name of str(noProxy).split(",")) {
    name = name.trim();
    if (!name) continue;
    name = name.replace(/^\.+/, "").toLowerCase();
    if (hostonly === name || host === name) return true;
    name = "." + name;
    if (hostonly.endsWith(name) || host.endsWith(name)) return true;
  }
  return false;
}
