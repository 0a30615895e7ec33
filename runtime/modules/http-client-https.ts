// http.client's HTTPSConnection: the exchange runs on the HTTP helper thread (Node's TLS
// client), so it needs no TLS on the `socket` module's sockets. request() gathers the request
// as HTTPConnection does; getresponse() sends it and waits for the whole response: blocking,
// or (green threads running) as a wait the lowering awaits while the other threads run.

import { Bytes } from "../values/bytes.js";
import { NotImplementedError, PyTypeError, TimeoutError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { str } from "../values/repr.js";
import { getitem } from "../values/subscript.js";
import { greenThreadsRun, waitInThread } from "../threads/scheduler.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { HTTPResponse } from "./http-response.js";
import { HTTPConnection, ResponseNotReady } from "./http-client.js";
import { blockingRequest, requestInBackground, type HelperJob, type WorkerReply } from "./urllib-helper.js";
import { osErrorFor } from "./urllib-errors.js";

const BODY_METHODS = new Set(["PATCH", "POST", "PUT"]);

export class HTTPSConnection extends HTTPConnection {
  static override readonly pythonName: string = "HTTPSConnection";
  static override default_port = 443n;
  private pending: HelperJob | null = null;

  constructor(...args: unknown[]) {
    const [pos, kws] = splitKw(args);
    const hasPort = !isNone(pos[1] ?? kws["port"]) || /:\d+$/.test(str(pos[0] ?? kws["host"]));
    super(...args);
    if (!hasPort) this.port = 443n;
  }

  /** (the TLS exchange runs on Node's client, which pyts does not route through a proxy) */
  override set_tunnel(..._args: unknown[]): null {
    throw new NotImplementedError("pyts: HTTPSConnection.set_tunnel() is not supported (TLS runs on Node's HTTPS client, without a proxy tunnel)");
  }

  override request(...args: unknown[]): null {
    const [pos, kws] = splitKw(args);
    const method = str(pos[0] ?? kws["method"]);
    const url = str(pos[1] ?? kws["url"]);
    let body = pos.length > 2 ? pos[2] : kws["body"] ?? null;
    const given = (pos.length > 3 ? pos[3] : kws["headers"]) ?? null;
    const pairs: [string, unknown][] = isNone(given) ? [] : Array.from(given as Iterable<unknown>, (k) => [str(k), getitem(given, k)]);
    const names = new Set(pairs.map(([k]) => k.toLowerCase()));
    const headers: Record<string, string> = {};
    if (!names.has("host")) headers["Host"] = this.port === 443n ? this.host : `${this.host}:${this.port}`;
    if (!names.has("accept-encoding")) headers["Accept-Encoding"] = "identity";
    if (typeof body === "string") body = Bytes.fromArray(new TextEncoder().encode(body));
    if (!isNone(body) && !(body instanceof Uint8Array)) throw new PyTypeError("body must be str or a bytes-like object");
    if (!names.has("content-length") && !names.has("transfer-encoding")) {
      if (!isNone(body)) headers["Content-Length"] = String((body as Uint8Array).length);
      else if (BODY_METHODS.has(method.toUpperCase())) headers["Content-Length"] = "0";
    }
    for (const [k, v] of pairs) headers[k] = str(v);
    const timeout = this.timeout;
    this.pending = {
      url: `https://${this.host.includes(":") ? `[${this.host}]` : this.host}:${this.port}${url.startsWith("/") ? url : url === "" ? "/" : url}`,
      method, headers, body: isNone(body) ? null : (body as Bytes), follow: false,
      timeoutMs: timeout === undefined || isNone(timeout) ? null : toNumber(timeout) * 1000,
    };
    return null;
  }

  override getresponse(): HTTPResponse {
    const job = this.pending;
    if (job === null) throw new ResponseNotReady("Idle");
    this.pending = null;
    if (!greenThreadsRun()) return responseOf(blockingRequest(job));
    return waitInThread(requestInBackground(job).then(responseOf)) as unknown as HTTPResponse;
  }

  override close(): null {
    this.pending = null;
    return null;
  }
}

function responseOf(reply: WorkerReply): HTTPResponse {
  if (reply.kind === "error") {
    if (reply.code === "PYTS_READ_TIMEOUT" || reply.code === "PYTS_TIMEOUT") throw new TimeoutError("timed out");
    throw osErrorFor(reply.code, reply.message);
  }
  return new HTTPResponse(null, reply.status, reply.reason, reply.version, HttpHeaders.fromRaw(reply.rawHeaders), Bytes.fromArray(reply.body));
}

export const HTTPSConnectionClass = pyClass(HTTPSConnection);
