// Python's `urllib.request.urlopen`, synchronous as in CPython: the calling thread blocks
// (Atomics.wait) while a helper worker thread performs the request, so a coroutine that calls
// it stalls the whole event loop (lecture example 05a).
//
// With no opener installed, an http(s) URL takes the fast path: the helper makes the exchange
// and follows redirects itself, as the default opener would. Anything else (an installed
// opener, another scheme, a proxy from the environment) goes through OpenerDirector.

import { Bytes } from "../values/bytes.js";
import { TimeoutError } from "../values/exceptions.js";
import { splitKw } from "../values/kwargs.js";
import { repr, str } from "../values/repr.js";
import { recording } from "../core/recording.js";
import { isNone, pyClass, toNumber } from "./callable-class.js";
import { HttpHeaders } from "./http-headers.js";
import { HTTPResponse } from "./http-response.js";
import { urllibParseModule } from "./urllib-parse.js";
import { moduleObject } from "./module-object.js";
import { inGreenThread, waitInThread } from "../threads/scheduler.js";
import { blockingRequest, requestInBackground, type HelperJob, type WorkerReply } from "./urllib-helper.js";
import { ContentTooShortError, HTTPError, osErrorFor, URLError } from "./urllib-errors.js";
import { prepareRequest, Request, sentHeaders } from "./urllib-request-object.js";
import { GLOBAL_DEFAULT_TIMEOUT, type OpenerDirector } from "./urllib-opener.js";
import { build_opener, installedOpener, urllibRequestNames, useUrlopen } from "./urllib-request-module.js";
import { getproxies } from "./urllib-handlers.js";
import { addinfourl } from "./urllib-local-handlers.js";

export { HTTPResponse, URLError, HTTPError, osErrorFor, Request };

const DEFAULT_ADDHEADERS = [["User-agent", "Python-urllib/3.11"]];

/**
 * `urllib.request.urlopen(url, data=None, timeout=...)`. In a green thread of a program using
 * threads (a call the lowering awaits, or a function run by a thread or executor), it waits
 * without blocking the others, as CPython's I/O releases the GIL.
 */
export function urlopen(...args: unknown[]): HTTPResponse {
  return openURL(args, inGreenThread()) as HTTPResponse;
}

/** `urlopen(...)` where the lowering awaits it in a program using threads. */
export function threadUrlopen(...args: unknown[]): Promise<HTTPResponse> {
  return openURL(args, true) as Promise<HTTPResponse>;
}

useUrlopen(urlopen, threadUrlopen);

/** The opener urlopen() uses for what the fast path does not do (built once, as CPython's `_opener`). */
let defaultOpener: OpenerDirector | null = null;

function openURL(args: unknown[], background: boolean): HTTPResponse | Promise<HTTPResponse> {
  const [pos, kws] = splitKw(args);
  const target = pos[0] ?? kws["url"];
  const data = pos.length > 1 ? pos[1] : kws["data"] ?? null;
  const timeout = pos.length > 2 ? pos[2] : "timeout" in kws ? kws["timeout"] : GLOBAL_DEFAULT_TIMEOUT;
  const opener = installedOpener();
  const request = opener === null ? (typeof target === "string" ? new Request(target) : (target as Request)) : null;
  if (opener !== null || request === null || (request.type !== "http" && request.type !== "https") || getproxies().has(request.type)) {
    const chosen = opener ?? (defaultOpener ??= build_opener());
    const opened = chosen.open(target, data, timeout) as HTTPResponse;
    return background ? Promise.resolve(opened) : opened;
  }
  if (!isNone(data)) request.data = data;
  request.timeout = timeout;
  prepareRequest(request, DEFAULT_ADDHEADERS);
  const headers: Record<string, string> = {};
  const sent = sentHeaders(request);
  if (!sent.has("Accept-Encoding")) headers["Accept-Encoding"] = "identity";
  for (const name of sent) headers[name] = str(sent.get(name));
  const body = isNone(request.data) ? null : Bytes.fromArray(request.data as Uint8Array);
  const url = request.full_url;
  const job: HelperJob = {
    url, method: request.get_method(), headers, body, follow: true,
    timeoutMs: timeout === GLOBAL_DEFAULT_TIMEOUT || isNone(timeout) ? null : toNumber(timeout) * 1000,
  };
  const rec = recording.recorder;
  const start = rec === null || background ? 0 : rec.blockingBegin();
  if (background) {
    const waiting = requestInBackground(job);
    return Promise.resolve(waitInThread(waiting)).then((reply) => responseFor(reply));
  }
  const reply = blockingRequest(job);
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

/** The `urllib` package object: `urllib.request`, `urllib.error` and `urllib.parse`. */
export const urllibModule = moduleObject("urllib", {
  request: moduleObject("urllib.request", { urlopen, Request: pyClass(Request), ...urllibRequestNames }),
  error: moduleObject("urllib.error", { URLError: pyClass(URLError), HTTPError: pyClass(HTTPError), ContentTooShortError: pyClass(ContentTooShortError) }),
  parse: urllibParseModule,
  response: moduleObject("urllib.response", { addinfourl: pyClass(addinfourl) }),
});
