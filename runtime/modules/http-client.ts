// `http.client`: HTTPConnection on the `socket` module's sockets, so a client and a server
// (http.server in a thread) of one program talk over 127.0.0.1. getresponse() waits for the
// server as recv does (a thread switch once green threads run). `http.HTTPStatus` too.

import { Bytes } from "../values/bytes.js";
import { ConnectionResetError, Exception, OSError, PyTypeError, RuntimeError } from "../values/exceptions.js";
import { declareClassValues } from "../values/declared-attributes.js";
import { inheritFrom } from "../lang/mro.js";
import { greenThreadsRun } from "../threads/scheduler.js";
import { Kwargs, splitKw } from "../values/kwargs.js";
import { Tuple } from "../values/tuple.js";
import { str } from "../values/repr.js";
import { getitem } from "../values/subscript.js";
import { IntEnum, defineMembers } from "./enum.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { HTTP_STATUS } from "./http-status-data.js";
import { HTTPResponse } from "./http-response.js";
import { drive, type Steps } from "./socket-host.js";
import { socketModule, type PySocket } from "./socket.js";
import type { SocketFile } from "./socket-file.js";

export class HTTPException extends Exception {
  static readonly __module__: string = "http.client";
}
export class BadStatusLine extends HTTPException {
  static override readonly __module__ = "http.client";
  line: unknown;
  constructor(line: unknown = "") {
    // (an empty line is shown by its repr)
    super(line === "" ? "''" : line);
    this.line = line === "" ? "''" : line;
  }
}
/** The server closed the connection before a response: a ConnectionResetError and a BadStatusLine. */
export class RemoteDisconnected extends ConnectionResetError {
  static readonly __module__ = "http.client";
  static {
    inheritFrom(this, [ConnectionResetError, BadStatusLine]);
  }
  line: unknown = "''";
}

const BODY_METHODS = new Set(["PATCH", "POST", "PUT"]);

/** Where set_tunnel sends the connection through the proxy. */
type Tunnel = { host: string; port: bigint; headers: [string, string][] };

/** Reads a response's status line, headers and body from a socket file. */
export function* readResponse(file: SocketFile, method: string): Steps<HTTPResponse> {
  let match: RegExpExecArray | null;
  for (;;) {
    const line = new TextDecoder("latin1").decode((yield* file._lineSteps(65537)) as Bytes);
    if (line === "") throw new RemoteDisconnected("Remote end closed connection without response");
    match = /^(HTTP\/1\.[01]) (\d{3})(?: (.*?))?\r?\n$/.exec(line);
    if (match === null) throw new BadStatusLine(line.replace(/\r?\n$/, ""));
    if (match[2] !== "100") break;
    // (an interim `100 Continue`: its headers are skipped, and the real status follows)
    for (;;) {
      const skipped = new TextDecoder("latin1").decode((yield* file._lineSteps(65537)) as Bytes);
      if (skipped === "\r\n" || skipped === "\n" || skipped === "") break;
    }
  }
  const raw: string[] = [];
  for (;;) {
    const header = new TextDecoder("latin1").decode((yield* file._lineSteps(65537)) as Bytes);
    if (header === "\r\n" || header === "\n" || header === "") break;
    const colon = header.indexOf(":");
    raw.push(header.slice(0, colon), header.slice(colon + 1).trim());
  }
  const headers = HttpHeaders.fromRaw(raw);
  const status = Number(match[2]);
  let body: Uint8Array = new Uint8Array(0);
  if (method !== "HEAD" && status !== 204 && status !== 304 && !(status >= 100 && status < 200)) {
    const length = headers.get("Content-Length");
    const chunked = String(headers.get("Transfer-Encoding") ?? "").toLowerCase() === "chunked";
    if (chunked) {
      const parts: Uint8Array[] = [];
      for (;;) {
        const size = parseInt(new TextDecoder().decode((yield* file._lineSteps(65537)) as Bytes), 16);
        if (!(size > 0)) break;
        parts.push((yield* file._readSteps(size)) as Bytes);
        yield* file._lineSteps(2);
      }
      body = Bytes.fromArray(parts.flatMap((p) => Array.from(p)));
    } else body = (yield* file._readSteps(typeof length === "string" ? Number(length) : -1)) as Bytes;
  }
  return new HTTPResponse(null, status, match[3] ?? "", match[1] === "HTTP/1.0" ? 10 : 11, headers, Bytes.fromArray(body), () => file.fileno());
}

export class HTTPConnection {
  static readonly pythonName: string = "HTTPConnection";
  static readonly __module__ = "http.client";
  static default_port = 80n;
  host: string;
  port: bigint;
  timeout: unknown;
  sock: PySocket | null = null;
  private buffer: string[] = [];
  private tunnel: Tunnel | null = null;
  /** The proxy's answer to CONNECT is still to be read (green threads: see connect). */
  private tunnelPending = false;
  declare debuglevel: unknown;
  private method = "GET";

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    let host = str(pos[0] ?? kws["host"]);
    let port = pos[1] ?? kws["port"] ?? null;
    this.timeout = pos.length > 2 ? pos[2] : "timeout" in kws ? kws["timeout"] : undefined;
    const colon = host.lastIndexOf(":");
    if (isNone(port) && colon > host.lastIndexOf("]")) {
      port = BigInt(host.slice(colon + 1));
      host = host.slice(0, colon);
    }
    this.host = host.replace(/^\[(.*)\]$/, "$1");
    this.port = isNone(port) ? 80n : BigInt(toNumber(port));
  }

  set_debuglevel(level: unknown): null {
    this.debuglevel = level;
    return null;
  }

  /**
   * `set_tunnel(host, port=None, headers=None)`: connect through the HTTP proxy this connection
   * names, which `CONNECT host:port` opens a tunnel to `host` on.
   */
  set_tunnel(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    if (this.sock !== null) throw new RuntimeError("Can't set up tunnel for established connection");
    let host = str(pos[0] ?? kws["host"]);
    let port = pos[1] ?? kws["port"] ?? null;
    const colon = host.lastIndexOf(":");
    if (isNone(port) && colon > host.lastIndexOf("]")) {
      port = BigInt(host.slice(colon + 1));
      host = host.slice(0, colon);
    }
    const headers = pos[2] ?? kws["headers"] ?? null;
    this.tunnel = {
      host: host.replace(/^\[(.*)\]$/, "$1"),
      port: isNone(port) ? ((this.constructor as typeof HTTPConnection).default_port as bigint) : BigInt(toNumber(port)),
      headers: isNone(headers) ? [] : Array.from(headers as Iterable<unknown>, (k) => [str(k), str(getitem(headers, k))] as [string, string]),
    };
    return null;
  }

  /**
   * Connects; through a tunnel, opens it first. While green threads run (the proxy may be a
   * thread of this program) the proxy's answer is read by getresponse, which waits, before
   * the response's: the request follows the CONNECT at once.
   */
  connect(): null {
    const args: unknown[] = [Tuple.of(this.host, this.port)];
    if (this.timeout !== undefined) args.push(this.timeout);
    this.sock = socketModule.create_connection(...args);
    if (this.tunnel === null) return null;
    this.sendConnect(this.tunnel);
    if (greenThreadsRun()) this.tunnelPending = true;
    else drive(this.tunnelReplySteps());
    return null;
  }

  private sendConnect(tunnel: Tunnel): void {
    const lines = [`CONNECT ${tunnel.host}:${tunnel.port} HTTP/1.0\r\n`, ...tunnel.headers.map(([k, v]) => `${k}: ${v}\r\n`), "\r\n"];
    this.sock!.sendall(Bytes.fromArray(Array.from(lines.join(""), (c) => c.charCodeAt(0) & 0xff)));
  }

  /** `CONNECT host:port` to the proxy; anything but 200 closes the connection and raises. */
  private *tunnelReplySteps(file: SocketFile = this.sock!.makefile("rb"), closeFile = true): Steps<null> {
    let reply: HTTPResponse;
    try {
      reply = yield* readResponse(file, "HEAD");
    } finally {
      if (closeFile) file.close();
    }
    if (reply.status !== 200n) {
      this.close();
      throw new OSError(`Tunnel connection failed: ${reply.status} ${reply.reason.trim()}`);
    }
    return null;
  }

  close(): null {
    this.sock?.close();
    this.sock = null;
    return null;
  }

  putrequest(method: unknown, url: unknown, ...rest: unknown[]): null {
    const [, kws] = splitKw(rest);
    this.method = str(method);
    this.buffer = [`${this.method} ${str(url) || "/"} HTTP/1.1`];
    if (kws["skip_host"] !== true) {
      const [host, port] = this.tunnel === null ? [this.host, this.port] : [this.tunnel.host, this.tunnel.port];
      this.buffer.push(`Host: ${port === (this.constructor as typeof HTTPConnection).default_port ? host : `${host}:${port}`}`);
    }
    if (kws["skip_accept_encoding"] !== true) this.buffer.push("Accept-Encoding: identity");
    return null;
  }

  putheader(header: unknown, ...values: unknown[]): null {
    this.buffer.push(`${str(header)}: ${values.map((v) => str(v)).join("\r\n\t")}`);
    return null;
  }

  endheaders(body?: unknown): null {
    if (this.sock === null) this.connect();
    const head = new TextEncoder().encode(this.buffer.join("\r\n") + "\r\n\r\n");
    this.sock!.sendall(Bytes.fromArray(head));
    if (!isNone(body) && body !== undefined) this.send(body);
    return null;
  }

  send(data: unknown): null {
    if (this.sock === null) this.connect();
    const bytes = typeof data === "string" ? Bytes.fromArray(new TextEncoder().encode(data)) : data;
    this.sock!.sendall(bytes);
    return null;
  }

  request(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const method = str(pos[0] ?? kws["method"]);
    const url = pos[1] ?? kws["url"];
    let body = pos.length > 2 ? pos[2] : kws["body"] ?? null;
    const headers = (pos.length > 3 ? pos[3] : kws["headers"]) ?? null;
    const pairs: [string, unknown][] = isNone(headers) ? [] : Array.from(headers as Iterable<unknown>, (k) => [str(k), getitem(headers, k)]);
    const names = new Set(pairs.map(([k]) => k.toLowerCase()));
    this.putrequest(method, url, ...(names.has("host") || names.has("accept-encoding") ? [kwOf({ skip_host: names.has("host"), skip_accept_encoding: names.has("accept-encoding") })] : []));
    if (typeof body === "string") body = Bytes.fromArray(new TextEncoder().encode(body));
    if (!isNone(body) && !(body instanceof Uint8Array)) throw new PyTypeError("body must be str or a bytes-like object");
    if (!names.has("content-length") && !names.has("transfer-encoding")) {
      if (!isNone(body)) this.putheader("Content-Length", String((body as Uint8Array).length));
      else if (BODY_METHODS.has(method.toUpperCase())) this.putheader("Content-Length", "0");
    }
    for (const [k, v] of pairs) this.putheader(k, v);
    this.endheaders(body);
    return null;
  }

  getresponse(): HTTPResponse {
    if (this.sock === null) throw new ResponseNotReady("Request-sent");
    const file = this.sock.makefile("rb");
    const method = this.method;
    const tunnelPending = this.tunnelPending;
    this.tunnelPending = false;
    const connection = this;
    return drive(
      (function* (): Steps<HTTPResponse> {
        try {
          if (tunnelPending) yield* connection.tunnelReplySteps(file, false);
          return yield* readResponse(file, method);
        } finally {
          file.close();
        }
      })(),
    );
  }

  __enter__(): this {
    return this;
  }

  __exit__(..._exc: unknown[]): null {
    return this.close();
  }
}

export class ResponseNotReady extends HTTPException {
  static override readonly __module__ = "http.client";
}

function kwOf(values: Record<string, unknown>): Kwargs {
  return new Kwargs(values);
}

/** `http.HTTPStatus`: the status codes, with phrase and description. */
export class HTTPStatus extends IntEnum {
  /** the members (`HTTPStatus.OK`), made from the data below */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static [member: string]: any;
  static readonly __module__ = "http";
  static {
    for (const [code, name] of HTTP_STATUS) (this as unknown as Record<string, bigint>)[name] = BigInt(code);
    defineMembers(this, HTTP_STATUS.map((row) => row[1]));
    for (const [, name, phrase, description] of HTTP_STATUS) {
      const member = (this as unknown as Record<string, object>)[name]!;
      Object.defineProperties(member, { phrase: { value: phrase }, description: { value: description } });
    }
  }
}

/** code -> phrase (`http.client.responses`). */
export function responsesTable(): Map<number, string> {
  return new Map(HTTP_STATUS.map(([code, , phrase]) => [code, phrase]));
}

// (class attributes: auto_open and debuglevel as CPython's, response_class the class getresponse makes)
declareClassValues(HTTPConnection, { auto_open: 1n, debuglevel: 0n, response_class: pyClass(HTTPResponse) });
export const HTTPConnectionClass = pyClass(HTTPConnection);
