// `http.server` (with socketserver's TCPServer loop): HTTPServer, ThreadingHTTPServer,
// BaseHTTPRequestHandler and SimpleHTTPRequestHandler, on the `socket` module's sockets,
// following Lib/http/server.py and Lib/socketserver.py. A program runs serve_forever() in a
// thread; its waits (select, readline) are thread switches, and a handler's do_GET may itself
// wait (it is awaited when the lowering made it async).

import { Bytes } from "../values/bytes.js";
import { Tuple } from "../values/tuple.js";
import { str, repr } from "../values/repr.js";
import { percentFormat } from "../values/percent-format.js";
import { getattrImpl } from "../values/attributes.js";
import { Dict } from "../values/dict.js";
import { standardStreams } from "../values/print.js";
import { callMethod } from "../values/methods.js";
import { isThenable } from "../threads/scheduler.js";
import { callValue } from "./pycall.js";
import { truthy } from "../values/truth.js";
import { pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders, HTTPMessageClass } from "./http-headers.js";
import { HTTP_STATUS } from "./http-status-data.js";
import type { PySocket } from "./socket.js";
import type { SocketFile } from "./socket-file.js";

const RESPONSES = new Map(HTTP_STATUS.map(([code, , phrase, description]) => [code, [phrase, description] as const]));

const DEFAULT_ERROR_MESSAGE = `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %(code)d</p>
        <p>Message: %(message)s.</p>
        <p>Error code explanation: %(code)s - %(explain)s.</p>
    </body>
</html>
`;

const MONTHS = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export async function settle(x: unknown): Promise<unknown> {
  return isThenable(x) ? await x : x;
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

export class BaseHTTPRequestHandler {
  static readonly pythonName: string = "BaseHTTPRequestHandler";
  static readonly __module__: string = "http.server";
  [attr: string]: any;
  static server_version = "BaseHTTP/0.6";
  static sys_version = "Python/3.11.7";
  static protocol_version = "HTTP/1.0";
  static default_request_version = "HTTP/0.9";
  static error_message_format = DEFAULT_ERROR_MESSAGE;
  static error_content_type = "text/html;charset=utf-8";
  static MessageClass = HTTPMessageClass;
  static disable_nagle_algorithm = false;
  static rbufsize = -1n;
  static wbufsize = 0n;
  static timeout = null;
  static monthname = [null, ...MONTHS.slice(1)];
  static weekdayname = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  static responses = new Dict<bigint, Tuple>([...RESPONSES].map(([code, pair]) => [BigInt(code), Tuple.of(pair[0], pair[1])] as const));

  constructor(request: unknown, client_address: unknown, server: unknown) {
    this.request = request;
    this.client_address = client_address;
    this.server = server;
    this.close_connection = true;
    this.requestline = "";
    this.request_version = "";
    this.command = null;
    this._headers_buffer = [] as string[];
  }

  private cls(): Record<string, any> {
    return this.constructor as unknown as Record<string, any>;
  }

  /** setup(), handle(), finish(): what socketserver's BaseRequestHandler.__init__ runs. */
  async _serve(): Promise<void> {
    await settle(this.setup());
    try {
      await settle(this.handle());
    } finally {
      await settle(this.finish());
    }
  }

  setup(): any {
    const sock = this.request as PySocket;
    this.connection = sock;
    this.rfile = sock.makefile("rb");
    this.wfile = sock.makefile("wb");
    return null;
  }

  finish(): any {
    const wfile = this.wfile as SocketFile;
    if (!wfile.closed) wfile.flush();
    wfile.close();
    (this.rfile as SocketFile).close();
    return null;
  }

  async handle(): Promise<any> {
    this.close_connection = true;
    await this.handle_one_request();
    while (!this.close_connection) await this.handle_one_request();
    return null;
  }

  async handle_one_request(): Promise<any> {
    const line = (await settle(callMethod(this.rfile, "readline", 65537n))) as Bytes;
    this.raw_requestline = line;
    if (line.length === 0) {
      this.close_connection = true;
      return null;
    }
    if (!(await this.parse_request())) return null;
    const name = `do_${this.command}`;
    let method: unknown;
    try {
      method = getattrImpl(this, name);
    } catch {
      this.send_error(501n, `Unsupported method (${repr(this.command)})`);
      return null;
    }
    await settle(callValue(method));
    (this.wfile as SocketFile).flush();
    return null;
  }

  async parse_request(): Promise<any> {
    this.command = null;
    let version = this.cls()["default_request_version"] as string;
    this.request_version = version;
    this.close_connection = true;
    const requestline = new TextDecoder("latin1").decode(this.raw_requestline as Bytes).replace(/\r?\n$/, "");
    this.requestline = requestline;
    const words = requestline.split(/\s+/).filter((w) => w !== "");
    if (words.length === 0) return false;
    if (words.length >= 3) {
      version = words[words.length - 1]!;
      const m = /^HTTP\/(\d+)\.(\d+)$/.exec(version);
      if (m === null) {
        this.send_error(400n, `Bad request version (${repr(version)})`);
        return false;
      }
      const v = [Number(m[1]), Number(m[2])];
      if (v[0]! >= 1 && v[1]! >= 1 && this.protocolVersion() >= 11) this.close_connection = false;
      if (v[0]! >= 2) {
        this.send_error(505n, `Invalid HTTP version (${m[1]}.${m[2]})`);
        return false;
      }
      this.request_version = version;
    }
    if (words.length < 2 || words.length > 3) {
      this.send_error(400n, `Bad request syntax (${repr(requestline)})`);
      return false;
    }
    const [command, path] = words as [string, string];
    if (words.length === 2) {
      this.close_connection = true;
      if (command !== "GET") {
        this.send_error(400n, `Bad HTTP/0.9 request type (${repr(command)})`);
        return false;
      }
    }
    this.command = command;
    this.path = path.startsWith("//") ? "/" + path.replace(/^\/+/, "") : path;
    const raw: string[] = [];
    for (;;) {
      const header = new TextDecoder("latin1").decode((await settle(callMethod(this.rfile, "readline", 65537n))) as Bytes);
      if (header === "\r\n" || header === "\n" || header === "") break;
      const colon = header.indexOf(":");
      raw.push(header.slice(0, colon), header.slice(colon + 1).trim());
    }
    this.headers = HttpHeaders.fromRaw(raw);
    const conntype = String(this.headers.get("Connection", "")).toLowerCase();
    if (conntype === "close") this.close_connection = true;
    else if (conntype === "keep-alive" && this.protocolVersion() >= 11) this.close_connection = false;
    // (a client that sends `Expect: 100-continue` waits for the go-ahead before its body)
    const expect = String(this.headers.get("Expect", "")).toLowerCase();
    if (expect === "100-continue" && this.protocolVersion() >= 11 && String(this.request_version) >= "HTTP/1.1") {
      if (!truthy(await settle(callMethod(this, "handle_expect_100")))) return false;
    }
    return true;
  }

  handle_expect_100(): any {
    this.send_response_only(100n);
    this.end_headers();
    return true;
  }

  private protocolVersion(): number {
    const m = /^HTTP\/(\d+)\.(\d+)$/.exec(String(this.protocol_version));
    return m === null ? 10 : Number(m[1]) * 10 + Number(m[2]);
  }

  send_error(code: unknown, message: unknown = null, explain: unknown = null): any {
    const n = Number(toNumber(code));
    const known = RESPONSES.get(n);
    const shortmsg = known?.[0] ?? "???";
    const longmsg = known?.[1] ?? "???";
    const msg = message === null || message === undefined ? shortmsg : str(message);
    const exp = explain === null || explain === undefined ? longmsg : str(explain);
    this.log_error("code %d, message %s", BigInt(n), msg);
    this.send_response(BigInt(n), msg);
    this.send_header("Connection", "close");
    let body: Uint8Array | null = null;
    if (n >= 200 && n !== 204 && n !== 205 && n !== 304) {
      const content = percentFormat(String(this.error_message_format), new Dict<string, unknown>([["code", BigInt(n)], ["message", htmlEscape(msg)], ["explain", htmlEscape(exp)]]));
      body = new TextEncoder().encode(content);
      this.send_header("Content-Type", this.error_content_type);
      this.send_header("Content-Length", String(body.length));
    }
    this.end_headers();
    if (this.command !== "HEAD" && body !== null) (this.wfile as SocketFile).write(Bytes.fromArray(body));
    return null;
  }

  send_response(code: unknown, message: unknown = null): any {
    this.log_request(code);
    this.send_response_only(code, message);
    this.send_header("Server", this.version_string());
    this.send_header("Date", this.date_time_string());
    return null;
  }

  send_response_only(code: unknown, message: unknown = null): any {
    if (this.request_version !== "HTTP/0.9") {
      const msg = message === null || message === undefined ? (RESPONSES.get(Number(toNumber(code)))?.[0] ?? "") : str(message);
      this._headers_buffer.push(`${this.protocol_version} ${str(code)} ${msg}\r\n`);
    }
    return null;
  }

  send_header(keyword: unknown, value: unknown): any {
    if (this.request_version !== "HTTP/0.9") this._headers_buffer.push(`${str(keyword)}: ${str(value)}\r\n`);
    if (str(keyword).toLowerCase() === "connection") {
      const v = str(value).toLowerCase();
      if (v === "close") this.close_connection = true;
      else if (v === "keep-alive") this.close_connection = false;
    }
    return null;
  }

  end_headers(): any {
    if (this.request_version !== "HTTP/0.9") {
      this._headers_buffer.push("\r\n");
      this.flush_headers();
    }
    return null;
  }

  flush_headers(): any {
    const text = (this._headers_buffer as string[]).join("");
    if (text !== "") {
      const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
      (this.wfile as SocketFile).write(Bytes.fromArray(bytes));
      this._headers_buffer = [];
    }
    return null;
  }

  log_request(code: unknown = "-", size: unknown = "-"): any {
    this.log_message('"%s" %s %s', this.requestline, str(typeof code === "object" && code !== null && "value" in code ? (code as { value: unknown }).value : code), str(size));
    return null;
  }

  log_error(format: unknown, ...args: unknown[]): any {
    this.log_message(format, ...args);
    return null;
  }

  log_message(format: unknown, ...args: unknown[]): any {
    const text = percentFormat(str(format), Tuple.from(args));
    callMethod(standardStreams.stderr, "write", `${this.address_string()} - - [${this.log_date_time_string()}] ${text.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}\n`);
    return null;
  }

  version_string(): any {
    return `${this.server_version} ${this.sys_version}`;
  }

  date_time_string(timestamp: unknown = null): any {
    const d = timestamp === null || timestamp === undefined ? new Date() : new Date(toNumber(timestamp) * 1000);
    return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth() + 1]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`;
  }

  log_date_time_string(): any {
    const d = new Date();
    return `${pad(d.getDate())}/${MONTHS[d.getMonth() + 1]}/${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  address_string(): any {
    return str((this.client_address as Tuple).at(0));
  }
}

// Class attributes read through the instance (`self.protocol_version`), as Python's are.
for (const name of [
  "server_version", "sys_version", "protocol_version", "default_request_version", "error_message_format", "error_content_type", "responses",
  "MessageClass", "disable_nagle_algorithm", "rbufsize", "wbufsize", "timeout", "monthname", "weekdayname",
]) {
  Object.defineProperty(BaseHTTPRequestHandler.prototype, name, {
    get(this: BaseHTTPRequestHandler) {
      return (this.constructor as unknown as Record<string, unknown>)[name];
    },
    set(this: BaseHTTPRequestHandler, value: unknown) {
      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
    },
    configurable: true,
  });
}

export const BaseHTTPRequestHandlerClass = pyClass(BaseHTTPRequestHandler);
