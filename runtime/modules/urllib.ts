// Python's `urllib.request.urlopen`, synchronous as in CPython: the calling thread blocks
// (Atomics.wait) while a helper worker thread performs the request, so a coroutine that calls
// it stalls the whole event loop (lecture example 05a).

import type { MessagePort, Worker } from "node:worker_threads";
import { noteBlocked } from "../core/effort-clock.js";
import { nodeModule } from "../core/host.js";
import { Bytes } from "../values/bytes.js";
import { ConnectionRefusedError, ConnectionResetError, OSError, PyTypeError, TimeoutError, ValueError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, str } from "../values/repr.js";
import { recorder } from "../core/recording.js";
import { typeName } from "../values/typename.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { HTTPResponse } from "./http-response.js";

export { HTTPResponse };
import { WORKER_SOURCE } from "./urllib-worker.js";
import { urllibParseModule } from "./urllib-parse.js";
import { moduleObject } from "./module-object.js";
import { inGreenThread, waitInThread } from "../threads/scheduler.js";

// ---- urllib.error ----

export class URLError extends OSError {
  static override pythonName = "URLError";
  static __module__ = "urllib.error";
  readonly reason: unknown;
  constructor(reason: unknown) {
    super(reason);
    this.reason = reason;
  }
  __str__(): string {
    return `<urlopen error ${reasonText(this.reason)}>`;
  }
}

/** An HTTP status >= 400. Like CPython's, it is also a response: read() gives the body. */
export class HTTPError extends URLError {
  static override pythonName = "HTTPError";
  static override __module__ = "urllib.error";
  readonly code: bigint;
  readonly msg: string;
  readonly hdrs: HttpHeaders;
  readonly url: string;
  private readonly body: Bytes;
  private consumed = false;

  constructor(url: string, code: bigint, msg: string, hdrs: HttpHeaders, body: Bytes = new Bytes(0)) {
    super(msg);
    this.url = url;
    this.code = code;
    this.msg = msg;
    this.hdrs = hdrs;
    this.body = body;
  }
  get headers(): HttpHeaders {
    return this.hdrs;
  }
  get status(): bigint {
    return this.code;
  }
  getcode(): bigint {
    return this.code;
  }
  geturl(): string {
    return this.url;
  }
  info(): HttpHeaders {
    return this.hdrs;
  }
  read(): Bytes {
    if (this.consumed) return new Bytes(0);
    this.consumed = true;
    return this.body;
  }
  override __str__(): string {
    return `HTTP Error ${this.code}: ${this.msg}`;
  }
  __repr__(): string {
    return `<HTTPError ${this.code}: '${this.msg}'>`;
  }
}

function reasonText(reason: unknown): string {
  if (reason instanceof OSError && reason.args.length >= 2) {
    return `[Errno ${str(reason.errno)}] ${str(reason.strerror)}`;
  }
  return str(reason);
}

/** A Node network error code as the OSError CPython would have raised for it (Linux errno). */
export function osErrorFor(code: string, message: string): OSError {
  switch (code) {
    case "ECONNREFUSED": return new ConnectionRefusedError(111n, "Connection refused");
    case "ECONNRESET": return new ConnectionResetError(104n, "Connection reset by peer");
    case "EHOSTUNREACH": return new OSError(113n, "No route to host");
    case "ENETUNREACH": return new OSError(101n, "Network is unreachable");
    case "ETIMEDOUT": return new TimeoutError(110n, "Connection timed out");
    case "ENOTFOUND": return new OSError(-2n, "Name or service not known");
    case "EAI_AGAIN": return new OSError(-3n, "Temporary failure in name resolution");
    case "PYTS_TIMEOUT": return new TimeoutError("timed out");
    default: return new OSError(message);
  }
}

// ---- urllib.request ----

/** `urllib.request.Request(url, data=None, headers={}, method=None)`. */
export class Request {
  static pythonName = "Request";
  static __module__ = "urllib.request";
  full_url: string;
  data: Bytes | null;
  headers: Record<string, string>;
  private readonly explicitMethod: string | null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const url = pos[0] ?? kws["url"];
    const data = pos.length > 1 ? pos[1] : kws["data"];
    const headers = pos.length > 2 ? pos[2] : kws["headers"];
    const method = pos.length > 5 ? pos[5] : kws["method"];
    if (typeof url !== "string") throw new PyTypeError(`expected string or bytes-like object, got '${typeName(url)}'`);
    this.full_url = url;
    this.data = isNone(data) ? null : asBody(data);
    this.headers = {};
    for (const [k, v] of headerEntries(headers)) this.headers[capitalize(String(k))] = String(v);
    this.explicitMethod = isNone(method) ? null : String(method);
  }

  get_method(): string {
    return this.explicitMethod ?? (this.data !== null ? "POST" : "GET");
  }
  get_full_url(): string {
    return this.full_url;
  }
  add_header(key: unknown, value: unknown): null {
    this.headers[capitalize(String(key))] = String(value);
    return null;
  }
}

/** urllib stores header names as `str.capitalize()` does ("content-type" -> "Content-type"). */
function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
}

function headerEntries(headers: unknown): Iterable<readonly [unknown, unknown]> {
  if (isNone(headers)) return [];
  const entries = (headers as { entries?: () => Iterable<readonly [unknown, unknown]> }).entries;
  if (typeof entries === "function") return entries.call(headers);
  return Object.entries(headers as object);
}

function asBody(data: unknown): Bytes {
  if (data instanceof Uint8Array) return Bytes.fromArray(data);
  if (typeof data === "string") {
    throw new PyTypeError("POST data should be bytes, an iterable of bytes, or a file object. It cannot be of type str.");
  }
  throw new PyTypeError(`can't concat ${typeName(data)} to bytes`);
}

/** The helper thread's answer: the response (its whole body received) or the error. */
type WorkerReply =
  | { kind: "response"; url: string; status: number; reason: string; version: number; rawHeaders: string[]; body: Uint8Array; tooManyRedirects: boolean }
  | { kind: "error"; code: string; message: string };

/**
 * The helper thread, with the port and flag of blocking requests: made once with it, as a
 * channel per request cost more than the rest of the request's own work on this side.
 */
let helper: { worker: Worker; replyPort: MessagePort; flag: Int32Array } | null = null;

function helperThread(): { worker: Worker; replyPort: MessagePort; flag: Int32Array } {
  if (helper === null) {
    const { Worker, MessageChannel } = nodeModule("node:worker_threads");
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { replyPort: port2, flag }, transferList: [port2] });
    // The idle helper must not keep the process alive (nor its port, read only by receiveMessageOnPort).
    worker.unref();
    port1.unref();
    const started = { worker, replyPort: port1, flag: new Int32Array(flag) };
    worker.on("exit", () => {
      if (helper === started) helper = null;
    });
    helper = started;
  }
  return helper;
}

/** Runs one request on the helper thread and blocks this thread until it has finished. */
function blockingRequest(url: string, method: string, headers: Record<string, string>, body: Bytes | null, timeoutMs: number | null): WorkerReply {
  const { receiveMessageOnPort } = nodeModule("node:worker_threads");
  const { worker, replyPort, flag } = helperThread();
  const job = { url, method, headers, body: body === null ? null : new Uint8Array(body), timeoutMs, port: null };
  Atomics.store(flag, 0, 0);
  worker.postMessage(job);
  const start = performance.now();
  while (Atomics.load(flag, 0) === 0) Atomics.wait(flag, 0, 0);
  noteBlocked((performance.now() - start) / 1000);
  const received = receiveMessageOnPort(replyPort);
  if (received === undefined) return { kind: "error", code: "", message: "no reply from the HTTP helper thread" };
  return received.message as WorkerReply;
}

/** Runs one request on the helper thread; the promise settles with its reply (nothing blocks). */
function requestInBackground(url: string, method: string, headers: Record<string, string>, body: Bytes | null, timeoutMs: number | null): Promise<WorkerReply> {
  const { MessageChannel } = nodeModule("node:worker_threads");
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  const job = { url, method, headers, body: body === null ? null : new Uint8Array(body), timeoutMs, port: port2, flag };
  return new Promise<WorkerReply>((resolve) => {
    port1.once("message", (message: WorkerReply) => {
      port1.close();
      resolve(message);
    });
    helperThread().worker.postMessage(job, [port2]);
  });
}

const DEFAULT_HEADERS = { "User-agent": "Python-urllib/3.11", "Accept-Encoding": "identity", Connection: "close" };

/**
 * `urllib.request.urlopen(url, data=None, timeout=...)`. In a green thread of a program using
 * threads (a call the lowering awaits, or a function run by a thread or executor), it waits
 * without blocking the others, as CPython's I/O releases the GIL.
 */
export function urlopen(...args: unknown[]): HTTPResponse {
  return openURL(args, inGreenThread());
}

/** `urlopen(...)` where the lowering awaits it in a program using threads. */
export function threadUrlopen(...args: unknown[]): Promise<HTTPResponse> {
  return openURL(args, true);
}

function openURL(args: unknown[], background: true): Promise<HTTPResponse>;
function openURL(args: unknown[], background: boolean): HTTPResponse;
function openURL(args: unknown[], background: boolean): HTTPResponse | Promise<HTTPResponse> {
  const [pos, kws] = splitKw(args);
  const target = pos[0] ?? kws["url"];
  const data = pos.length > 1 ? pos[1] : kws["data"];
  const timeout = pos.length > 2 ? pos[2] : kws["timeout"];
  const request = target instanceof Request ? target : new Request(target);
  if (!isNone(data)) request.data = asBody(data);

  const url = request.full_url;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1];
  if (scheme === undefined) throw new ValueError(`unknown url type: '${url}'`);
  if (scheme !== "http" && scheme !== "https") throw new URLError(`unknown url type: ${scheme}`);

  const headers: Record<string, string> = { ...DEFAULT_HEADERS, ...request.headers };
  if (request.data !== null && !("Content-type" in headers)) headers["Content-type"] = "application/x-www-form-urlencoded";
  const timeoutMs = isNone(timeout) ? null : toNumber(timeout) * 1000;
  const rec = recorder;
  const start = rec === null || background ? 0 : rec.blockingBegin();
  if (background) {
    const waiting = requestInBackground(url, request.get_method(), headers, request.data, timeoutMs);
    return Promise.resolve(waitInThread(waiting)).then((reply) => responseFor(reply));
  }
  const reply = blockingRequest(url, request.get_method(), headers, request.data, timeoutMs);
  if (rec !== null) rec.blocked(start, `urlopen(${repr(url)})`);
  return responseFor(reply);
}

function responseFor(reply: WorkerReply): HTTPResponse {
  if (reply.kind === "error") {
    if (reply.code === "PYTS_READ_TIMEOUT") throw new TimeoutError("timed out");
    throw new URLError(osErrorFor(reply.code, reply.message));
  }
  const responseHeaders = HttpHeaders.fromRaw(reply.rawHeaders);
  const body = Bytes.fromArray(reply.body);
  if (reply.tooManyRedirects) {
    throw new HTTPError(
      reply.url, BigInt(reply.status),
      `The HTTP server returned a redirect error that would lead to an infinite loop.\nThe last 30x error message was:\n${reply.reason}`,
      responseHeaders, body,
    );
  }
  if (reply.status >= 400) throw new HTTPError(reply.url, BigInt(reply.status), reply.reason, responseHeaders, body);
  return new HTTPResponse(reply.url, reply.status, reply.reason, reply.version, responseHeaders, body);
}

/** The `urllib` package object: `urllib.request` and `urllib.error`. */
export const urllibModule = moduleObject("urllib", {
  request: moduleObject("urllib.request", { urlopen, Request: pyClass(Request) }),
  error: moduleObject("urllib.error", { URLError: pyClass(URLError), HTTPError: pyClass(HTTPError) }),
  parse: urllibParseModule,
});
