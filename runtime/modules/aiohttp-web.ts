// `aiohttp.web` for a small server: Application and its router (add_get/add_post/...,
// add_routes, RouteTableDef), Request, Response, json_response, the HTTP exceptions, and
// AppRunner/TCPSite, on Node's HTTP server. A request enters the asyncio loop through
// call_soon_threadsafe and its handler runs as a task there, as aiohttp's do.

import type * as http from "node:http";
import { nodeModule } from "../core/host.js";
import { get_running_loop } from "../asyncio/loop-state.js";
import { create_task } from "../asyncio/tasks.js";
import { await_ } from "../core/await.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { Exception, KeyError, PyTypeError, RuntimeError, ValueError } from "../values/exceptions.js";
import { kw, splitKw } from "../values/kwargs.js";
import { str } from "../values/repr.js";
import { Tuple } from "../values/tuple.js";
import { callValue } from "./pycall.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { HTTP_STATUS } from "./http-status-data.js";
import { dumps } from "./json.js";
import { moduleObject } from "./module-object.js";
import { callMethod } from "../values/methods.js";
import { iterable } from "../values/iteration.js";

const SERVER = "Python/3.11 aiohttp/3.14.3";

interface Loop {
  create_future(): { done(): boolean; set_result(v: unknown): unknown; set_exception(e: unknown): unknown };
  call_soon_threadsafe(callback: (...args: unknown[]) => unknown, ...args: unknown[]): unknown;
}

function reasonOf(status: number): string {
  return HTTP_STATUS.find(([code]) => code === status)?.[2] ?? "";
}

/** JSON text to Python values: objects become dicts, whole numbers ints. */
function fromJson(value: unknown): any {
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === "object" && value !== null) return new Dict(Object.entries(value).map(([k, v]) => [k, fromJson(v)] as const));
  return value;
}

/** A mapping given as a dict or keywords: its pairs. */
function pairsOf(x: unknown): [string, string][] {
  if (isNone(x) || x === undefined) return [];
  const pairs = (x instanceof Dict ? x.entries() : iterable(callMethod(x, "items"))) as Iterable<unknown>;
  return Array.from(pairs, (p) => {
    const [k, v] = Array.from(p as Iterable<unknown>);
    return [str(k), str(v)];
  });
}

// ---- responses ----

export class StreamResponse {
  static pythonName = "StreamResponse";
  static __module__ = "aiohttp.web_response";
  status: bigint = 200n;
  reason = "OK";
  headers: Record<string, string> = {};
  content_type = "application/octet-stream";
  charset: string | null = null;
  body: Bytes | null = null;
}

export class Response extends StreamResponse {
  static override pythonName = "Response";
  constructor(...args: unknown[]) {
    super();
    const [, kws] = splitKw(args);
    respond(this, kws);
  }
  get text(): string | null {
    return this.body === null ? null : new TextDecoder(this.charset ?? "utf-8").decode(this.body);
  }
  set text(value: string | null) {
    this.body = value === null ? null : Bytes.fromArray(new TextEncoder().encode(value));
  }
  __repr__(): string {
    return `<Response ${this.reason} not prepared>`;
  }
}

/** Fills a response from Response()'s keywords (body, status, reason, text, headers, content_type, charset). */
function respond(r: StreamResponse, kws: Record<string, unknown>): void {
  if (!isNone(kws["status"]) && kws["status"] !== undefined) r.status = BigInt(toNumber(kws["status"]));
  r.reason = !isNone(kws["reason"]) && kws["reason"] !== undefined ? String(kws["reason"]) : reasonOf(Number(r.status));
  for (const [k, v] of pairsOf(kws["headers"])) r.headers[k] = v;
  const text = kws["text"];
  const body = kws["body"];
  const contentType = isNone(kws["content_type"]) || kws["content_type"] === undefined ? null : String(kws["content_type"]);
  const charset = isNone(kws["charset"]) || kws["charset"] === undefined ? null : String(kws["charset"]);
  if (!isNone(text) && text !== undefined) {
    if (!isNone(body) && body !== undefined) throw new ValueError("body and text are not allowed together");
    if (typeof text !== "string") throw new PyTypeError(`text argument must be str (${typeof text})`);
    r.content_type = contentType ?? "text/plain";
    r.charset = charset ?? "utf-8";
    r.body = Bytes.fromArray(new TextEncoder().encode(text));
  } else if (!isNone(body) && body !== undefined) {
    r.body = body instanceof Uint8Array ? Bytes.fromArray(body) : Bytes.fromArray(new TextEncoder().encode(String(body)));
    r.content_type = contentType ?? "application/octet-stream";
    r.charset = charset;
  } else if (contentType !== null) {
    r.content_type = contentType;
    r.charset = charset;
  }
}

/** `web.json_response(data, *, status=200, reason=None, headers=None, content_type="application/json")`. */
function json_response(...args: unknown[]): Response {
  const [pos, kws] = splitKw(args);
  const data = pos[0] ?? kws["data"] ?? null;
  const dumper = kws["dumps"];
  const text = isNone(dumper) || dumper === undefined ? dumps(data) : String(callValue(dumper, data));
  return new Response(kw({ ...kwArgs(kws, ["status", "reason", "headers"]), text, content_type: kws["content_type"] ?? "application/json" }));
}

/** Keywords passed on: the runtime's keyword object for a call. */
function kwArgs(kws: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names) if (kws[n] !== undefined) out[n] = kws[n];
  return out;
}

// ---- the HTTP exceptions: responses to raise ----

export class HTTPException extends Exception {
  static __module__ = "aiohttp.web_exceptions";
  static status_code = 0;
  readonly response: StreamResponse;
  constructor(...args: unknown[]) {
    const [, kws] = splitKw(args);
    const status = (new.target as typeof HTTPException).status_code;
    const reason = !isNone(kws["reason"]) && kws["reason"] !== undefined ? String(kws["reason"]) : reasonOf(status);
    const given = kws["text"];
    const text = !isNone(given) && given !== undefined ? String(given) : isNone(kws["body"]) || kws["body"] === undefined ? `${status}: ${reason}` : null;
    super(text ?? reason);
    const response = new StreamResponse();
    respond(response, { ...kwArgs(kws, ["headers", "body", "content_type"]), status: BigInt(status), reason, ...(text !== null ? { text } : {}) });
    this.response = response;
  }
  get status(): bigint {
    return this.response.status;
  }
  get status_code(): bigint {
    return this.response.status;
  }
  get reason(): string {
    return this.response.reason;
  }
  get text(): string | null {
    return this.response.body === null ? null : new TextDecoder().decode(this.response.body);
  }
}
export class HTTPError extends HTTPException {}
export class HTTPSuccessful extends HTTPException {}
export class HTTPRedirection extends HTTPException {}
export class HTTPClientError extends HTTPError {}
export class HTTPServerError extends HTTPError {}

const httpExceptions: Record<string, typeof HTTPException> = { HTTPException, HTTPError, HTTPSuccessful, HTTPRedirection, HTTPClientError, HTTPServerError };
function httpException(name: string, base: typeof HTTPException, status: number): void {
  const cls = class extends base {};
  Object.defineProperty(cls, "name", { value: name });
  cls.status_code = status;
  httpExceptions[name] = cls;
}
for (const [name, status] of [["HTTPOk", 200], ["HTTPCreated", 201], ["HTTPAccepted", 202], ["HTTPNoContent", 204]] as const) httpException(name, HTTPSuccessful, status);
for (const [name, status] of [
  ["HTTPBadRequest", 400], ["HTTPUnauthorized", 401], ["HTTPForbidden", 403], ["HTTPNotFound", 404],
  ["HTTPMethodNotAllowed", 405], ["HTTPNotAcceptable", 406], ["HTTPRequestTimeout", 408], ["HTTPConflict", 409],
  ["HTTPGone", 410], ["HTTPUnprocessableEntity", 422], ["HTTPTooManyRequests", 429],
] as const) httpException(name, HTTPClientError, status);
for (const [name, status] of [["HTTPInternalServerError", 500], ["HTTPNotImplemented", 501], ["HTTPServiceUnavailable", 503]] as const) httpException(name, HTTPServerError, status);

// ---- requests ----

export class Request {
  static pythonName = "Request";
  static __module__ = "aiohttp.web_request";
  readonly method: string;
  readonly path: string;
  readonly path_qs: string;
  readonly query_string: string;
  readonly query: Dict<string, string>;
  readonly headers: HttpHeaders;
  readonly match_info: Dict<string, string>;
  readonly remote: string | null;

  constructor(message: http.IncomingMessage, private readonly data: Bytes, readonly app: Application, matchInfo: Dict<string, string>) {
    this.method = message.method ?? "GET";
    const url = new URL(message.url ?? "/", "http://localhost");
    this.path = decodeURIComponent(url.pathname);
    this.query_string = url.search.replace(/^\?/, "");
    this.path_qs = url.pathname + url.search;
    this.query = new Dict([...url.searchParams.entries()]);
    this.headers = HttpHeaders.fromRaw(message.rawHeaders, "keyerror");
    this.match_info = matchInfo;
    this.remote = message.socket.remoteAddress ?? null;
  }
  get content_type(): string {
    return this.headers.get_content_type();
  }
  get can_read_body(): boolean {
    return this.data.length > 0;
  }
  get body_exists(): boolean {
    return this.data.length > 0;
  }
  read(): Coroutine<Bytes> {
    const data = this.data;
    return coroutine(function* () {
      return data;
    }, "BaseRequest.read");
  }
  text(): Coroutine<string> {
    const data = this.data;
    return coroutine(function* () {
      return new TextDecoder().decode(data);
    }, "BaseRequest.text");
  }
  json(): Coroutine<unknown> {
    const data = this.data;
    return coroutine(function* () {
      try {
        return fromJson(JSON.parse(new TextDecoder().decode(data)));
      } catch (e) {
        throw new ValueError(String((e as Error).message));
      }
    }, "BaseRequest.json");
  }
  /** `await request.post()`: the form fields of an urlencoded body. */
  post(): Coroutine<Dict<string, string>> {
    const data = this.data;
    return coroutine(function* () {
      return new Dict([...new URLSearchParams(new TextDecoder().decode(data)).entries()]);
    }, "BaseRequest.post");
  }
  __getitem__(key: unknown): unknown {
    return this.app.__getitem__(key);
  }
  __repr__(): string {
    return `<Request ${this.method} ${this.path} >`;
  }
}

// ---- routes and the application ----

export class RouteDef {
  static pythonName = "RouteDef";
  static __module__ = "aiohttp.web_routedef";
  constructor(readonly method: string, readonly path: string, readonly handler: unknown) {}
  __repr__(): string {
    return `<RouteDef ${this.method} ${this.path} -> ${str(this.handler)}>`;
  }
}

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: unknown;
}

function compilePath(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = "";
  for (const part of path.split(/(\{[^{}]+\})/)) {
    const m = /^\{([A-Za-z_]\w*)(?::(.*))?\}$/.exec(part);
    if (m) {
      names.push(m[1]!);
      source += `(${m[2] ?? "[^{}/]+"})`;
    } else source += part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return { pattern: new RegExp(`^${source}$`), names };
}

export class UrlDispatcher {
  static pythonName = "UrlDispatcher";
  static __module__ = "aiohttp.web_urldispatcher";
  readonly routes: Route[] = [];

  add_route(method: unknown, path: unknown, handler: unknown): null {
    const { pattern, names } = compilePath(String(path));
    this.routes.push({ method: String(method).toUpperCase(), pattern, names, handler });
    return null;
  }
  add_get(path: unknown, handler: unknown, ...rest: unknown[]): null {
    const [, kws] = splitKw(rest);
    this.add_route("GET", path, handler);
    if (kws["allow_head"] !== false) this.add_route("HEAD", path, handler);
    return null;
  }
  add_post(path: unknown, handler: unknown): null {
    return this.add_route("POST", path, handler);
  }
  add_put(path: unknown, handler: unknown): null {
    return this.add_route("PUT", path, handler);
  }
  add_patch(path: unknown, handler: unknown): null {
    return this.add_route("PATCH", path, handler);
  }
  add_delete(path: unknown, handler: unknown): null {
    return this.add_route("DELETE", path, handler);
  }
  add_head(path: unknown, handler: unknown): null {
    return this.add_route("HEAD", path, handler);
  }

  /** The handler for a request: a route, else a 404 or 405 exception to answer with. */
  resolve(method: string, path: string): { handler: unknown; info: Dict<string, string> } | HTTPException {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      if (route.method === method || route.method === "*") {
        return { handler: route.handler, info: new Dict(route.names.map((n, i) => [n, m[i + 1]!] as const)) };
      }
      allowed.push(route.method);
    }
    if (allowed.length === 0) return new httpExceptions["HTTPNotFound"]!();
    const error = new httpExceptions["HTTPMethodNotAllowed"]!();
    error.response.headers["Allow"] = [...new Set(allowed)].sort().join(",");
    return error;
  }
}

export class Application {
  static pythonName = "Application";
  static __module__ = "aiohttp.web_app";
  readonly router = new UrlDispatcher();
  readonly on_startup: unknown[] = [];
  readonly on_cleanup: unknown[] = [];
  private readonly state = new Dict<unknown, unknown>();

  add_routes(routes: unknown): unknown[] {
    for (const r of routes as Iterable<unknown>) {
      if (!(r instanceof RouteDef)) throw new PyTypeError(`Unexpected route definition ${str(r)}`);
      if (r.method === "GET") this.router.add_get(r.path, r.handler);
      else this.router.add_route(r.method, r.path, r.handler);
    }
    return [];
  }
  __getitem__(key: unknown): unknown {
    if (!this.state.has(key)) throw new KeyError(key);
    return this.state.get(key);
  }
  __setitem__(key: unknown, value: unknown): null {
    this.state.set(key, value);
    return null;
  }
  __contains__(key: unknown): boolean {
    return this.state.has(key);
  }
  get(key: unknown, fallback: unknown = null): unknown {
    return this.state.has(key) ? this.state.get(key) : fallback;
  }
  __repr__(): string {
    return "<Application 0x7f0000000000>";
  }
}

/** `web.RouteTableDef()`: `@routes.get("/path")` records the route and keeps the handler. */
export class RouteTableDef {
  static pythonName = "RouteTableDef";
  static __module__ = "aiohttp.web_routedef";
  private readonly defs: RouteDef[] = [];
  private add(method: string, path: unknown): (handler: unknown) => unknown {
    return (handler: unknown) => {
      this.defs.push(new RouteDef(method, String(path), handler));
      return handler;
    };
  }
  route(method: unknown, path: unknown): (handler: unknown) => unknown {
    return this.add(String(method).toUpperCase(), path);
  }
  get(path: unknown): (handler: unknown) => unknown {
    return this.add("GET", path);
  }
  post(path: unknown): (handler: unknown) => unknown {
    return this.add("POST", path);
  }
  put(path: unknown): (handler: unknown) => unknown {
    return this.add("PUT", path);
  }
  patch(path: unknown): (handler: unknown) => unknown {
    return this.add("PATCH", path);
  }
  delete(path: unknown): (handler: unknown) => unknown {
    return this.add("DELETE", path);
  }
  head(path: unknown): (handler: unknown) => unknown {
    return this.add("HEAD", path);
  }
  *[Symbol.iterator](): Iterator<RouteDef> {
    yield* this.defs;
  }
  __iter__(): Iterator<RouteDef> {
    return this.defs[Symbol.iterator]();
  }
  __len__(): bigint {
    return BigInt(this.defs.length);
  }
}

const routeDef = (method: string) => (path: unknown, handler: unknown): RouteDef => new RouteDef(method, String(path), handler);

// ---- serving ----

/** Writes a response (or an HTTP exception's) to Node's response. */
function send(res: http.ServerResponse, r: StreamResponse, head: boolean): void {
  const headers: Record<string, string> = { ...r.headers, Server: SERVER };
  const body = r.body ?? new Uint8Array(0);
  const noBody = r.status === 204n || r.status === 304n || Number(r.status) < 200;
  if (!noBody) {
    headers["Content-Type"] ??= r.charset === null ? r.content_type : `${r.content_type}; charset=${r.charset}`;
    headers["Content-Length"] = String(body.length);
  }
  res.writeHead(Number(r.status), r.reason, headers);
  res.end(noBody || head ? undefined : Buffer.from(body));
}

export class AppRunner {
  static pythonName = "AppRunner";
  static __module__ = "aiohttp.web_runner";
  readonly sites: TCPSite[] = [];
  constructor(readonly app: Application) {}

  setup(): Coroutine<null> {
    const app = this.app;
    return coroutine(function* () {
      for (const callback of app.on_startup) yield* await_(callValue(callback, app));
      return null;
    }, "AppRunner.setup");
  }
  get addresses(): Tuple[] {
    return this.sites.flatMap((s) => (s.address === null ? [] : [Tuple.of(s.address[0], BigInt(s.address[1]))]));
  }
  cleanup(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      for (const site of self.sites) yield* site.stop()._awaitIterator();
      for (const callback of self.app.on_cleanup) yield* await_(callValue(callback, self.app));
      return null;
    }, "AppRunner.cleanup");
  }

  /** Node's request: read the body, then answer from a task on the loop. */
  _handle(loop: Loop, req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        loop.call_soon_threadsafe(() => {
          create_task(this.answer(req, res, Bytes.fromArray(Buffer.concat(chunks))));
          return null;
        });
      } catch {
        res.destroy(); // the loop is closed: nobody will answer
      }
    });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, data: Bytes): Coroutine<null> {
    const app = this.app;
    return coroutine(function* () {
      const method = req.method ?? "GET";
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      const found = app.router.resolve(method, path);
      let response: StreamResponse;
      if (found instanceof HTTPException) response = found.response;
      else {
        try {
          response = (yield* await_(callValue(found.handler, new Request(req, data, app, found.info)))) as StreamResponse;
          if (!(response instanceof StreamResponse)) throw new RuntimeError(`Web-handler should return a response instance, got ${str(response)}`);
        } catch (error) {
          if (!(error instanceof Exception)) {
            res.destroy(); // cancelled (the loop ends): no answer
            throw error;
          }
          if (!(error instanceof HTTPException)) {
            process.stderr.write(`Error handling request\n`);
            response = new Response(kw({ status: 500n, text: "500 Internal Server Error\n\nServer got itself in trouble" }));
          } else response = error.response;
        }
      }
      send(res, response, method === "HEAD");
      return null;
    }, "RequestHandler._handle_request");
  }
}

export class TCPSite {
  static pythonName = "TCPSite";
  static __module__ = "aiohttp.web_runner";
  address: [string, number] | null = null;
  private server: http.Server | null = null;
  readonly host: string;
  readonly port: number;

  constructor(readonly runner: AppRunner, ...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const host = pos[0] ?? kws["host"];
    const port = pos[1] ?? kws["port"];
    this.host = isNone(host) || host === undefined ? "0.0.0.0" : String(host);
    this.port = isNone(port) || port === undefined ? 8080 : toNumber(port);
  }
  get name(): string {
    return `http://${this.host}:${this.address?.[1] ?? this.port}`;
  }
  start(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      const loop = get_running_loop() as unknown as Loop;
      const listening = loop.create_future();
      const server = nodeModule("node:http").createServer((req, res) => self.runner._handle(loop, req, res));
      self.server = server;
      server.once("error", (e: NodeJS.ErrnoException) => {
        loop.call_soon_threadsafe(() => listening.set_exception(new Exception(`[Errno 98] error while attempting to bind on address ('${self.host}', ${self.port}): ${e.code === "EADDRINUSE" ? "address already in use" : e.message}`)));
      });
      server.listen(self.port, self.host, () => {
        const a = server.address();
        if (a !== null && typeof a === "object") self.address = [a.address, a.port];
        loop.call_soon_threadsafe(() => listening.set_result(null));
      });
      yield* await_(listening as never);
      self.runner.sites.push(self);
      return null;
    }, "TCPSite.start");
  }
  stop(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      const server = self.server;
      if (server === null) return null;
      self.server = null;
      const loop = get_running_loop() as unknown as Loop;
      const closed = loop.create_future();
      server.close(() => loop.call_soon_threadsafe(() => closed.set_result(null)));
      server.closeAllConnections();
      yield* await_(closed as never);
      return null;
    }, "TCPSite.stop");
  }
}

/** The `aiohttp.web` module object. */
export const webModule = moduleObject("aiohttp.web", {
  Application: pyClass(Application),
  AppRunner: pyClass(AppRunner),
  TCPSite: pyClass(TCPSite),
  Request,
  Response: pyClass(Response),
  StreamResponse,
  RouteTableDef: pyClass(RouteTableDef),
  RouteDef,
  UrlDispatcher,
  json_response,
  get: routeDef("GET"),
  post: routeDef("POST"),
  put: routeDef("PUT"),
  patch: routeDef("PATCH"),
  delete: routeDef("DELETE"),
  head: routeDef("HEAD"),
  route: (method: unknown, path: unknown, handler: unknown) => new RouteDef(String(method).toUpperCase(), String(path), handler),
  ...Object.fromEntries(Object.entries(httpExceptions).map(([k, v]) => [k, pyClass(v)])),
});
