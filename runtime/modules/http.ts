// The `http` package: HTTPStatus, and the submodules http.client and http.server.

import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { HttpHeaders, HTTPMessageClass } from "./http-headers.js";
import { HTTP_STATUS } from "./http-status-data.js";
import { BadStatusLine, HTTPConnectionClass, HTTPException, HTTPStatus, RemoteDisconnected, ResponseNotReady } from "./http-client.js";
import { HTTPSConnectionClass } from "./http-client-https.js";
import { callMethod } from "../values/methods.js";
import { runFlow, settled, type Flow } from "./urllib-opener.js";
import { Cookie, CookieJar } from "./urllib-cookies.js";
import { BaseHTTPRequestHandlerClass } from "./http-server.js";
import { SimpleHTTPRequestHandlerClass } from "./http-server-simple.js";
import { HTTPServerClass, ThreadingHTTPServerClass } from "./socketserver.js";
import { HTTPResponse } from "./urllib.js";
import { Dict } from "../values/dict.js";
import { test } from "./http-server-test.js";
import { CGIHTTPRequestHandlerClass, executable, nobodyUid } from "./http-server-cgi.js";

/** http.client's other exceptions, in CPython's hierarchy. */
class NotConnected extends HTTPException {}
class InvalidURL extends HTTPException {}
class UnknownProtocol extends HTTPException {}
class UnknownTransferEncoding extends HTTPException {}
class UnimplementedFileMode extends HTTPException {}
class ImproperConnectionState extends HTTPException {}
class CannotSendRequest extends ImproperConnectionState {}
class CannotSendHeader extends ImproperConnectionState {}
/** `IncompleteRead(partial, expected=None)`: its str is its repr. */
class IncompleteRead extends HTTPException {
  readonly partial: Uint8Array;
  readonly expected: unknown;
  constructor(partial: Uint8Array, expected: unknown = null) {
    super(partial);
    this.partial = partial;
    this.expected = expected;
  }
  __repr__(): string {
    const more = this.expected === null ? "" : `, ${String(this.expected)} more expected`;
    return `IncompleteRead(${this.partial.length} bytes read${more})`;
  }
  __str__(): string {
    return this.__repr__();
  }
}
/** `LineTooLong(line_type)`: a header or status line past CPython's 65536 bytes. */
class LineTooLong extends HTTPException {
  constructor(lineType: unknown) {
    super(`got more than 65536 bytes when reading ${String(lineType)}`);
  }
}
for (const cls of [NotConnected, InvalidURL, UnknownProtocol, UnknownTransferEncoding, UnimplementedFileMode, ImproperConnectionState, CannotSendRequest, CannotSendHeader, IncompleteRead, LineTooLong]) {
  Object.defineProperty(cls, "__module__", { value: "http.client" });
}

/** `http.client.OK`, `NOT_FOUND`, ...: HTTPStatus's members, as CPython's module copies them. */
const STATUS_NAMES: Record<string, HTTPStatus> = Object.fromEntries(HTTP_STATUS.map((row) => [row[1], (HTTPStatus as unknown as Record<string, HTTPStatus>)[row[1]]!]));

/** `parse_headers(fp)`: header lines read from fp up to the blank line, as an HTTPMessage. */
function parse_headers(fp: unknown): HttpHeaders {
  return runFlow(
    (function* (): Flow<HttpHeaders> {
      const raw: string[] = [];
      for (;;) {
        const line = new TextDecoder("latin1").decode((yield* settled(callMethod(fp, "readline", 65537n))) as Uint8Array);
        if (line === "\r\n" || line === "\n" || line === "") break;
        const colon = line.indexOf(":");
        raw.push(line.slice(0, colon), line.slice(colon + 1).trim());
      }
      return HttpHeaders.fromRaw(raw);
    })(),
  );
}

const clientModule = moduleObject("http.client", {
  parse_headers,
  ...STATUS_NAMES,
  error: HTTPException,
  NotConnected,
  InvalidURL,
  UnknownProtocol,
  UnknownTransferEncoding,
  UnimplementedFileMode,
  ImproperConnectionState,
  CannotSendRequest,
  CannotSendHeader,
  IncompleteRead,
  LineTooLong,
  HTTPConnection: HTTPConnectionClass,
  HTTPSConnection: HTTPSConnectionClass,
  HTTPResponse: pyClass(HTTPResponse),
  HTTPMessage: HTTPMessageClass,
  HTTPException,
  RemoteDisconnected,
  BadStatusLine,
  ResponseNotReady,
  HTTP_PORT: 80n,
  HTTPS_PORT: 443n,
  responses: new Dict<bigint, string>(HTTP_STATUS.map(([code, , phrase]) => [BigInt(code), phrase] as const)),
});

/** (typed with the status names, which come from data) */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const client = clientModule as typeof clientModule & { readonly [status: string]: any };

/** `nobody_uid()`: the uid of user "nobody", also kept in the module's `nobody`. */
function nobody_uid(): bigint {
  server.nobody = nobodyUid();
  return server.nobody;
}

const server = moduleObject("http.server", {
  HTTPStatus,
  HTTPServer: HTTPServerClass,
  ThreadingHTTPServer: ThreadingHTTPServerClass,
  BaseHTTPRequestHandler: BaseHTTPRequestHandlerClass,
  SimpleHTTPRequestHandler: SimpleHTTPRequestHandlerClass,
  CGIHTTPRequestHandler: CGIHTTPRequestHandlerClass,
  DEFAULT_ERROR_MESSAGE: BaseHTTPRequestHandlerClass.error_message_format,
  DEFAULT_ERROR_CONTENT_TYPE: "text/html;charset=utf-8",
  executable,
  nobody_uid,
  test,
  nobody: null as bigint | null,
});

/** `http.cookiejar`: the jar urllib's HTTPCookieProcessor keeps (CookieJar and Cookie). */
const cookiejar = moduleObject("http.cookiejar", { CookieJar: pyClass(CookieJar), Cookie: pyClass(Cookie) });

export const httpModule = moduleObject("http", { HTTPStatus, client, server, cookiejar });
