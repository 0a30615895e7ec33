// The `http` package: HTTPStatus, and the submodules http.client and http.server.

import { pyClass } from "./callable-class.js";
import { moduleObject } from "./module-object.js";
import { HttpHeaders } from "./http-headers.js";
import { HTTP_STATUS } from "./http-status-data.js";
import { BadStatusLine, HTTPConnectionClass, HTTPException, HTTPStatus, RemoteDisconnected, ResponseNotReady } from "./http-client.js";
import { BaseHTTPRequestHandlerClass } from "./http-server.js";
import { SimpleHTTPRequestHandlerClass } from "./http-server-simple.js";
import { HTTPServerClass, ThreadingHTTPServerClass } from "./socketserver.js";
import { HTTPResponse } from "./urllib.js";
import { Dict } from "../values/dict.js";

const client = moduleObject("http.client", {
  HTTPConnection: HTTPConnectionClass,
  HTTPResponse: pyClass(HTTPResponse),
  HTTPMessage: pyClass(HttpHeaders),
  HTTPException,
  RemoteDisconnected,
  BadStatusLine,
  ResponseNotReady,
  HTTP_PORT: 80n,
  HTTPS_PORT: 443n,
  responses: new Dict<bigint, string>(HTTP_STATUS.map(([code, , phrase]) => [BigInt(code), phrase] as const)),
});

const server = moduleObject("http.server", {
  HTTPServer: HTTPServerClass,
  ThreadingHTTPServer: ThreadingHTTPServerClass,
  BaseHTTPRequestHandler: BaseHTTPRequestHandlerClass,
  SimpleHTTPRequestHandler: SimpleHTTPRequestHandlerClass,
  DEFAULT_ERROR_MESSAGE: BaseHTTPRequestHandlerClass.error_message_format,
  DEFAULT_ERROR_CONTENT_TYPE: "text/html;charset=utf-8",
});

export const httpModule = moduleObject("http", { HTTPStatus, client, server });
