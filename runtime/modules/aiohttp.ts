// A small `aiohttp` client (ClientSession / ClientResponse) on Node's asynchronous HTTP client.
// Requests run concurrently while the event loop keeps going (lecture example 05b). Node's
// completions enter the asyncio loop only through loop.call_soon_threadsafe, so futures are
// resolved by the loop's own ready queue, never directly from a JS callback.

import type * as http from "node:http";
import { nodeModule, tlsTrustOptions } from "../core/host.js";
import { get_running_loop } from "../asyncio/loop-state.js";
import { awaitIterator, await_ } from "../core/await.js";
import { coroutine, type Coroutine } from "../core/coroutine.js";
import { Bytes } from "../values/bytes.js";
import { Dict } from "../values/dict.js";
import { Exception, PyTypeError, RuntimeError, TimeoutError, ValueError } from "../values/exceptions.js";
import { dumps } from "./json.js";
import { webModule } from "./aiohttp-web.js";
import { splitKw } from "../values/kwargs.js";
import { str } from "../values/repr.js";
import { recording } from "../core/recording.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { osErrorFor } from "./urllib.js";
import { moduleObject } from "./module-object.js";
import { callMethod } from "../values/methods.js";
import { iterable } from "../values/iteration.js";

// ---- the loop and futures, as far as this module needs them ----

interface LoopFuture {
  done(): boolean;
  set_result(value: unknown): unknown;
  set_exception(error: unknown): unknown;
}
interface Loop {
  create_future(): LoopFuture;
  call_soon_threadsafe(callback: (...args: unknown[]) => unknown, ...args: unknown[]): unknown;
}

/** Settles `future` from a Node callback by way of the loop's ready queue. */
function settleFromNode(loop: Loop, future: LoopFuture, outcome: { value: unknown } | { error: unknown }): void {
  try {
    loop.call_soon_threadsafe(() => {
      if (future.done()) return null; // cancelled meanwhile
      if ("error" in outcome) future.set_exception(outcome.error);
      else future.set_result(outcome.value);
      return null;
    });
  } catch {
    // The loop was closed before the network answered: nobody is waiting any more.
  }
}

// ---- exceptions (aiohttp.client_exceptions) ----

export class ClientError extends Exception {
  static __module__ = "aiohttp.client_exceptions";
}
export class ClientConnectionError extends ClientError {}
export class ClientOSError extends ClientConnectionError {}
/** Could not connect; the message follows aiohttp 3.8's. */
export class ClientConnectorError extends ClientOSError {
  constructor(readonly host: string, readonly port: number, readonly ssl: boolean, readonly os_error: unknown) {
    super(`Cannot connect to host ${host}:${port} ssl:default [${connectText(os_error, host, port)}]`);
  }
}
export class ServerDisconnectedError extends ClientConnectionError {}
export class ClientResponseError extends ClientError {
  // Python's attribute `message` is the reason alone, so str() is spelled out in __str__.
  constructor(readonly status: bigint, override readonly message: string, readonly url: string) {
    super(`${status}, message='${message}', url='${url}'`);
  }
  __str__(): string {
    return `${this.status}, message='${this.message}', url='${this.url}'`;
  }
}
export class ContentTypeError extends ClientResponseError {}
for (const cls of [ClientConnectionError, ClientOSError, ClientConnectorError, ServerDisconnectedError, ClientResponseError, ContentTypeError]) {
  Object.defineProperty(cls, "__module__", { value: "aiohttp.client_exceptions" });
}

function connectText(osError: unknown, host: string, port: number): string {
  const errno = (osError as { errno?: unknown }).errno;
  if (errno === 111n) return `Connect call failed ('${host}', ${port})`;
  const strerror = (osError as { strerror?: unknown }).strerror;
  return isNone(strerror) ? str(osError) : str(strerror);
}

// ---- responses ----

/** JSON text to Python values: objects become dicts, whole numbers ints. */
function fromJson(value: unknown): any {
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : value;
  if (typeof value === "object" && value !== null) {
    return new Dict(Object.entries(value).map(([k, v]) => [k, fromJson(v)] as const));
  }
  return value;
}

export class ClientResponse {
  static pythonName = "ClientResponse";
  static __module__ = "aiohttp.client_reqrep";
  readonly method: string;
  readonly url: string;
  readonly status: bigint;
  readonly reason: string;
  readonly headers: HttpHeaders;
  private readonly body: LoopFuture & { result?(): unknown };
  private released = false;

  constructor(method: string, url: string, message: http.IncomingMessage, body: LoopFuture) {
    this.method = method;
    this.url = url;
    this.status = BigInt(message.statusCode ?? 0);
    this.reason = message.statusMessage ?? "";
    this.headers = HttpHeaders.fromRaw(message.rawHeaders, "keyerror");
    this.body = body;
  }

  get content_type(): string {
    return this.headers.get_content_type() === "text/plain" && !this.headers.__contains__("Content-Type")
      ? "application/octet-stream"
      : this.headers.get_content_type();
  }
  get charset(): string | null {
    const match = /charset=([^;]+)/i.exec(String(this.headers.get("Content-Type", "")));
    return match ? match[1]!.trim().replace(/^"|"$/g, "") : null;
  }
  get ok(): boolean {
    return this.status < 400n;
  }

  /** `await resp.read()`: the whole body as bytes. */
  read(): Coroutine<Bytes> {
    const body = this.body;
    return coroutine(function* () {
      return (yield* await_(body)) as Bytes;
    }, "ClientResponse.read");
  }
  /** `await resp.text(encoding=None)`. */
  text(...args: unknown[]): Coroutine<string> {
    const [pos, kws] = splitKw(args);
    const encoding = pos[0] ?? kws["encoding"];
    const self = this;
    return coroutine(function* () {
      const bytes = (yield* await_(self.body)) as Bytes;
      const label = isNone(encoding) ? (self.charset ?? "utf-8") : String(encoding);
      return new TextDecoder(label).decode(bytes);
    }, "ClientResponse.text");
  }
  /** `await resp.json()`: refuses a non-JSON content type as aiohttp does. */
  json(...args: unknown[]): Coroutine<unknown> {
    const [, kws] = splitKw(args);
    const expected = "content_type" in kws ? kws["content_type"] : "application/json";
    const self = this;
    return coroutine(function* () {
      const bytes = (yield* await_(self.body)) as Bytes;
      const type = self.content_type;
      if (!isNone(expected) && !type.includes(String(expected))) {
        throw new ContentTypeError(self.status, `Attempt to decode JSON with unexpected mimetype: ${type}`, self.url);
      }
      const text = new TextDecoder(self.charset ?? "utf-8").decode(bytes);
      if (text.trim() === "") return null;
      try {
        return fromJson(JSON.parse(text));
      } catch (e) {
        throw new ValueError(String((e as Error).message));
      }
    }, "ClientResponse.json");
  }
  raise_for_status(): null {
    if (this.status >= 400n) throw new ClientResponseError(this.status, this.reason, this.url);
    return null;
  }
  release(): null {
    this.released = true;
    return null;
  }
  close(): null {
    return this.release();
  }
  get closed(): boolean {
    return this.released;
  }
  __aenter__(): Coroutine<ClientResponse> {
    const self = this;
    return coroutine(function* () {
      return self;
    }, "ClientResponse.__aenter__");
  }
  __aexit__(..._exc: unknown[]): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      self.release();
      return null;
    }, "ClientResponse.__aexit__");
  }
  __repr__(): string {
    return `<ClientResponse(${this.url}) [${this.status} ${this.reason}]>`;
  }
}

// ---- the `session.get(url)` object: awaitable and an async context manager ----

export class RequestContextManager {
  static pythonName = "_RequestContextManager";
  static __module__ = "aiohttp.client";
  private response: ClientResponse | null = null;

  constructor(private readonly request: Coroutine<ClientResponse>) {}

  [awaitIterator](): Generator<unknown, ClientResponse, unknown> {
    return this.request._awaitIterator();
  }
  __await__(): Generator<unknown, ClientResponse, unknown> {
    return this[awaitIterator]();
  }
  __aenter__(): Coroutine<ClientResponse> {
    const self = this;
    return coroutine(function* () {
      self.response = yield* await_(self.request);
      return self.response;
    }, "_RequestContextManager.__aenter__");
  }
  __aexit__(..._exc: unknown[]): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      self.response?.release();
      return null;
    }, "_RequestContextManager.__aexit__");
  }
}

// ---- timeouts ----

/** `aiohttp.ClientTimeout(total=None, connect=None, sock_read=None, sock_connect=None)`: only `total` is enforced. */
export class ClientTimeout {
  static pythonName = "ClientTimeout";
  static __module__ = "aiohttp.client";
  readonly total: number | null;
  readonly connect: number | null;
  readonly sock_read: number | null;
  readonly sock_connect: number | null;
  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const seconds = (x: unknown): number | null => (isNone(x) || x === undefined ? null : toNumber(x));
    this.total = seconds(pos[0] ?? kws["total"]);
    this.connect = seconds(pos[1] ?? kws["connect"]);
    this.sock_read = seconds(pos[2] ?? kws["sock_read"]);
    this.sock_connect = seconds(pos[3] ?? kws["sock_connect"]);
  }
  __repr__(): string {
    const f = (x: number | null): string => (x === null ? "None" : Number.isInteger(x) ? String(x) : String(x));
    return `ClientTimeout(total=${f(this.total)}, connect=${f(this.connect)}, sock_read=${f(this.sock_read)}, sock_connect=${f(this.sock_connect)}, ceil_threshold=5)`;
  }
}

/** The seconds a `timeout=` argument allows in all (a ClientTimeout's total, or a number). */
function totalSeconds(timeout: unknown): number | null {
  if (timeout instanceof ClientTimeout) return timeout.total;
  if (typeof timeout === "number" || typeof timeout === "bigint") return toNumber(timeout);
  return null;
}

// ---- the session ----

export class ClientSession {
  static pythonName = "ClientSession";
  static __module__ = "aiohttp.client";
  // Node's HTTP client, loaded with the first session (core/host.ts)
  private readonly agent = new (nodeModule("node:http").Agent)({ keepAlive: true });
  private readonly secureAgent = new (nodeModule("node:https").Agent)({ keepAlive: true });
  private readonly defaultHeaders: Record<string, string> = {};
  private isClosed = false;
  private readonly timeout: unknown;
  private readonly baseUrl: string | null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    this.timeout = kws["timeout"];
    const base = pos[0] ?? kws["base_url"];
    this.baseUrl = isNone(base) || base === undefined ? null : String(base);
    const headers = kws["headers"];
    if (!isNone(headers)) {
      const entries = (headers as { entries?: () => Iterable<[unknown, unknown]> }).entries;
      const pairs = typeof entries === "function" ? entries.call(headers) : Object.entries(headers as object);
      for (const [k, v] of pairs) this.defaultHeaders[String(k)] = String(v);
    }
  }

  get closed(): boolean {
    return this.isClosed;
  }

  request(method: unknown, url: unknown, ...rest: unknown[]): RequestContextManager {
    return new RequestContextManager(this.send(String(method).toUpperCase(), url, rest));
  }
  get(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("GET", url, ...rest);
  }
  post(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("POST", url, ...rest);
  }
  put(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("PUT", url, ...rest);
  }
  delete(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("DELETE", url, ...rest);
  }
  head(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("HEAD", url, ...rest);
  }
  patch(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("PATCH", url, ...rest);
  }
  options(url: unknown, ...rest: unknown[]): RequestContextManager {
    return this.request("OPTIONS", url, ...rest);
  }

  /** The request coroutine (aiohttp's `ClientSession._request`); nothing is sent until awaited. */
  private send(method: string, url: unknown, rest: unknown[]): Coroutine<ClientResponse> {
    const [, kws] = splitKw(rest);
    const self = this;
    return coroutine(function* () {
      if (self.isClosed) throw new RuntimeError("Session is closed");
      const target = self.baseUrl === null ? new URL(String(url)) : new URL(String(url), self.baseUrl);
      for (const [k, v] of paramPairs(kws["params"])) target.searchParams.append(k, v);
      const loop = get_running_loop() as unknown as Loop;
      const responseFuture = loop.create_future();
      if (recording.recorder !== null) recording.recorder.label(responseFuture, `socket read: ${method} ${target.pathname}${target.search}`);
      const headers: Record<string, string> = { ...self.defaultHeaders };
      let body: Buffer | null = null;
      for (const [k, v] of paramPairs(kws["headers"])) headers[k] = v;
      if (!isNone(kws["data"]) && kws["data"] !== undefined) {
        const data = kws["data"];
        if (data instanceof Uint8Array) body = Buffer.from(data);
        else if (typeof data === "string") {
          body = Buffer.from(data, "utf8");
          headers["Content-Type"] ??= "text/plain; charset=utf-8";
        } else {
          // a dict of form fields
          body = Buffer.from(new URLSearchParams(paramPairs(data)).toString(), "utf8");
          headers["Content-Type"] ??= "application/x-www-form-urlencoded";
        }
      } else if (kws["json"] !== undefined) {
        body = Buffer.from(dumps(kws["json"]), "utf8");
        headers["Content-Type"] = "application/json";
      }
      const secure = target.protocol === "https:";
      const client = secure ? nodeModule("node:https") : nodeModule("node:http");
      const port = Number(target.port || (secure ? 443 : 80));
      let stopTimer = (): void => undefined;
      let bodyFailer: ((error: unknown) => void) | null = null;
      const request = client.request(
        target,
        // (trusting NODE_EXTRA_CA_CERTS where Node started without it: core/host.ts)
        secure ? { method, headers, agent: self.secureAgent, ...tlsTrustOptions() } : { method, headers, agent: self.agent },
        (message) => {
          const bodyFuture = loop.create_future();
          const chunks: Buffer[] = [];
          message.on("data", (chunk: Buffer) => chunks.push(chunk));
          message.on("end", () => {
            stopTimer();
            settleFromNode(loop, bodyFuture, { value: Bytes.fromArray(Buffer.concat(chunks)) });
          });
          bodyFailer = (error) => settleFromNode(loop, bodyFuture, { error });
          message.on("error", () => settleFromNode(loop, bodyFuture, { error: new ServerDisconnectedError("Server disconnected") }));
          const response = new ClientResponse(method, target.href, message, bodyFuture);
          settleFromNode(loop, responseFuture, { value: response });
        },
      );
      request.on("error", (e: NodeJS.ErrnoException) => {
        stopTimer();
        const error = new ClientConnectorError(target.hostname, port, secure, osErrorFor(e.code ?? "", e.message));
        settleFromNode(loop, responseFuture, { error });
      });
      // The total timeout runs until the body has come: then the request fails with TimeoutError.
      const total = totalSeconds(kws["timeout"] ?? self.timeout);
      if (total !== null) {
        const timer = setTimeout(() => {
          request.destroy();
          settleFromNode(loop, responseFuture, { error: new TimeoutError() });
          const failBody = bodyFailer;
          if (failBody !== null) failBody(new TimeoutError());
        }, total * 1000);
        stopTimer = () => clearTimeout(timer);
      }
      if (body !== null) request.write(body);
      request.end();
      try {
        return (yield* await_(responseFuture)) as ClientResponse;
      } catch (error) {
        request.destroy(); // cancelled or failed: drop the connection
        throw error;
      }
    }, "ClientSession._request");
  }

  /** `await session.close()`. */
  close(): Coroutine<null> {
    const self = this;
    return coroutine(function* () {
      self.closeNow();
      return null;
    }, "ClientSession.close");
  }
  private closeNow(): void {
    this.isClosed = true;
    this.agent.destroy();
    this.secureAgent.destroy();
  }
  __enter__(): never {
    throw new PyTypeError("Use async with instead");
  }
  __aenter__(): Coroutine<ClientSession> {
    const self = this;
    return coroutine(function* () {
      return self;
    }, "ClientSession.__aenter__");
  }
  __aexit__(..._exc: unknown[]): Coroutine<null> {
    return this.close();
  }
  __repr__(): string {
    return "<aiohttp.client.ClientSession object>";
  }
}

/** Query parameters or headers given as a dict, a list of pairs or None. */
function paramPairs(x: unknown): [string, string][] {
  if (isNone(x) || x === undefined) return [];
  if (typeof x === "string") return [...new URLSearchParams(x).entries()];
  const pairs = (x instanceof Dict ? x.entries() : typeof (x as { keys?: unknown }).keys === "function" ? iterable(callMethod(x, "items")) : iterable(x)) as Iterable<unknown>;
  return Array.from(pairs, (p) => {
    const [k, v] = Array.from(p as Iterable<unknown>);
    return [str(k), typeof v === "string" ? v : str(v)];
  });
}

/** The `aiohttp` module object. */
export const aiohttpModule = moduleObject("aiohttp", {
  web: webModule,
  ClientTimeout: pyClass(ClientTimeout),
  ClientSession: pyClass(ClientSession),
  ClientResponse,
  ClientError,
  ClientConnectionError,
  ClientOSError,
  ClientConnectorError,
  ClientResponseError,
  ContentTypeError,
  ServerDisconnectedError,
});
